using System.Net;
using System.Text.Json.Nodes;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Web;

/// <summary>The portal's API over real HTTP on loopback, against the real daemon and a real tmux pane.</summary>
[Category("http")]
[Category("tmux")]
public class PortalHttpTests
{
    private const string Branch = "demo/beta";
    private const string Session = "agent-demo-beta";
    private DaemonHarness _h = null!;
    private string _marker = null!;

    [SetUp]
    public async Task SetUp()
    {
        _marker = "ran-" + Guid.NewGuid().ToString("N")[..8];
        var risky = CommandSpec.Of($"echo {_marker}-$((6*7))", "high");
        _h = await DaemonHarness.StartAsync(DaemonHarness.Task(Branch), _ => new Decision("needs a human", [risky], RequiresConfirmation: true), Session);
    }

    [TearDown] public async Task TearDown() => await _h.DisposeAsync();

    private bool Ran() => _h.Tmux.Capture(Session).Contains($"\n{_marker}-42", StringComparison.Ordinal);

    [Test]
    public async Task Approving_with_the_token_answers_200_runs_the_command_once_and_records_who()
    {
        var id = await _h.PendingIdAsync(Branch);
        Ran().Should().BeFalse("nothing runs before the approval");

        using var r = await _h.PostAsync(DaemonHarness.Body(Branch, id, "approve", "looks fine"), _h.Token);

        r.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonNode.Parse(await r.Content.ReadAsStringAsync())!["status"]!.GetValue<string>().Should().Be("approved");
        (await TmuxServer.WaitFor(Ran, 15)).Should().BeTrue("the approved command runs in the pane");
        var events = await _h.EventsAsync(Branch);
        var approved = events.OfType<ConfirmationApproved>().Should().ContainSingle().Which;
        approved.CommandId.Should().Be(id);
        approved.Channel.Should().Be("portal");
        approved.Who.Should().Be("portal");
        approved.Comment.Should().Be("looks fine");
        events.OfType<CommandDispatched>().Where(d => d.CommandId == id).Should().ContainSingle("the command is dispatched exactly once");
        var confirmation = _h.AuditText().Split('\n').Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!)
            .Should().ContainSingle(l => (string?)l["event"] == "confirmation").Which;
        ((string?)confirmation["status"]).Should().Be("approved");
        ((string?)confirmation["meta"]!["channel"]).Should().Be("portal");
    }

    [Test]
    public async Task Approving_twice_answers_409_and_nothing_more_happens()
    {
        var id = await _h.PendingIdAsync(Branch);
        using var first = await _h.PostAsync(DaemonHarness.Body(Branch, id, "approve"), _h.Token);
        first.StatusCode.Should().Be(HttpStatusCode.OK);

        using var second = await _h.PostAsync(DaemonHarness.Body(Branch, id, "approve"), _h.Token);

        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await TmuxServer.WaitFor(Ran, 15)).Should().BeTrue();
        var events = await _h.EventsAsync(Branch);
        events.OfType<ConfirmationApproved>().Should().ContainSingle();
        events.OfType<CommandDispatched>().Where(d => d.CommandId == id).Should().ContainSingle();
    }

    [Test]
    public async Task Denying_answers_200_the_command_never_runs_and_a_later_approval_is_409()
    {
        var id = await _h.PendingIdAsync(Branch);

        using var deny = await _h.PostAsync(DaemonHarness.Body(Branch, id, "deny", "not now"), _h.Token);
        using var approve = await _h.PostAsync(DaemonHarness.Body(Branch, id, "approve"), _h.Token);

        deny.StatusCode.Should().Be(HttpStatusCode.OK);
        approve.StatusCode.Should().Be(HttpStatusCode.Conflict);
        await Task.Delay(2500); // two more cycles of the loop
        Ran().Should().BeFalse();
        var events = await _h.EventsAsync(Branch);
        events.OfType<ConfirmationDenied>().Should().ContainSingle(d => d.CommandId == id && d.Comment == "not now");
        events.OfType<CommandDispatched>().Where(d => d.CommandId == id).Should().BeEmpty();
    }

    [TestCase(null)]
    [TestCase("wrong")]
    [TestCase("")]
    public async Task No_or_a_wrong_token_answers_401_and_nothing_is_approved(string? token)
    {
        var id = await _h.PendingIdAsync(Branch);

        using var r = await _h.PostAsync(DaemonHarness.Body(Branch, id, "approve"), token is null ? null : token == "wrong" ? _h.Token + "x" : token);

        r.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        r.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
        (await _h.BranchAsync(Branch))["pending"]!.AsArray().Should().ContainSingle();
        (await _h.EventsAsync(Branch)).OfType<ConfirmationApproved>().Should().BeEmpty();
    }

    [TestCase("this is not json")]
    [TestCase("[1, 2]")]
    [TestCase("{\"branch\": \"demo/beta\", \"action\": \"approve\"}")]
    [TestCase("{\"branch\": \"demo/beta\", \"id\": \"x\", \"action\": \"maybe\"}")]
    [TestCase("{\"branch\": \"demo/beta\", \"id\": 7, \"action\": \"approve\"}")]
    [TestCase("{\"branch\": \"\", \"id\": \"x\", \"action\": \"deny\"}")]
    public async Task A_malformed_body_answers_400_naming_the_problem(string body)
    {
        using var r = await _h.PostAsync(body, _h.Token);

        r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(await r.Content.ReadAsStringAsync())!["error"]!.GetValue<string>().Should().NotBeEmpty();
    }

    [Test]
    public async Task An_unknown_branch_or_command_answers_404()
    {
        var id = await _h.PendingIdAsync(Branch);

        using var branch = await _h.PostAsync(DaemonHarness.Body("demo/nope", id, "approve"), _h.Token);
        using var command = await _h.PostAsync(DaemonHarness.Body(Branch, "cmd-does-not-exist", "approve"), _h.Token);

        branch.StatusCode.Should().Be(HttpStatusCode.NotFound);
        command.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _h.BranchAsync(Branch))["pending"]!.AsArray().Should().ContainSingle("nothing was approved");
    }

    [Test]
    public async Task The_pending_list_needs_the_token()
    {
        var id = await _h.PendingIdAsync(Branch);
        var url = new Uri(_h.PortalUrl, "api/confirmations");

        using var anonymous = await _h.Http.GetAsync(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bearer", _h.Token);
        using var signed = await _h.Http.SendAsync(request);

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        signed.StatusCode.Should().Be(HttpStatusCode.OK);
        var item = JsonNode.Parse(await signed.Content.ReadAsStringAsync())!["pending"]!.AsArray().Single()!;
        ((string?)item["id"]).Should().Be(id);
        ((string?)item["branch"]).Should().Be(Branch);
        ((string?)item["risk_level"]).Should().Be("high");
    }

    [Test]
    public async Task The_dashboard_api_is_snake_case_and_read_only()
    {
        var id = await _h.PendingIdAsync(Branch);
        await TmuxServer.WaitFor(() => _h.BranchAsync(Branch).GetAwaiter().GetResult()["heartbeat"] is not null);

        var b = await _h.BranchAsync(Branch);
        using var post = await _h.Http.PostAsync(new Uri(_h.DashboardUrl, "api/orchestrator"), new StringContent("{}"));

        ((string?)b["title"]).Should().Be("Task demo/beta");
        ((string?)b["phase"]).Should().Be("planning");
        b["phases"]!.AsArray().Select(p => (string?)p).Should().Equal("planning", "build", "done");
        ((string?)b["responsible"]).Should().Be("ops");
        b["blockers"]!.AsArray().Should().BeEmpty();
        b["queued"]!.AsArray().Should().BeEmpty();
        ((string?)b["last_summary"]).Should().Be("needs a human");
        b["heartbeat"]!.GetValue<double>().Should().BeApproximately(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 60);
        var pending = b["pending"]!.AsArray().Single()!.AsObject();
        pending.Select(p => p.Key).Should().Contain(["id", "text", "risk_level", "requested_at"]);
        ((string?)pending["id"]).Should().Be(id);
        ((string?)pending["text"]).Should().Be($"echo {_marker}-$((6*7))");
        ((string?)b["lease_holder"]).Should().Contain($"/{Environment.ProcessId}/", "this in-process host holds the branch under its default id");
        b["held_here"]!.GetValue<bool>().Should().BeTrue();
        post.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
    }

    [Test]
    public async Task The_dashboard_page_may_call_the_portal_api_but_other_origins_get_no_cors_headers()
    {
        using var fromDashboard = new HttpRequestMessage(HttpMethod.Options, new Uri(_h.PortalUrl, "api/confirmations"));
        fromDashboard.Headers.Add("Origin", $"http://127.0.0.1:{_h.DashboardUrl.Port}");
        fromDashboard.Headers.Add("Access-Control-Request-Method", "POST");
        using var fromElsewhere = new HttpRequestMessage(HttpMethod.Options, new Uri(_h.PortalUrl, "api/confirmations"));
        fromElsewhere.Headers.Add("Origin", "http://evil.example:8080");
        fromElsewhere.Headers.Add("Access-Control-Request-Method", "POST");

        using var ok = await _h.Http.SendAsync(fromDashboard);
        using var refused = await _h.Http.SendAsync(fromElsewhere);

        ok.StatusCode.Should().Be(HttpStatusCode.NoContent);
        ok.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal($"http://127.0.0.1:{_h.DashboardUrl.Port}");
        refused.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Test]
    public async Task Metrics_serve_the_orchestrator_metrics_and_count_the_web_requests()
    {
        await _h.PendingIdAsync(Branch);
        using var _ = await _h.PostAsync("{}", null);

        var text = await _h.Http.GetStringAsync(new Uri(_h.DashboardUrl, "metrics"));

        text.Should().Contain("tmuxagent_http_requests_total{surface=\"dashboard\",route=\"/api/orchestrator\",code=\"200\"}");
        text.Should().Contain("tmuxagent_portal_confirmations_total{action=\"unknown\",result=\"unauthorized\"} 1");
        text.Should().Contain("orchestrator_pending_confirmation_total{branch=\"demo/beta\"} 1", "the orchestrator's metrics come first");
    }
}
