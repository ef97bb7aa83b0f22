using TmuxAgent.Host.Plan.Check;

namespace TmuxAgent.Tests.Plan;

public class PlanCheckSpecs
{
    private const string Header = "default_phase = \"planning\"\ncompletion_phase = \"done\"\n";

    private static (int Code, string Out, string Err) Check(string toml)
    {
        using var dir = new TempFolder();
        var path = dir.Write("orchestrator.toml", toml);
        return PlanCli.Run("plan", "check", "--orchestrator-config", path);
    }

    private static string Task(string branch, string extra = "") =>
        $"\n[[tasks]]\nbranch = \"{branch}\"\nphases = [\"planning\", \"coding\", \"done\"]\n{extra}\n";

    [Test]
    public void The_storyapp_example_in_the_original_format_is_clean()
    {
        var (code, output, error) = PlanCli.Run("plan", "check", "--orchestrator-config", Path.Combine(PlanCli.Examples, "orchestrator.toml"));
        output.Should().Contain("5 task(s), no findings");
        error.Should().NotContain("warning:", "the example uses only keys the loader knows");
        code.Should().Be(0);
    }

    [Test]
    public void A_dependency_cycle_is_printed_as_the_cycle_with_file_line_and_branch()
    {
        var (code, output, _) = Check(Header + Task("app/a", "depends_on = [\"app/c\"]") + Task("app/b", "depends_on = [\"app/a\"]")
            + Task("app/c", "depends_on = [\"app/b\"]") + Task("app/d", "depends_on = [\"app/a\"]"));
        code.Should().Be(1);
        output.Should().MatchRegex(@"orchestrator\.toml:7:\d+: app/a: dependency cycle: app/a -> app/c -> app/b -> app/a .*\[cycle\]");
        output.Should().NotContain("app/d: dependency cycle");
    }

    [Test]
    public void A_task_depending_on_itself_is_a_cycle()
    {
        var (code, output, _) = Check(Header + Task("app/a", "depends_on = [\"app/a\"]"));
        code.Should().Be(1);
        output.Should().Contain("app/a: dependency cycle: app/a -> app/a");
    }

    [Test]
    public void Depends_on_naming_no_task_is_a_finding()
    {
        var (code, output, _) = Check(Header + Task("app/a") + Task("app/b", "depends_on = [\"app/apx\"]"));
        code.Should().Be(1);
        output.Should().MatchRegex(@"orchestrator\.toml:12:\d+: app/b: depends_on ""app/apx"", which no task has \[unknown-dependency\]");
    }

    [Test]
    public void A_duplicate_branch_is_a_finding_not_an_unreadable_file()
    {
        var (code, output, error) = Check(Header + Task("app/a") + Task("app/b") + Task("app/a", "responsible = \"x\""));
        error.Should().BeEmpty();
        output.Should().MatchRegex(@"orchestrator\.toml:15:\d+: app/a: branch is already a task at line 5 \[duplicate-branch\]");
        code.Should().Be(1);
    }

    [Test]
    public void A_duplicate_branch_does_not_hide_other_findings()
    {
        var (code, output, _) = Check(Header + Task("app/a", "depends_on = [\"app/zzz\"]") + Task("app/a"));
        code.Should().Be(1);
        output.Should().Contain("[duplicate-branch]").And.Contain("[unknown-dependency]");
    }

    [Test]
    public void A_duplicate_branch_next_to_a_real_error_still_exits_2()
    {
        var (code, _, error) = Check(Header + "poll_interval = \"soon\"\n" + Task("app/a") + Task("app/a"));
        code.Should().Be(2);
        error.Should().Contain("poll_interval: expected a number");
    }

    [Test]
    public void Phases_lacking_the_completion_phase_are_a_finding()
    {
        var (code, output, _) = Check(Header + "\n[[tasks]]\nbranch = \"app/a\"\nphases = [\"planning\", \"coding\"]\n");
        code.Should().Be(1);
        output.Should().MatchRegex(@"orchestrator\.toml:6:\d+: app/a: phases \[planning, coding\] lack completion_phase ""done"".*\[no-completion-phase\]");
    }

