using TmuxAgent.Core.Policy;

namespace TmuxAgent.Core.Branches;

public static partial class BranchDecider
{
    /// <summary>Approving runs exactly the approved command: now when the pane is free, else first in the queue.
    /// An approval naming no pending command approves nothing.</summary>
    private static void ApproveOne(Facts f, Approve a, OrchestratorPolicy policy)
    {
        var pending = f.State.FindPending(a.CommandId, a.Text);
        if (pending is null) return;
        f.Add(new ConfirmationApproved(pending.CommandId, pending.Spec.Display, a.Who, a.Channel, a.Comment) { Branch = f.Branch, At = f.Now });
        var wait = WhyWait(f.State, a.Pane, policy, f.Now);
        f.Add(wait is null
            ? Dispatch(f, pending.CommandId, pending.Session, pending.Spec, policy, fromQueue: false, approved: true)
            : new CommandQueued(pending.CommandId, pending.Session, pending.Spec, QueueReasons.Approved) { Branch = f.Branch, At = f.Now });
    }

    /// <summary>Denying drops the command. A denial naming no pending command does nothing.</summary>
    private static void DenyOne(Facts f, Deny d)
    {
        var pending = f.State.FindPending(d.CommandId, d.Text);
        if (pending is null) return;
        f.Add(new ConfirmationDenied(pending.CommandId, pending.Spec.Display, d.Who, d.Channel, d.Comment) { Branch = f.Branch, At = f.Now });
    }

    private static void RecordDelivery(Facts f, ReportDelivery r)
    {
        if (!f.State.AwaitingReceipt.Exists(c => c.CommandId == r.CommandId)) return;
        f.Add(r.Delivered
            ? new CommandDelivered(r.CommandId) { Branch = f.Branch, At = f.Now }
            : new CommandDeliveryFailed(r.CommandId, r.Reason ?? "not seen in the pane") { Branch = f.Branch, At = f.Now });
    }

    private static void RecordCompletion(Facts f, ReportCompletion c)
    {
        var known = f.State.Running.Exists(x => x.CommandId == c.CommandId) || f.State.AwaitingReceipt.Exists(x => x.CommandId == c.CommandId);
        if (known) f.Add(new CommandCompleted(c.CommandId, c.ExitStatus) { Branch = f.Branch, At = f.Now });
    }
}
