using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Application;
using TmuxAgent.Config;
using TmuxAgent.Host.Leases;
using TmuxAgent.Host.LocalBus;
using TmuxAgent.Host.Observers;
using TmuxAgent.Host.Panes;
using TmuxAgent.Host.Reactors;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host.Approvals;

/// <summary>
/// Applies approvals and denials from the portal (<see cref="ApprovalInbox"/>) and from LocalBus <c>confirmations.jsonl</c>.
/// Each is recorded in the branch's stream whichever host holds the branch (a conflict decides it again on the reloaded
/// branch, so an approval is never lost). The holder looks at the pane with the cycle's <see cref="PaneObserver"/>: an
/// approved command goes out at once when the agent is idle, and waits in the queue while it works. Another host records
/// the approval with the command queued, and the holder dispatches it at its next cycle.
/// </summary>
public sealed class ApprovalDesk(
    OrchestratorConfig config, BranchService service, IBranchInputs inputs, BranchLeaseKeeper leases, PaneObserver panes,
    AskedConfirmations asked, ApprovalInbox inbox, ConfirmationFeed feed, ObserverSet observers, LocalBusOutbox bus, TimeProvider time,
    ILogger log)
{
    /// <summary>Applies approvals queued by the portal; each is answered once it is recorded and, through
    /// <paramref name="synced"/>, in the audit log.</summary>
    public async Task ApplyInboxAsync(Func<Task> synced, CancellationToken ct)
    {
        while (inbox.TryTake(out var request, out var done))
        {
            try
            {
                var result = await ApplyAsync(request, ct).ConfigureAwait(false);
                await synced().ConfigureAwait(false);
                done.TrySetResult(result);
            }
            catch (Exception e) { done.TrySetException(e); throw; }
        }
    }

    /// <summary>Applies new records of LocalBus <c>confirmations.jsonl</c>; records that name nothing or nothing pending are
    /// reported. After a conflict the rest is left for the next cycle (the offset is not moved).</summary>
    public async Task ApplyLocalBusAsync(CancellationToken ct)
    {
        IReadOnlyList<(ConfirmationRecord? Record, string? Error, int Line)> records;
        long next;
        IDisposable? claim;
        try
        {
            claim = feed.Claim();
            if (claim is null) return;   // another host sharing the offset file is applying these records
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogWarning("{Path}: not read: {Message}", feed.Path, e.Message);
            return;
        }
        using var _ = claim;
        try { records = feed.ReadNew(out next); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogWarning("{Path}: not read: {Message}", feed.Path, e.Message);
            return;
        }
        if (feed.TakeWarning() is { } warning)
        {
            log.LogWarning("{Warning}", warning);
            bus.Notify("orchestrator", "LocalBus offsets file reset", warning, time.GetUtcNow(), "localbus_offsets_reset");
        }
        foreach (var (record, error, line) in records)
        {
            if (record is null) { Reject(null, $"{feed.Path}:{line}: {error}"); continue; }
            if (!record.NamesCommand)
            {
                Reject(record.Branch, $"{feed.Path}:{line}: names no command (neither command_id nor command); nothing approved");
                continue;
            }
            var request = new ApprovalRequest(record.Branch, record.CommandId, record.CommandText, record.Approve,
                record.Who, record.Where, record.Comment, record);
            var result = await ApplyAsync(request, ct).ConfigureAwait(false);
            if (result == ApprovalResult.Conflict) return;
            if (result != ApprovalResult.Applied) Reject(record.Branch, $"{feed.Path}:{line}: {Describe(result, request)}");
        }
        if (records.Count > 0) feed.Commit(next);
    }

    /// <summary>Approves or denies one pending command.</summary>
    private async Task<ApprovalResult> ApplyAsync(ApprovalRequest r, CancellationToken ct)
    {
        var task = config.Tasks.FirstOrDefault(t => t.Branch == r.Branch);
        if (task is null || !service.Board.Branches.ContainsKey(r.Branch)) return ApprovalResult.UnknownBranch;
        var holder = await leases.HoldAsync(r.Branch, ct).ConfigureAwait(false);
        if (service.Board[r.Branch].FindPending(r.CommandId, r.Text) is not { } pending) return NotApplied(r);
        if (r.Record is { } record && !record.WrittenAfter(pending.Since)) return ApprovalResult.WrittenBeforeRequest;

        BranchInput input;
        PaneTarget? pane = null;
        if (r.Approve)
        {
            // only the holder types; for anyone else (or a pane not found) the approved command waits in the queue
            var look = holder ? await panes.ObserveAsync(task, withText: false, ct).ConfigureAwait(false) : null;
            pane = look?.Target;
            var activity = look?.Activity ?? new PaneActivity(true, holder ? "pane not found" : "another host holds the branch");
            log.LogDebug("{Branch}: approval of {Id}: pane {State} ({Why})", r.Branch, r.CommandId ?? r.Text, activity.Busy ? "busy" : "idle", activity.Why);
            input = new Approve(r.CommandId, r.Text, r.Who, r.Channel, r.Comment, activity.Observation);
        }
        else input = new Deny(r.CommandId, r.Text, r.Who, r.Channel, r.Comment);

        var handled = await inputs.HandleAsync(r.Branch, input, pane, ct).ConfigureAwait(false);
        return handled.Outcome switch
        {
            HandleOutcome.Recorded => ApprovalResult.Applied,
            HandleOutcome.Conflict => ApprovalResult.Conflict,
            _ => NotApplied(r),   // decided again on a reloaded branch where it was no longer pending
        };
    }

    private ApprovalResult NotApplied(ApprovalRequest r) =>
        string.IsNullOrEmpty(r.CommandId) && r.Text is not null && service.Board[r.Branch].PendingWithText(r.Text).Count > 1 ? ApprovalResult.Ambiguous
        : asked.Asked(r.Branch, r.CommandId, r.Text) ? ApprovalResult.NotPending : ApprovalResult.UnknownCommand;

    private string Describe(ApprovalResult r, ApprovalRequest request) => r switch
    {
        ApprovalResult.Ambiguous => $"the text matches {AmbiguousIds(request)}; name one by command_id; nothing approved",
        ApprovalResult.UnknownBranch => "unknown branch; nothing approved",
        ApprovalResult.UnknownCommand => "no such pending command; nothing approved",
        ApprovalResult.NotPending => "command is no longer pending; nothing approved",
        ApprovalResult.WrittenBeforeRequest => "record written before the command was requested, or without a valid \"ts\" (Unix seconds); nothing approved or denied",
        _ => "applied",
    };

    private string AmbiguousIds(ApprovalRequest r)
    {
        var all = service.Board[r.Branch].PendingWithText(r.Text!);
        return $"{all.Count} pending commands ({string.Join(", ", all.Select(p => p.CommandId))})";
    }

    private void Reject(string? branch, string reason)
    {
        log.LogWarning("confirmation not applied: {Reason}", reason);
        observers.Notify(o => o.ConfirmationRejected(branch, reason));
    }
}
