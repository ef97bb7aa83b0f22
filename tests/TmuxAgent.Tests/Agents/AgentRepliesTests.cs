using System.Text;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Host.Agents;
using TmuxAgent.Host.Agents.StuckDetection;
using TmuxAgent.Host.Agents.Summaries;
using TmuxAgent.Host.Decisions;

namespace TmuxAgent.Tests.Agents;

/// <summary>Reading what the model command answered: envelopes, summaries, stuck verdicts, error lines on screens.</summary>
public class AgentRepliesTests
{
    private static (string? Text, string? Kind, string? Message) Output(string s) => ModelOutput.Read(Encoding.UTF8.GetBytes(s));

    [Test]
    public void Claude_s_json_envelope_is_unwrapped_to_its_result()
    {
        const string envelope = """{"type":"result","subtype":"success","is_error":false,"duration_ms":1200,"result":"```json\n{\"commands\": [{\"text\": \"npm test\"}]}\n```","session_id":"x","total_cost_usd":0}""";
        Output(envelope).Text.Should().StartWith("```json");
        DecisionJson.Parse(Encoding.UTF8.GetBytes(envelope)).Decision!.Commands.Single().Text.Should().Be("npm test");
    }

    [Test]
    public void An_error_envelope_or_an_empty_result_is_a_failure_of_its_kind()
    {
        Output("""{"type":"result","is_error":true,"result":"API Error: 500 boom"}""").Kind.Should().Be(DecisionErrorKinds.ProcessError);
        Output("""{"type":"result","is_error":false,"result":"  "}""").Kind.Should().Be(DecisionErrorKinds.EmptyOutput);
    }

    [Test]
    public void A_decision_that_is_not_an_envelope_is_read_as_before()
    {
        Output("""{"summary": "x", "commands": []}""").Text.Should().Be("""{"summary": "x", "commands": []}""");
        Output("""{"type": "result", "commands": []}""").Text.Should().NotBeNull("no string result: not an envelope");
        ModelOutput.Read([0xff, 0xfe]).Kind.Should().Be(DecisionErrorKinds.Utf8DecodeError);
        Output("\n").Kind.Should().Be(DecisionErrorKinds.EmptyOutput);
    }

    [Test]
    public void A_summary_is_the_summary_field_or_the_plain_text()
    {
        SummaryReply.Read("Here you go: {\"summary\": \" Tests pass. \"}").Summary.Should().Be("Tests pass.");
        SummaryReply.Read("The agent fixed the login bug.\n").Summary.Should().Be("The agent fixed the login bug.");
        SummaryReply.Read("{\"commands\": []}").Kind.Should().Be(DecisionErrorKinds.InvalidPayloadType);
    }

    [Test]
    public void A_stuck_verdict_is_validated()
    {
        var (v, _, _) = StuckReply.Read("""{"stuck": true, "reason": "API error", "suggestion": " retry ", "risk_level": "medium"}""");
        v.Should().BeEquivalentTo(new StuckVerdict(true, "API error", new CommandSpec("retry", [], true, "medium", InputModes.CodexDialogue)));
        StuckReply.Read("""{"stuck": false}""").Verdict.Should().Be(new StuckVerdict(false, "", null));
        StuckReply.Read("""{"stuck": "yes"}""").Kind.Should().Be(DecisionErrorKinds.InvalidPayloadType);
        StuckReply.Read("""{"reason": "x"}""").Kind.Should().Be(DecisionErrorKinds.InvalidPayloadType);
        StuckReply.Read("""{"stuck": true, "suggestion": 3}""").Kind.Should().Be(DecisionErrorKinds.InvalidPayloadType);
        StuckReply.Read("not json").Kind.Should().Be(DecisionErrorKinds.JsonParseError);
    }

    [Test]
    public void Model_error_lines_of_both_agents_are_found()
    {
        const string screen = """
            › fix the tests
            ■ stream error: unexpected status 500 Internal Server Error; retrying 1/5
              ● API Error: 500 {"type":"error","error":{"type":"api_error","message":"boom"}}
            ● Done, all tests pass.
            ■■ not an error line
            """;
        AgentErrorLines.Find(screen).Should().Equal(
            "■ stream error: unexpected status 500 Internal Server Error; retrying 1/5",
            """● API Error: 500 {"type":"error","error":{"type":"api_error","message":"boom"}}""");
        AgentErrorLines.Find(string.Join('\n', Enumerable.Range(1, 9).Select(i => $"■ e{i}"))).Should().HaveCount(AgentErrorLines.MaxLines).And.EndWith("■ e9");
    }
}
