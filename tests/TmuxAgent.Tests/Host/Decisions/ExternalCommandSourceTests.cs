using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Policy;
using TmuxAgent.Config;
using TmuxAgent.Host.Decisions;

namespace TmuxAgent.Tests.Host.Decisions;

[Category("process")]
public class ExternalCommandSourceTests
{
    private TempDir _dir = null!;

    [SetUp] public void SetUp() => _dir = new TempDir();
    [TearDown] public void TearDown() => _dir.Dispose();

    [Test]
    public async Task The_prompt_goes_to_stdin_with_placeholders_and_the_answer_comes_back()
    {
        var template = _dir.File("prompt.md", "BRANCH={branch}\nPHASE={phase}\nPANE:\n{log_excerpt}\n{{literal}}");
        var bin = _dir.Script("decide.sh", $"cat > '{_dir["stdin.txt"]}'\necho 'thinking...'\necho '{{\"summary\": \"ok\", \"commands\": [{{\"text\": \"npm test\"}}]}}'");
        var source = Source(new DecisionCommandConfig { Bin = bin, TimeoutSeconds = 10 }, template);

        var outcome = await source.DecideAsync(Context("storyapp/x", "pane line 1\npane line 2"), CancellationToken.None);

        outcome.Should().BeOfType<DecisionAnswered>().Which.Decision.Commands.Single().Text.Should().Be("npm test");
        File.ReadAllText(_dir["stdin.txt"]).Should().Be("BRANCH=storyapp/x\nPHASE=planning\nPANE:\npane line 1\npane line 2\n{literal}");
    }

    [Test]
    public async Task Extra_args_and_env_reach_the_command()
    {
        var bin = _dir.Script("decide.sh", "cat >/dev/null\nprintf '{\"summary\": \"%s %s\", \"commands\": []}' \"$1\" \"$MODEL\"");
        var source = Source(new DecisionCommandConfig { Bin = bin, ExtraArgs = ["exec"], Env = new Dictionary<string, string> { ["MODEL"] = "m1" }, TimeoutSeconds = 10 });

        var outcome = await source.DecideAsync(Context("a/b"), CancellationToken.None);

        outcome.Should().BeOfType<DecisionAnswered>().Which.Decision.Summary.Should().Be("exec m1");
    }

    [TestCase("cat >/dev/null", DecisionErrorKinds.EmptyOutput)]
    [TestCase("cat >/dev/null; echo 'this is not json {'", DecisionErrorKinds.JsonParseError)]
    [TestCase("cat >/dev/null; echo '[\"a\"]'", DecisionErrorKinds.InvalidPayloadType)]
    [TestCase("cat >/dev/null; printf '{\"commands\": [{\"text\": \"\\377\"}]}'", DecisionErrorKinds.Utf8DecodeError)]
    [TestCase("cat >/dev/null; echo boom >&2; exit 3", DecisionErrorKinds.ProcessError)]
    public async Task Every_failure_is_reported_with_its_kind_never_thrown(string body, string kind)
    {
        var source = Source(new DecisionCommandConfig { Bin = _dir.Script("decide.sh", body), TimeoutSeconds = 10 });

        var outcome = await source.DecideAsync(Context("a/b"), CancellationToken.None);

        outcome.Should().BeOfType<DecisionFailure>().Which.Kind.Should().Be(kind);
    }

    [Test]
    public async Task A_missing_program_is_a_process_error()
    {
        var source = Source(new DecisionCommandConfig { Bin = _dir["no-such-program"], TimeoutSeconds = 10 });

        var outcome = await source.DecideAsync(Context("a/b"), CancellationToken.None);

        outcome.Should().BeOfType<DecisionFailure>().Which.Kind.Should().Be(DecisionErrorKinds.ProcessError);
    }

    [Test]
    public async Task A_command_past_its_timeout_is_killed_with_its_children()
    {
        var pidFile = _dir["child.pid"];
        var bin = _dir.Script("slow.sh", $"cat >/dev/null\nsleep 60 &\necho $! > '{pidFile}'\nwait");
        var source = Source(new DecisionCommandConfig { Bin = bin, TimeoutSeconds = 1 });

        var outcome = await source.DecideAsync(Context("a/b"), CancellationToken.None);

        outcome.Should().BeOfType<DecisionFailure>().Which.Kind.Should().Be(DecisionErrorKinds.Timeout);
        var child = int.Parse(File.ReadAllText(pidFile).Trim());
        await Task.Delay(200);
        IsAlive(child).Should().BeFalse("the whole process tree is killed on timeout");
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ");
        }
        catch (ArgumentException) { return false; }
        catch (IOException) { return false; }
    }

    private ExternalCommandSource Source(DecisionCommandConfig codex, string? template = null)
    {
        var config = new OrchestratorConfig
        {
            SourcePath = _dir["orchestrator.toml"], DisplayPath = "orchestrator.toml", DecisionCommand = codex,
            Prompts = template is null ? new PromptsConfig() : new PromptsConfig { Command = new FileReference("prompt.md", template, default) },
        };
        return new ExternalCommandSource(codex, new PromptBuilder(config));
    }

    internal static DecisionContext Context(string branch, string pane = "$ ")
    {
        var task = new TaskConfig { Branch = branch, Phases = ["planning", "done"], Location = default };
        var state = BranchEvolver.Fold(BranchState.New(branch),
            [new TaskPlanned(task.ToPlan(), "planning") { Branch = branch, At = DateTimeOffset.UnixEpoch }]);
        return new DecisionContext(state, task, pane, "bash", false, OrchestratorPolicy.Default);
    }
}
