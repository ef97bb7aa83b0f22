using System.Xml.Linq;

namespace TmuxAgent.Tests.Plan;

public class PlanTestSpecs
{
    private static string ExampleScenarios => Path.Combine(PlanCli.Examples, "plan-scenarios.yaml");
    private static string ExampleConfig => Path.Combine(PlanCli.Examples, "orchestrator.toml");

    /// <summary>The example suite with one expectation changed, in a temp folder next to a copy of the example config.</summary>
    private static string WrongCopy(TempFolder dir, string right, string wrong)
    {
        var text = File.ReadAllText(ExampleScenarios);
        text.Should().Contain(right);
        dir.Write("orchestrator.toml", File.ReadAllText(ExampleConfig));
        return dir.Write("plan-scenarios.yaml", text.Replace(right, wrong));
    }

    private static int LineOf(string file, string text) =>
        File.ReadAllLines(file).Select((l, i) => (l, i)).First(x => x.l.Contains(text)).i + 1;

    [Test]
    public void The_example_scenarios_exercise_every_policy_rule_and_pass()
    {
        var (code, output, error) = PlanCli.Run("plan", "test", ExampleScenarios);
        error.Should().BeEmpty();
        output.Should().Contain("15 scenario(s): 15 passed, 0 failed").And.NotContain("FAIL");
        code.Should().Be(0);
    }

    [Test]
    public void The_example_scenarios_cover_every_rule_the_issue_lists()
    {
        var text = File.ReadAllText(ExampleScenarios);
        text.Should().Contain("blocked_by:").And.Contain("unblocked: true").And.Contain("reason: blocked", "dependencies");
        text.Should().Contain("approve:").And.Contain("reason: risk_level=high").And.Contain("reason: requires_confirmation", "approvals");
        text.Should().Contain("reason: pane_busy").And.Contain("reason: behind_queue").And.Contain("reason: approved", "queueing");
        text.Should().Contain("reason: session_cooldown", "session cooldown");
        text.Should().Contain("decision_requested: false", "branch cooldown and back-off");
        text.Should().Contain("reason: max_commands_per_cycle", "max commands per cycle");
        text.Should().Contain("reason: duplicate", "dedup");
        text.Should().Contain("decision_error:").And.Contain("notify: true", "back-off and the failure alert");
        text.Should().Contain("reason: completed", "completion");
        text.Should().Contain("deny:").And.Contain("denied:", "denial");
        text.Should().Contain("dry_run: true").And.Contain("dry_run: [npm test]", "dry-run");
        text.Should().Contain("stalled: true").And.Contain("delivered:").And.Contain("exit:").And.Contain("delivery_failed:", "delivery and stalls");
    }

    [Test]
    public void A_wrong_expectation_fails_naming_scenario_step_line_expected_and_got()
    {
        using var dir = new TempFolder();
        var file = WrongCopy(dir, "queued: [{ command: npm test, reason: session_cooldown }]", "queued: [{ command: npm test, reason: pane_busy }]");
        var line = LineOf(file, "commands: [npm ci, npm test]") - 1;

        var (code, output, _) = PlanCli.Run("plan", "test", file);

        code.Should().Be(1);
        output.Should().Contain("FAIL  session cooldown spaces out commands typed into one pane (1/5 steps)");
        output.Should().Contain($"scenario \"session cooldown spaces out commands typed into one pane\", step 1 at plan-scenarios.yaml:{line}: decision storyapp/story-model (2 command(s))");
        output.Should().Contain("expected: queued [\"npm test\" (pane_busy)]");
        output.Should().Contain("got:      queued [\"npm test\" (session_cooldown)]");
        output.Should().Contain("happened: decision received (2 command(s)); dispatched \"npm ci\"; queued \"npm test\" (session_cooldown)");
        output.Should().Contain("15 scenario(s): 14 passed, 1 failed");
    }

    [Test]
    public void A_failing_run_writes_a_junit_report_with_the_failure()
    {
        using var dir = new TempFolder();
        var file = WrongCopy(dir, "expect: { dry_run: [npm test], dispatched: [] }", "expect: { dispatched: [npm test] }");
        var junit = Path.Combine(dir.Path, "out", "plan.xml");

        PlanCli.Run("plan", "test", file, "--junit", junit).Code.Should().Be(1);

        var xml = XDocument.Load(junit);
        var suite = xml.Root!.Element("testsuite")!;
        suite.Attribute("tests")!.Value.Should().Be("15");
        suite.Attribute("failures")!.Value.Should().Be("1");
        var failed = suite.Elements("testcase").Single(t => t.Element("failure") is not null);
        failed.Attribute("name")!.Value.Should().Be("dry run records commands without typing them");
        failed.Element("failure")!.Value.Should().Contain("expected: dispatched [\"npm test\"]").And.Contain("got:      dispatched []");
        File.ReadAllBytes(junit)[0].Should().Be((byte)'<', "no byte-order mark");
    }

    [Test]
    public void The_same_file_gives_the_same_output_every_run()
    {
        using var dir = new TempFolder();
        var file = WrongCopy(dir, "expect: { stalled: true, notify: true }", "expect: { stalled: false }");
        var first = PlanCli.Run("plan", "test", file);
        var second = PlanCli.Run("plan", "test", file);
        second.Should().Be(first);
        first.Code.Should().Be(1);
    }