    [Test]
    public void Empty_phases_and_empty_phase_names_are_findings()
    {
        var (code, output, _) = Check(Header + "\n[[tasks]]\nbranch = \"app/a\"\nphases = []\n" + "\n[[tasks]]\nbranch = \"app/b\"\nphases = [\"planning\", \"\", \"done\"]\n");
        code.Should().Be(1);
        output.Should().Contain("app/a: phases is empty [empty-phase]");
        output.Should().Contain("app/b: phases lists an empty phase name [empty-phase]");
    }

    [Test]
    public void Default_phase_missing_from_phases_is_an_unknown_phase()
    {
        var (code, output, _) = Check(Header + "\n[[tasks]]\nbranch = \"app/a\"\nphases = [\"coding\", \"done\"]\n");
        code.Should().Be(1);
        output.Should().Contain("app/a: the task starts in default_phase \"planning\", which its phases [coding, done] do not list [unknown-phase]");
    }

    [Test]
    public void A_plan_for_a_phase_the_task_does_not_have_is_an_unknown_phase()
    {
        var (code, output, _) = Check(Header + Task("app/a") + "[tasks.plan]\ncoding = [\"npm test\"]\ntestng = [\"npm run e2e\"]\n");
        code.Should().Be(1);
        output.Should().Contain("app/a: plan has commands for phase \"testng\", which phases do not list [unknown-phase]");
        output.Should().NotContain("\"coding\", which");
    }

    [Test]
    public void A_phase_prompt_for_a_phase_no_task_has_is_an_unknown_phase()
    {
        using var dir = new TempFolder();
        dir.Write("review.md", "review");
        var path = dir.Write("orchestrator.toml", Header + "\n[phase_prompts]\nreveiw = \"review.md\"\n" + Task("app/a"));
        var (code, output, _) = PlanCli.Run("plan", "check", "--orchestrator-config", path);
        code.Should().Be(1);
        output.Should().Contain("*: phase_prompts.reveiw: no task has phase \"reveiw\" [unknown-phase]");
    }

    [Test]
    public void Two_tasks_claiming_one_tmux_session_are_a_finding()
    {
        var (code, output, _) = Check(Header + Task("app/a", "session = \"agents\"") + Task("app/b", "session = \"agents\"")
            + Task("app/x-y") + Task("app/x/y"));
        code.Should().Be(1);
        output.Should().MatchRegex(@"orchestrator\.toml:\d+:\d+: app/b: tmux session ""agents"" is already claimed by app/a \(line 5\) \[shared-session\]");
        output.Should().Contain("app/x/y: tmux session \"agent-app-x-y\" is already claimed by app/x-y");
    }

    [Test]
    public void An_unreadable_config_exits_2_naming_file_line_and_key()
    {
        var (code, _, error) = Check(Header + "max_commands_per_cycle = \"two\"\n" + Task("app/a"));
        code.Should().Be(2);
        error.Should().MatchRegex(@"orchestrator\.toml:3:\d+: max_commands_per_cycle: expected an integer, got ""two""");
    }

    [Test]
    public void A_toml_syntax_error_or_missing_file_exits_2()
    {
        Check("[[tasks]\nbranch = ").Code.Should().Be(2);
        var (code, _, error) = PlanCli.Run("plan", "check", "--orchestrator-config", "/nonexistent/orchestrator.toml");
        code.Should().Be(2);
        error.Should().Contain("/nonexistent/orchestrator.toml: file not found");
    }

    [Test]
    public void Cycles_are_found_once_each_and_start_at_their_first_task()
    {
        var cycles = DependencyCycles.Find([("a", ["b"]), ("b", ["a", "c"]), ("c", ["b"]), ("d", [])]);
        cycles.Select(c => string.Join(">", c)).Should().BeEquivalentTo("a>b>a", "b>c>b");
    }
}
