using System.Net;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Tests.Host.Loop;
using TmuxAgent.Tests.Web;

namespace TmuxAgent.Tests.Reliability;

/// <summary>1,000 concurrent approval requests on the real portal (loopback HTTP, real daemon in-process, real tmux).</summary>
[Category("tmux"), Category("http"), Category("sqlite")]
public class ConcurrentApprovalTests
{
    private const string Branch = "load/approve";
    private const string Session = "agent-load-approve";

    [Test]
    public async Task Of_1000_concurrent_requests_the_valid_approval_applies_once_the_rest_get_409_or_401()
    {
        var marker = "once-" + Guid.NewGuid().ToString("N")[..8];
        await using var h = await DaemonHarness.StartAsync(DaemonHarness.Task(Branch),
            _ => new Decision("needs a human", [CommandSpec.Of($"echo {marker}-$((6*7))", "high")], RequiresConfirmation: true), Session);
        var id = await h.PendingIdAsync(Branch);
        var body = DaemonHarness.Body(Branch, id, "approve");

        var requests = Enumerable.Range(0, 1000).Select(async i =>
        {
            var token = (i % 4) switch { 0 => null, 1 => h.Token + "x", _ => h.Token };
            using var r = await h.PostAsync(body, token);
            return (Valid: token == h.Token, r.StatusCode);
        });
        var answers = await Task.WhenAll(requests);

        answers.Where(a => !a.Valid).Should().OnlyContain(a => a.StatusCode == HttpStatusCode.Unauthorized);
        var valid = answers.Where(a => a.Valid).Select(a => a.StatusCode).ToList();
        valid.Count(c => (int)c is >= 200 and < 300).Should().Be(1, "exactly one approval is applied");
        valid.Where(c => (int)c is < 200 or >= 300).Should().OnlyContain(c => c == HttpStatusCode.Conflict);
        (await TmuxServer.WaitFor(() => h.Tmux.Capture(Session).Contains($"\n{marker}-42"), 20)).Should().BeTrue();
        var events = await h.EventsAsync(Branch);
        events.OfType<ConfirmationApproved>().Should().ContainSingle();
        events.OfType<CommandDispatched>().Where(d => d.CommandId == id).Should().ContainSingle();
        await Task.Delay(300);
        h.Tmux.Capture(Session).Split('\n').Count(l => l.TrimEnd() == $"{marker}-42").Should().Be(1);
    }
}
