using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;

namespace TmuxAgent.Tests.Web.Dashboard;

/// <summary><c>GET /api/stream</c> over real HTTP against the real daemon (its idle branch records one decision, then counts repeats; the tests append more themselves): events keyed
/// by store position, and a reconnect with <c>Last-Event-ID</c> gets exactly what was missed.</summary>
[Category("http")]
[Category("tmux")]
public class EventStreamHttpTests
{
    private const string Branch = "demo/sse";

    private static Task<DaemonHarness> StartAsync() =>
        DaemonHarness.StartAsync(DaemonHarness.Task(Branch), _ => new Decision("nothing to do", []), "agent-demo-sse");

    private static Uri Stream(DaemonHarness h, string query = "") => new(h.DashboardUrl, "api/stream" + query);

    private static async Task<List<long>> PositionsAfterAsync(DaemonHarness h, long after, long upTo) =>
        (await h.Host.Services.GetRequiredService<IEventStore>().ReadAllAsync(after, 100_000)).Select(e => e.Position).Where(p => p <= upTo).ToList();

    private static List<NewStreamEvent> Markers(string branch) => Enumerable.Range(0, 3).Select(i => EventSerializer.ToNew(
        new PhaseChanged("planning", "build-" + i) { Branch = branch, At = DateTimeOffset.UtcNow }, "sse-marker-" + Guid.NewGuid().ToString("N"))).ToList();

    private static async Task<long> LastPositionOfAsync(IEventStore store, string branch) =>
        (await store.ReadStreamAsync(StreamName.ForBranch(branch)))[^1].Position;

    [Test]
    public async Task A_reconnect_with_Last_Event_ID_gets_exactly_the_events_missed_meanwhile()
    {
        await using var h = await StartAsync();
        var store = h.Host.Services.GetRequiredService<IEventStore>();

        long lastSeen;
        long start;
        await using (var first = await SseClient.OpenAsync(h.Http, Stream(h)))
        {
            first.Status.Should().Be(HttpStatusCode.OK);
            first.ContentType.Should().Be("text/event-stream");
            var ready = (await first.NextAsync())!;
            (ready.Event, ready.Id).Should().Be(("ready", (string?)JsonNode.Parse(ready.Data)!["position"]!.ToString()));
            start = long.Parse(ready.Id!);
            // an idle branch's repeated answers are counted, not appended (quiet decisions): another writer appends three
            await store.AppendAsync(StreamName.ForBranch("before/x"), ExpectedVersion.Any, Markers("before/x"));
            var seen = new List<long>();
            while (seen.Count < 3 || !seen.Contains(await LastPositionOfAsync(store, "before/x")))
            {
                var m = (await first.NextAsync())!;
                m.Event.Should().Be("message");
                var data = JsonNode.Parse(m.Data)!;
                ((long)data["position"]!).Should().Be(long.Parse(m.Id!));
                ((string?)data["branch"]).Should().BeOneOf(Branch, "before/x");
                seen.Add(long.Parse(m.Id!));
            }
            seen.Should().Equal(await PositionsAfterAsync(h, start, seen[^1]), "every event after the start, in order");
            lastSeen = seen[^1];
        }

        // disconnected: another writer appends (the loop keeps appending too)
        var appended = await store.AppendAsync(StreamName.ForBranch("elsewhere/x"), ExpectedVersion.Any, Markers("elsewhere/x"));

        await using var again = await SseClient.OpenAsync(h.Http, Stream(h), lastEventId: lastSeen.ToString());
        var resumed = (await again.NextAsync())!;
        (resumed.Event, resumed.Id).Should().Be(("ready", lastSeen.ToString()));
        var got = new List<(long Position, string? Branch, string Type)>();
        while (got.Count == 0 || got[^1].Position < appended.LastPosition)
        {
            var m = await again.NextAsync();
            m.Should().NotBeNull("the stream goes on until the appended events");
            var data = JsonNode.Parse(m!.Data)!;
            got.Add((long.Parse(m.Id!), (string?)data["branch"], (string)data["type"]!));
        }

        got.Select(g => g.Position).Should().Equal(await PositionsAfterAsync(h, lastSeen, appended.LastPosition),
            "exactly the events after Last-Event-ID: none lost, none twice");
        got.Where(g => g.Branch == "elsewhere/x").Should().HaveCount(3).And.OnlyContain(g => g.Type == "phase_changed");
    }

    [Test]
    public async Task The_stream_starts_after_a_given_position_keeps_one_branch_and_refuses_a_bad_position()
    {
        await using var h = await StartAsync();
        var store = h.Host.Services.GetRequiredService<IEventStore>();
        await store.AppendAsync(StreamName.ForBranch("other/y"), ExpectedVersion.Any,
            [EventSerializer.ToNew(new PhaseChanged("a", "b") { Branch = "other/y", At = DateTimeOffset.UtcNow }, "other-" + Guid.NewGuid().ToString("N"))]);

        await using (var from0 = await SseClient.OpenAsync(h.Http, Stream(h, "?after=0&branch=other%2Fy")))
        {
            (await from0.NextAsync())!.Id.Should().Be("0");
            var only = (await from0.NextAsync())!;
            ((string?)JsonNode.Parse(only.Data)!["branch"]).Should().Be("other/y", "events of other branches are left out");
        }
        await using var bad = await SseClient.OpenAsync(h.Http, Stream(h), lastEventId: "12; drop");
        bad.Status.Should().Be(HttpStatusCode.BadRequest);
    }
}
