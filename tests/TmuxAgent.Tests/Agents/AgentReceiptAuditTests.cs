using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Branches;
using TmuxAgent.Tests.Host;
using TmuxAgent.Tests.Replay;

namespace TmuxAgent.Tests.Agents;

/// <summary>The agent receipts in the audit log: the "data" line shape, decoded back exactly, and read by the replay.</summary>
public sealed class AgentReceiptAuditTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_763_900_000);

    private static readonly BranchEvent[] Receipts =
    [
        new CommandDelivered("cmd-a", "codex", SubmissionConfirmations.BusyLine, 1) { Branch = "demo/codex", At = T0 },
        new CommandNotSubmitted("cmd-b", "claude", "the input box still held the text after a second Enter", true, 2) { Branch = "demo/claude", At = T0.AddSeconds(1) },
    ];

    [Test]
    public void Receipts_are_data_lines_that_decode_to_the_same_events()
    {
        for (var i = 0; i < Receipts.Length; i++)
        {
            var line = AuditLineWriter.Encode(Receipts[i], i + 1, $"ev-{i}");
            line.Should().Contain(i == 0 ? "\"event\":\"command_delivered\"" : "\"event\":\"command_not_submitted\"").And.Contain("\"data\":{");
            var back = AuditLineDecoder.TryDecode(System.Text.Json.JsonDocument.Parse(line).RootElement, out var error);
            error.Should().BeNull();
            back!.Event.Should().Be(Receipts[i]);
        }
    }

    [Test]
    public void The_replay_reads_a_log_with_agent_receipts()
    {
        using var dir = new TempDir();
        var log = dir.File("audit.jsonl", string.Join("\n", Receipts.Select((e, i) => AuditLineWriter.Encode(e, i + 1, $"ev-{i}"))) + "\n");

        var (code, stdout, stderr) = ReplayCli.Run("--log", log, "--branch", "demo/claude").GetAwaiter().GetResult();

        code.Should().Be(0, stderr);
        stderr.Should().NotContain("bad line");
    }
}
