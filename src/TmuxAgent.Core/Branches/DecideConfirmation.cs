using TmuxAgent.Core.Commands;
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

    /// <summary>A receipt. A failure the host cannot explain by a typed-but-unseen command (<see cref="ReportDelivery.AskBeforeResending"/>)
    /// puts the same command, under a new id, before a human: it may run again only when someone approves it.</summary>
    private static void RecordDelivery(Facts f, ReportDelivery r)
    {
        var sent = f.State.AwaitingReceipt.Find(c => c.CommandId == r.CommandId);
        if (sent is null) return;
        if (r.Delivered)
        {
            f.Add(new CommandDelivered(r.CommandId) { Branch = f.Branch, At = f.Now });
            return;
        }
        f.Add(new CommandDeliveryFailed(r.CommandId, r.Reason ?? "not seen in the pane") { Branch = f.Branch, At = f.Now });
        if (r.AskBeforeResending)
            f.Add(new ConfirmationRequested(CommandIds.Resend(r.CommandId), sent.Session, sent.Spec, ConfirmationReasons.ResendUndelivered)
                { Branch = f.Branch, At = f.Now });
    }

    /// <summary>A receipt from an agent. Submitted: delivered, with how it was confirmed. Not submitted and never typed: back
    /// in the queue (first), to go out at the next idle cycle. Typed but not submitted: recorded, never typed again.</summary>
    private static void RecordSubmission(Facts f, ReportSubmission r)
    {
        var sent = f.State.AwaitingReceipt.Find(c => c.CommandId == r.CommandId);
        if (sent is null) return;
        if (r.Confirmation is not null)
        {
            f.Add(new CommandDelivered(r.CommandId, r.Agent, r.Confirmation, r.EnterPresses) { Branch = f.Branch, At = f.Now });
            return;
        }
        f.Add(new CommandNotSubmitted(r.CommandId, r.Agent, r.Reason ?? "not submitted", r.Typed, r.EnterPresses) { Branch = f.Branch, At = f.Now });
        if (!r.Typed)
            f.Add(new CommandQueued(r.CommandId, sent.Session, sent.Spec, QueueReasons.PaneBusy) { Branch = f.Branch, At = f.Now });
    }

    private static void RecordCompletion(Facts f, ReportCompletion c)
    {
        var known = f.State.Running.Exists(x => x.CommandId == c.CommandId) || f.State.AwaitingReceipt.Exists(x => x.CommandId == c.CommandId);
        if (known) f.Add(new CommandCompleted(c.CommandId, c.ExitStatus) { Branch = f.Branch, At = f.Now });
    }
}
