using TmuxAgent.Host.LocalBus;

namespace TmuxAgent.Tests.Host.LocalBus;

/// <summary>Two hosts sharing one offset file (one machine, one bus folder) take turns and apply each record once.</summary>
public class ConfirmationFeedClaimTests
{
    [Test]
    public void One_holder_at_a_time_and_the_offset_is_read_from_the_file_each_round()
    {
        using var dir = new TempDir();
        var bus = dir.File("bus/confirmations.jsonl", "");
        var a = new ConfirmationFeed(bus, dir["state/offsets.json"]);
        var b = new ConfirmationFeed(bus, dir["state/offsets.json"]);
        using (a.Claim()) a.ReadNew(out _).Should().BeEmpty();   // first run: starts at the end
        using (b.Claim()) b.ReadNew(out _).Should().BeEmpty();

        File.AppendAllText(bus, """{"id":"c1","branch":"x/y","action":"approve","command_id":"cmd-1"}""" + "\n");
        using (var claim = a.Claim())
        {
            claim.Should().NotBeNull();
            b.Claim().Should().BeNull("A holds the feed");
            var records = a.ReadNew(out var next);
            records.Should().ContainSingle().Which.Record!.CommandId.Should().Be("cmd-1");
            a.Commit(next);
        }
        using (var claim = b.Claim())
        {
            claim.Should().NotBeNull("A let go");
            b.ReadNew(out _).Should().BeEmpty("B reads the offset A committed, not its own stale one");
        }
    }
}
