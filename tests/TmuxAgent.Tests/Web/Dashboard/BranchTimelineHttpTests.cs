using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;
using TmuxAgent.Core.Store.Leases;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Web.Dashboard;

/// <summary><c>/api/branches/{branch}/events</c> and <c>…/pane</c> over real HTTP against the real daemon and real tmux.</summary>
[Category("http")]
[Category("tmux")]
public class BranchTimelineHttpTests
{
    private const string Branch = "demo/api";

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(DaemonHarness h, string path, string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(h.DashboardUrl, path));
        if (host is not null) request.Headers.Host = host;
        using var response = await h.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text) : null);
    }

    private static async Task<JsonObject> EventsAsync(DaemonHarness h, string branch, string query = "")
    {
        var (status, body) = await GetAsync(h, "api/branches/" + branch + "/events" + query);
        status.Should().Be(HttpStatusCode.OK, body?.ToJsonString());
        return body!.AsObject();
    }

    private static IEnumerable<JsonObject> Entries(JsonObject answer) => answer["entries"]!.AsArray().Select(e => e!.AsObject());

    [Test]
    public async Task The_timeline_pages_newest_first_shows_exit_statuses_and_filters_by_kind()
    {
        var n = 0;
        await using var h = await DaemonHarness.StartAsync(DaemonHarness.Task(Branch),
            _ => new Decision("step", [CommandSpec.Of($"echo step-{++n}; false")]), "agent-demo-api");
        (await TmuxServer.WaitFor(() => Entries(EventsAsync(h, Branch, "?kind=command").GetAwaiter().GetResult())
            .Count(e => e["exit_status"] is not null) >= 2, 30)).Should().BeTrue("commands run and report their exit status");

        var all = await EventsAsync(h, Branch, "?limit=4");
        var command = Entries(await EventsAsync(h, Branch, "?kind=command")).First(e => e["exit_status"] is not null);
        var older = await EventsAsync(h, Branch, $"?limit=4&before={all["next_before"]}");

        ((string?)all["branch"], (bool)all["configured"]!, (int)all["events_read"]!, (bool)all["show_panes"]!).Should().Be((Branch, true, 4, true));
        var positions = Entries(all).Select(e => (long)e["position"]!).ToList();
        positions.Should().BeInDescendingOrder();
        Entries(older).Select(e => (long)e["position"]!).Should().OnlyContain(p => p < (long)all["next_before"]!);
        ((int)command["exit_status"]!, (string)command["state"]!).Should().Be((1, "completed"));
        ((string)command["text"]!).Should().StartWith("echo step-");
        command["steps"]!.AsArray().Select(s => (string)s!["state"]!).Should().ContainInOrder("dispatched", "completed");
        command["duration_seconds"].Should().NotBeNull();
        Entries(await EventsAsync(h, Branch, "?kind=decision")).Should().OnlyContain(e => (string)e["kind"]! == "decision")
            .And.Contain(e => (string)e["summary"]! == "step" && e["latency_seconds"] != null && e["proposed"]!.AsArray().Count == 1);
    }

    [Test]
    public async Task Bad_queries_are_refused_by_name_and_an_unknown_branch_is_404()
    {
        await using var h = await DaemonHarness.StartAsync(DaemonHarness.Task(Branch), _ => new Decision("idle", []), "agent-demo-api");

        foreach (var (query, message) in new[] { ("?before=abc", "\"before\""), ("?limit=0", "\"limit\""), ("?limit=501", "\"limit\""), ("?kind=nope", "unknown kind") })
        {
            var (status, body) = await GetAsync(h, $"api/branches/{Branch}/events{query}");
            status.Should().Be(HttpStatusCode.BadRequest, query);
            ((string)body!["error"]!).Should().Contain(message);
        }
        (await GetAsync(h, "api/branches/no/such/branch/events")).Status.Should().Be(HttpStatusCode.NotFound);
        (await GetAsync(h, "api/branches/" + new string('x', 300) + "/events")).Status.Should().Be(HttpStatusCode.BadRequest);
        (await GetAsync(h, "api/branches/demo%01x/events")).Status.Should().Be(HttpStatusCode.BadRequest, "control characters");
        (await GetAsync(h, "api/branches/demo/api")).Status.Should().Be(HttpStatusCode.NotFound, "neither events nor pane");
    }

    [Test]
    public async Task A_branch_another_host_drives_has_its_timeline_from_the_store_with_its_lease_holder()
    {
        await using var h = await DaemonHarness.StartAsync(DaemonHarness.Task(Branch), _ => new Decision("idle", []),
            store => SqliteBranchLeases.Open(store).TryAcquireAsync("team/remote", "build-box-2", TimeSpan.FromMinutes(10), DateTimeOffset.UtcNow)
                .GetAwaiter().GetResult().Should().NotBeNull(),
            "agent-demo-api");
        var store = h.Host.Services.GetRequiredService<IEventStore>();
        var now = DateTimeOffset.UtcNow;
        await store.AppendAsync(StreamName.ForBranch("team/remote"), ExpectedVersion.Any,
        [
            EventSerializer.ToNew(new ConfirmationRequested("cmd-r", "agent-team-remote", CommandSpec.Of("make deploy", "high"), "risk_level=high") { Branch = "team/remote", At = now }, "r1-" + Guid.NewGuid()),
            EventSerializer.ToNew(new ConfirmationApproved("cmd-r", "make deploy", "alice", "portal", "ship it") { Branch = "team/remote", At = now.AddSeconds(5) }, "r2-" + Guid.NewGuid()),
        ]);

        var answer = await EventsAsync(h, "team/remote");

        ((bool)answer["configured"]!, (string?)answer["lease_holder"], (bool)answer["held_here"]!).Should().Be((false, "build-box-2", false));
        var c = Entries(answer).Single();
        ((string)c["text"]!, (string)c["state"]!).Should().Be(("make deploy", "approved"));
        var approved = c["steps"]!.AsArray()[1]!;
        ((string)approved["who"]!, (string)approved["comment"]!).Should().Be(("alice", "ship it"));
        ((string?)(await EventsAsync(h, Branch))["lease_holder"]).Should().NotBe("build-box-2").And.NotBeNull("this host holds its own branch");
    }

    [Test]
    public async Task The_pane_shows_its_last_lines_and_the_verdict_the_loop_used()
    {
        await using var h = await DaemonHarness.StartAsync(DaemonHarness.Task(Branch), _ => new Decision("idle", []), "agent-demo-api");
        h.Tmux.Run(["send-keys", "-t", "=agent-demo-api:", "-l", "echo pane-marker-$((6*7)) '<script>x</script>'"]);
        h.Tmux.Run(["send-keys", "-t", "=agent-demo-api:", "Enter"]);

        JsonNode? pane = null;
        (await TmuxServer.WaitFor(() =>
        {
            pane = GetAsync(h, $"api/branches/{Branch}/pane").GetAwaiter().GetResult().Body;
            return pane?["lines"]?.AsArray().Any(l => (string)l! == "pane-marker-42 <script>x</script>") == true;
        }, 20)).Should().BeTrue(pane?.ToJsonString());

        ((bool)pane!["available"]!, (bool)pane["busy"]!).Should().Be((true, false));
        ((string)pane["why"]!).Should().Be("shell bash in the foreground");
        pane["lines"]!.AsArray().Count.Should().BeLessThanOrEqualTo(40);
    }

    [Test]
    public async Task With_dashboard_show_panes_false_there_is_no_pane_api_and_the_page_is_told()
    {
        await using var h = await DaemonHarness.StartAsync(DaemonHarness.Task(Branch), _ => new Decision("idle", []), _ => { },
            l => l with { ShowPanes = false }, "agent-demo-api");

        var (status, body) = await GetAsync(h, $"api/branches/{Branch}/pane");

        status.Should().Be(HttpStatusCode.NotFound);
        ((string)body!["error"]!).Should().Contain("dashboard_show_panes = false");
        ((bool)(await EventsAsync(h, Branch))["show_panes"]!).Should().BeFalse();
    }

    [Test]
    public async Task The_new_routes_answer_only_allowed_Host_names()
    {
        await using var h = await DaemonHarness.StartAsync(DaemonHarness.Task(Branch), _ => new Decision("idle", []), "agent-demo-api");

        foreach (var path in new[] { $"api/branches/{Branch}/events", $"api/branches/{Branch}/pane", "api/stream", $"branches/{Branch}", "branch.js" })
        {
            var (status, body) = await GetAsync(h, path, "attacker.example");
            status.Should().Be(HttpStatusCode.MisdirectedRequest, path);
            ((string)body!["error"]!).Should().Contain("public_hosts");
            (await GetAsync(h, path.StartsWith("api/stream") ? "api/branches/" + Branch + "/events" : path)).Status.Should().Be(HttpStatusCode.OK, path);
        }
    }

    [Test]
    public async Task The_branch_apis_are_read_only_and_hold_no_secret()
    {
        await using var h = await DaemonHarness.StartAsync(DaemonHarness.Task(Branch), _ => new Decision("idle", []), "agent-demo-api");
        await TmuxServer.WaitFor(() => Entries(EventsAsync(h, Branch).GetAwaiter().GetResult()).Any(e => (string)e["kind"]! == "decision"), 20);

        var bodies = new List<string>();
        foreach (var path in new[] { $"api/branches/{Branch}/events", $"api/branches/{Branch}/pane", "api/orchestrator", $"branches/{Branch}", "branch.js", "common.js" })
            bodies.Add(await h.Http.GetStringAsync(new Uri(h.DashboardUrl, path)));
        await using (var sse = await SseClient.OpenAsync(h.Http, new Uri(h.DashboardUrl, "api/stream?after=0")))
        {
            // an idle branch records its first answer in full and counts the repeats (quiet decisions): a few events
            var streamed = 0;
            while (streamed < 5 && await sse.NextAsync(streamed < 2 ? 15 : 2) is { } message) { bodies.Add(message.Data); streamed++; }
            streamed.Should().BeGreaterThanOrEqualTo(2, "the decision's events are streamed");
        }

        bodies.Should().AllSatisfy(b => b.Should().NotContain(h.Token).And.NotContain(h.StorePath).And.NotContain(h.Dir["token"]));
        foreach (var path in new[] { $"api/branches/{Branch}/events", "api/stream" })
        {
            using var post = await h.Http.PostAsync(new Uri(h.DashboardUrl, path), new StringContent("{}"));
            post.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed, path);
        }
    }
}
