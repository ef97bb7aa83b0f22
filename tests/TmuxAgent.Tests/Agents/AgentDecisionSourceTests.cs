using TmuxAgent.Core.Branches;
using TmuxAgent.Config;
using TmuxAgent.Host.Decisions;
using TmuxAgent.Tests.Agents.Fixtures;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Agents;

/// <summary>
/// The real agents as the decision command (docs/agents.md, "Agents as decision sources"): <c>codex exec … --output-schema</c>
/// and <c>claude -p --output-format json</c>, native binaries against the loopback model server, no network.
/// </summary>
[Category("tmux"), Category("agents")]
public sealed class AgentDecisionSourceTests : AgentServerTest
{
    /// <summary><c>[codex]</c> for <paramref name="agent"/> as the decision command, with the flags of docs/agents.md.</summary>
    private DecisionCommandConfig Command(string agent)
    {
        var home = Home(agent);
        if (agent == "codex")
        {
            var schema = Path.Combine(RepoRoot.Path, "docs", "schemas", "decision.schema.json");
            return new DecisionCommandConfig
            {
                Bin = home.Program, TimeoutSeconds = 60, Env = home.Environment,
                ExtraArgs = ["exec", "--skip-git-repo-check", "--ephemeral", "-C", home.WorkDir, "--color", "never", "--output-schema", schema, "-o", H.Dir["last.json"], "-"],
            };
        }
        Server.ToollessRequestsAreTurns = true;
        return new DecisionCommandConfig
        {
            Bin = home.Program, TimeoutSeconds = 60, Env = home.Environment,
            ExtraArgs = ["-p", "--output-format", "json", "--tools", "", "--no-session-persistence"],
        };
    }

    [TestCase("codex"), TestCase("claude")]
    public async Task The_agent_decides_and_the_host_types_its_command_into_the_pane(string agent)
    {
        H.Tmux.NewSession("agent-demo-src");
        Server.Reply = (_, _) => """
            ```json
            {"summary": "run the greeting", "commands": [{"text": "echo decided-by-agent-$((6*7))", "risk_level": "low"}], "phase": "planning"}
            ```
            """;
        var config = H.Config(LoopHarness.Task("demo/src", "session = \"agent-demo-src\"")) with { DecisionCommand = Command(agent) };
        var loop = await H.StartAsync(config, null!);

        await loop.RunCycleAsync(CancellationToken.None);

        var received = H.Observer.Events.OfType<DecisionReceived>().Should().ContainSingle($"{string.Join(", ", H.Observer.Events.OfType<DecisionFailed>().Select(f => f.Message))}").Subject;
        received.Summary.Should().Be("run the greeting");
        (await TmuxServer.WaitFor(() => H.Tmux.Capture("agent-demo-src").Contains("\ndecided-by-agent-42"))).Should().BeTrue();
        Server.Prompts.Should().ContainSingle(p => p.Contains("Branch: demo/src"), "the rendered prompt reached the model once");
    }

    [TestCase("codex", "not json at all", DecisionErrorKinds.JsonParseError)]
    [TestCase("claude", "not json at all", DecisionErrorKinds.JsonParseError)]
    [TestCase("codex", """{"commands": "npm test"}""", DecisionErrorKinds.InvalidPayloadType)]
    [TestCase("claude", """{"commands": [{"text": "x", "input_mode": "vim"}]}""", DecisionErrorKinds.InvalidPayloadType)]
    [TestCase("codex", null, DecisionErrorKinds.ProcessError)]
    [TestCase("claude", null, DecisionErrorKinds.ProcessError)]
    public async Task A_bad_answer_or_a_model_error_is_a_decision_error_of_its_kind(string agent, string? reply, string kind)
    {
        if (reply is null) Server.FailWhen = _ => true;
        else Server.Reply = (_, _) => reply;
        var config = H.Config(LoopHarness.Task("demo/src")) with { DecisionCommand = Command(agent) };
        var source = new ExternalCommandSource(config.DecisionCommand, new PromptBuilder(config));
        var state = BranchState.New("demo/src");

        var outcome = await source.DecideAsync(new DecisionContext(state, config.Tasks[0], "$ ", "bash", false, config.ToPolicy()), CancellationToken.None);

        outcome.Should().BeOfType<DecisionFailure>().Which.Kind.Should().Be(kind, ((DecisionFailure)outcome).Message);
    }
}
