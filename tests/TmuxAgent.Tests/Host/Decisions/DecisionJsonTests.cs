using System.Text;
using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Decisions;

namespace TmuxAgent.Tests.Host.Decisions;

public class DecisionJsonTests
{
    [Test]
    public void The_first_complete_object_is_taken_from_prose_and_fences()
    {
        var (d, kind, _) = Parse("Sure! Here is my plan:\n```json\n{\"summary\": \"s\", \"commands\": [{\"text\": \"npm test\", \"risk_level\": \"medium\", \"input_mode\": \"codex_dialogue\", \"keys\": [\"Escape\"]}], \"phase\": \"testing\", \"blockers\": [\"b\"]}\n```\nand another {\"commands\": []}");

        kind.Should().BeNull();
        d!.Summary.Should().Be("s");
        d.Phase.Should().Be("testing");
        d.Blockers.Should().Equal("b");
        d.Commands.Single().Text.Should().Be("npm test");
        d.Commands[0].RiskLevel.Should().Be("medium");
        d.Commands[0].InputMode.Should().Be("codex_dialogue");
        d.Commands[0].Keys.Should().Equal("Escape");
        d.Commands[0].Enter.Should().BeTrue("enter defaults to true");
    }

    [Test]
    public void A_brace_in_prose_before_the_object_is_skipped()
    {
        Parse("use {braces} wisely {\"commands\": [{\"text\": \"ls\"}]}").Decision!.Commands.Single().Text.Should().Be("ls");
    }

    [TestCase("", DecisionErrorKinds.EmptyOutput)]
    [TestCase("  \n ", DecisionErrorKinds.EmptyOutput)]
    [TestCase("this is not json {", DecisionErrorKinds.JsonParseError)]
    [TestCase("{\"commands\": [", DecisionErrorKinds.JsonParseError)]
    [TestCase("[1, 2]", DecisionErrorKinds.InvalidPayloadType)]
    [TestCase("\"just a string\"", DecisionErrorKinds.InvalidPayloadType)]
    [TestCase("{\"summary\": \"no commands\"}", DecisionErrorKinds.InvalidPayloadType)]
    [TestCase("{\"commands\": \"npm test\"}", DecisionErrorKinds.InvalidPayloadType)]
    [TestCase("{\"commands\": [{\"text\": 3}]}", DecisionErrorKinds.InvalidPayloadType)]
    [TestCase("{\"commands\": [], \"requires_confirmation\": \"yes\"}", DecisionErrorKinds.InvalidPayloadType)]
    [TestCase("{\"commands\": [{\"text\": \"x\", \"input_mode\": \"vim\"}]}", DecisionErrorKinds.InvalidPayloadType)]
    public void Bad_output_is_a_decision_error_of_its_kind(string output, string expectedKind)
    {
        var (d, kind, message) = Parse(output);
        d.Should().BeNull();
        kind.Should().Be(expectedKind);
        message.Should().NotBeNullOrEmpty();
    }

    [Test]
    public void Invalid_utf8_is_its_own_kind()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"commands\": [{\"text\": \"caf").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"}]}")).ToArray();
        DecisionJson.Parse(bytes).Kind.Should().Be(DecisionErrorKinds.Utf8DecodeError);
    }

    private static (Decision? Decision, string? Kind, string? Message) Parse(string s) => DecisionJson.Parse(Encoding.UTF8.GetBytes(s));
}