    [Test]
    public void Scenario_policy_overrides_the_config()
    {
        using var dir = new TempFolder();
        dir.Write("orchestrator.toml", File.ReadAllText(ExampleConfig));
        var file = dir.Write("s.yaml", """
            orchestrator_config: orchestrator.toml
            policy: { max_commands_per_cycle: 1 }
            scenarios:
              - name: one command per cycle
                steps:
                  - decision: storyapp/story-model
                    commands: [a, b]
                    expect: { dispatched: [a], dropped: [{ command: b, reason: max_commands_per_cycle }] }
              - name: scenario policy wins over the file's
                policy: { max_commands_per_cycle: 3, session_cooldown_seconds: 0 }
                steps:
                  - decision: storyapp/story-model
                    commands: [a, b, c]
                    expect: { dispatched: [a, b, c] }
            """);
        var (code, output, _) = PlanCli.Run("plan", "test", file);
        output.Should().Contain("2 passed, 0 failed");
        code.Should().Be(0);
    }

    [Test]
    public void Scenario_policy_sets_how_soon_repeated_no_op_answers_are_recorded()
    {
        using var dir = new TempFolder();
        dir.Write("orchestrator.toml", File.ReadAllText(ExampleConfig));
        const string Steps = """
                steps:
                  - cycle: storyapp/story-model
                    expect: { decision_requested: true }
                  - decision: storyapp/story-model
                    summary: waiting for review
                  - advance: 120
                  - cycle: storyapp/story-model
                    expect: { decision_requested: true, nothing: true }
                  - decision: storyapp/story-model
                    summary: waiting for review
            """;
        var file = dir.Write("s.yaml", $"""
            orchestrator_config: orchestrator.toml
            scenarios:
              - name: a repeat is recorded at once with quiet_record_seconds 0
                policy: {"{"} quiet_record_seconds: 0 {"}"}
            {Steps}
                    expect: {"{"} events: [decisions_repeated] {"}"}
              - name: a repeat is only counted with the default
            {Steps}
                    expect: {"{"} nothing: true {"}"}
            """);
        var (code, output, error) = PlanCli.Run("plan", "test", file);
        error.Should().BeEmpty();
        output.Should().Contain("2 passed, 0 failed");
        code.Should().Be(0);
    }

    [Test]
    public void The_orchestrator_config_option_wins_over_the_file()
    {
        using var dir = new TempFolder();
        var config = dir.Write("other.toml", "[[tasks]]\nbranch = \"solo/x\"\n");
        var file = dir.Write("s.yaml", """
            orchestrator_config: does-not-exist.toml
            scenarios:
              - name: solo
                steps:
                  - cycle: solo/x
                    expect: { decision_requested: true }
            """);
        PlanCli.Run("plan", "test", file, "--orchestrator-config", config).Code.Should().Be(0);
        PlanCli.Run("plan", "test", file).Code.Should().Be(2);
    }

    [TestCase("scenarios:\n  - name: x\n    steps:\n      - cycle: storyapp/story-model\n        expect: { dispatchd: [a] }\n",
        "s.yaml:5:19: scenarios[0].steps[0].expect.dispatchd: unknown key")]
    [TestCase("scenarios:\n  - name: x\n    steps:\n      - cycle: storyapp/nope\n",
        "s.yaml:4:9: scenarios[0].steps[0]: no task has branch \"storyapp/nope\"")]
    [TestCase("scenarios:\n  - name: x\n    steps:\n      - decision_error: storyapp/story-model\n        kind: oops\n",
        "s.yaml:5:15: scenarios[0].steps[0].kind: expected one of empty_output, json_parse_error")]
    [TestCase("scenarios:\n  - name: x\n    steps:\n      - cycle: storyapp/story-model\n        pane: sleepy\n",
        "s.yaml:5:15: scenarios[0].steps[0].pane: expected busy or idle, got \"sleepy\"")]
    [TestCase("scenarios:\n  - name: x\n    steps:\n      - cycle: storyapp/story-model\n        approve: storyapp/story-model\n",
        "s.yaml:4:9: scenarios[0].steps[0]: a step has one action, got cycle and approve")]
    [TestCase("scenarios:\n  - name: x\n    steps:\n      - advance: soon\n",
        "s.yaml:4:18: scenarios[0].steps[0].advance: expected seconds >= 0")]
    [TestCase("scenarios:\n  - name: x\n    steps:\n      - cycle: storyapp/story-model\n        expect: { dropped: [{ command: a, reason: because }] }\n",
        "scenarios[0].steps[0].expect.dropped[0].reason: expected one of duplicate, max_commands_per_cycle")]
    [TestCase("policy: { max_commands_per_cycle: two }\nscenarios:\n  - name: x\n    steps:\n      - cycle: storyapp/story-model\n",
        "s.yaml:1:35: policy.max_commands_per_cycle: expected an integer, got \"two\"")]
    [TestCase("scenarios: []\n", "s.yaml:1:1: scenarios: expected at least one scenario")]
    [TestCase("scenarios:\n  - name: x\n    steps:\n      - cycle: [storyapp\n",
        "s.yaml:")]
    public void A_bad_scenario_file_exits_2_naming_file_line_and_field(string yaml, string message)
    {
        using var dir = new TempFolder();
        var file = dir.Write("s.yaml", yaml);
        var (code, output, error) = PlanCli.Run("plan", "test", file, "--orchestrator-config", ExampleConfig);
        code.Should().Be(2);
        error.Should().Contain(message);
        output.Should().NotContain("PASS");
    }
}
