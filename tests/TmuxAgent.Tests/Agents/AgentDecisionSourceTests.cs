using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Decisions;
using TmuxAgent.Tests.Agents.Fixtures;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Agents;

/// <summary>
/// The real agents as the decision command (docs/agents.md, "Agents as decision sources"): <c>codex exec … --output-schema</c>
/// and <c>claude -p --output-format json</c>, native binaries against the loopback model server, no network.
/// </summary>
[Category("tmux"), Category("agents")]
public sealed class AgentDecisionSourceTests
{
    private LoopHarness _h = null!;
    private ModelServer _server = null!;

    [SetUp]
    public async Task SetUp()
    {
        _h = new LoopHarness();
        _server = await ModelServer.StartAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _server.DisposeAsync();
        _h.Dispose();
    }

    /// <summary><c>[codex]</c> for <paramref name="agent"/> as the decision command, with the flags of docs/agents.md.</summary>
    private CodexConfig Command(string agent)
    {
        var work = Directory.CreateDirectory(_h.Dir["work"]).FullName;
        if (agent == "codex")
        {
            var home = AgentHome.Codex(_h.Dir["home"], work, _server.Url);
            var schema = Path.Combine(RepoRoot.Path, "docs", "schemas", "decision.schema.json");
            return new CodexConfig
            {
                Bin = home.Program, TimeoutSeconds = 60, Env = home.Environment,
                ExtraArgs = ["exec", "--skip-git-repo-check", "--ephemeral", "-C", work, "--color", "never", "--output-schema", schema, "-o", _h.Dir["last.json"], "-"],
            };
        }
        _server.ToollessRequestsAreTurns = true;
        var claude = AgentHome.Claude(_h.Dir["home"], work, _server.Url);
        return new CodexConfig
        {
            Bin = claude.Program, TimeoutSeconds = 60, Env = claude.Environment,
            ExtraArgs = ["-p", "--output-format", "json", "--tools", "", "--no-session-persistence"],
        };
    }

    [TestCase("codex"), TestCase("claude")]
    public async Task The_agent_decides_and_the_host_types_its_command_into_the_pane(string agent)
    {
        _h.Tmux.NewSession("agent-demo-src");
        _server.Reply = (_, _) => """
            ```json
            {"summary": "run the greeting", "commands": [{"text": "echo decided-by-agent-$((6*7))", "risk_level": "low"}], "phase": "planning"}
            ```
            """;
        var config = _h.Config(LoopHarness.Task("demo/src", "session = \"agent-demo-src\"")) with { Codex = Command(agent) };
        var loop = await _h.StartAsync(config, null!);

        await loop.RunCycleAsync(CancellationToken.None);

        var received = _h.Observer.Events.OfType<DecisionReceived>().Should().ContainSingle($"{string.Join(", ", _h.Observer.Events.OfType<DecisionFailed>().Select(f => f.Message))}").Subject;
        received.Summary.Should().Be("run the greeting");
        (await TmuxServer.WaitFor(() => _h.Tmux.Capture("agent-demo-src").Contains("\ndecided-by-agent-42"))).Should().BeTrue();
        _server.Prompts.Should().ContainSingle(p => p.Contains("Branch: demo/src"), "the rendered prompt reached the model once");
    }

    [TestCase("codex", "not json at all", DecisionErrorKinds.JsonParseError)]
    [TestCase("claude", "not json at all", DecisionErrorKinds.JsonParseError)]
    [TestCase("codex", """{"commands": "npm test"}""", DecisionErrorKinds.InvalidPayloadType)]
    [TestCase("claude", """{"commands": [{"text": "x", "input_mode": "vim"}]}""", DecisionErrorKinds.InvalidPayloadType)]
    [TestCase("codex", null, DecisionErrorKinds.ProcessError)]
    [TestCase("claude", null, DecisionErrorKinds.ProcessError)]
    public async Task A_bad_answer_or_a_model_error_is_a_decision_error_of_its_kind(string agent, string? reply, string kind)
    {
        if (reply is null) _server.FailWhen = _ => true;
        else _server.Reply = (_, _) => reply;
        var config = _h.Config(LoopHarness.Task("demo/src")) with { Codex = Command(agent) };
        var source = new ExternalCommandSource(config.Codex, new PromptBuilder(config));
        var state = BranchState.New("demo/src");

        var outcome = await source.DecideAsync(new DecisionContext(state, config.Tasks[0], "$ ", "bash", false, config.ToPolicy()), CancellationToken.None);

        outcome.Should().BeOfType<DecisionFailure>().Which.Kind.Should().Be(kind, ((DecisionFailure)outcome).Message);
    }
}
