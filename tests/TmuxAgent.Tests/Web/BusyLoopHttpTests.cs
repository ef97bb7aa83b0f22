using System.Net;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Web;

/// <summary>While the loop waits for a slow decision command, an approval is accepted (202) and applied afterwards.</summary>
[Category("http")]
[Category("tmux")]
public class BusyLoopHttpTests
{
    [Test]
    public async Task An_approval_while_the_loop_is_busy_answers_202_and_is_applied_once_the_loop_is_free()
    {
        var marker = "late-" + Guid.NewGuid().ToString("N")[..6];
        using var slowArmed = new ManualResetEventSlim(false);
        using var slowEntered = new ManualResetEventSlim(false);
        using var release = new ManualResetEventSlim(false);
        var tasks = DaemonHarness.Task("demo/beta") + DaemonHarness.Task("demo/slow");
        await using var h = await DaemonHarness.StartAsync(tasks, c =>
        {
            if (c.State.Branch == "demo/beta")
                return new Decision("needs a human", [CommandSpec.Of($"echo {marker}-$((6*7))", "high")], RequiresConfirmation: true);
            if (slowArmed.IsSet)
            {
                slowEntered.Set();
                release.Wait(TimeSpan.FromSeconds(60)); // the "model" takes its time; the loop waits for it
            }
            return new Decision("thinking", []);
        }, "agent-demo-beta", "agent-demo-slow");
        try { await ApproveWhileBusy(h, marker, slowArmed, slowEntered, release); }
        finally { release.Set(); }
    }

    private static async Task ApproveWhileBusy(DaemonHarness h, string marker, ManualResetEventSlim slowArmed, ManualResetEventSlim slowEntered, ManualResetEventSlim release)
    {
        var id = await h.PendingIdAsync("demo/beta");
        slowArmed.Set();
        slowEntered.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue("the slow branch is asked again within a few cycles");
        h.Portal.ApplyWait = TimeSpan.FromMilliseconds(500);

        using var r = await h.PostAsync(DaemonHarness.Body("demo/beta", id, "approve"), h.Token);

        r.StatusCode.Should().Be(HttpStatusCode.Accepted);
        h.Tmux.Capture("agent-demo-beta").Should().NotContain($"{marker}-42");
        release.Set();
        (await TmuxServer.WaitFor(() => h.Tmux.Capture("agent-demo-beta").Contains($"\n{marker}-42"), 20)).Should().BeTrue();
        (await h.EventsAsync("demo/beta")).OfType<ConfirmationApproved>().Should().ContainSingle(a => a.CommandId == id);
    }
}
