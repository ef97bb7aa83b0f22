using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Branches;
using TmuxAgent.Host.LocalBus;
using TmuxAgent.Host.Observers;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host;

public sealed partial class OrchestratorLoop
{
    /// <summary>Applies approvals queued by the portal; each is answered once it is recorded and in the audit log.</summary>
    private async Task ApplyInboxAsync(CancellationToken ct)
    {
        while (_inbox.TryTake(out var request, out var done))
        {
            try
            {
                var result = await ApplyAsync(request, ct).ConfigureAwait(false);
                await SyncAuditAsync().ConfigureAwait(false);
                done.TrySetResult(result);
            }
            catch (Exception e) { done.TrySetException(e); throw; }
        }
    }

    /// <summary>Applies new records of LocalBus <c>confirmations.jsonl</c>; records that name nothing or nothing pending are reported.</summary>
    private async Task ApplyLocalBusConfirmationsAsync(CancellationToken ct)
    {
        if (_policy.DryRun) return;
        IReadOnlyList<(ConfirmationRecord? Record, string? Error, int Line)> records;
        long next;
        IDisposable? claim;
        try
        {
            claim = _confirmations.Claim();
            if (claim is null) return;   // another host sharing the offset file is applying these records
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.LogWarning("{Path}: not read: {Message}", _confirmations.Path, e.Message);
            return;
        }
        using var _ = claim;
        try { records = _confirmations.ReadNew(out next); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.LogWarning("{Path}: not read: {Message}", _confirmations.Path, e.Message);
            return;
        }
        foreach (var (record, error, line) in records)
        {
            if (record is null) { Reject(null, $"{_confirmations.Path}:{line}: {error}"); continue; }
            if (!record.NamesCommand)
            {
                Reject(record.Branch, $"{_confirmations.Path}:{line}: names no command (neither command_id nor command); nothing approved");
                continue;
            }
            var result = await ApplyAsync(new ApprovalRequest(record.Branch, record.CommandId, record.CommandText, record.Approve,
                record.Who, record.Where, record.Comment), ct).ConfigureAwait(false);
            if (result != ApprovalResult.Applied) Reject(record.Branch, $"{_confirmations.Path}:{line}: {Describe(result)}");
        }
        if (records.Count > 0) _confirmations.Commit(next);
    }

    /// <summary>How often an approval is decided again on a reloaded branch when another host appended to it first.</summary>
    private const int ApprovalAttempts = 20;

    /// <summary>
    /// Approves or denies one pending command, recorded in the branch's stream with optimistic concurrency whichever
    /// host holds the branch: a conflict reloads the branch and decides again, so an approval is never lost. The holder
    /// looks at the pane and may dispatch at once; another host records the approval with the command queued (pane
    /// taken as busy), and the holder dispatches it from the queue at its next cycle.
    /// </summary>
    private async Task<ApprovalResult> ApplyAsync(ApprovalRequest r, CancellationToken ct)
    {
        if (!_board.Branches.ContainsKey(r.Branch) || _settings.Config.Tasks.All(t => t.Branch != r.Branch)) return ApprovalResult.UnknownBranch;
        var holder = await HoldAsync(r.Branch, ct).ConfigureAwait(false);
        for (var attempt = 1; attempt <= ApprovalAttempts; attempt++)
        {
            var state = _board[r.Branch];
            if (state.FindPending(r.CommandId, r.Text) is null)
                return KnownCommand(state, r) ? ApprovalResult.NotPending : ApprovalResult.UnknownCommand;

            var (pane, observation) = holder && r.Approve ? await ObserveAsync(state, r.Branch, ct).ConfigureAwait(false) : (null, PaneObservation.Working);
            BranchInput input = r.Approve
                ? new Approve(r.CommandId, r.Text, r.Who, r.Channel, r.Comment, observation)
                : new Deny(r.CommandId, r.Text, r.Who, r.Channel, r.Comment);
            var (_, recorded) = await TryAppendAndActAsync(state, BranchDecider.Decide(state, input, _policy, Now), pane).ConfigureAwait(false);
            if (recorded) return ApprovalResult.Applied;
        }
        throw new IOException($"{r.Branch}: approval not recorded: other writers changed the branch {ApprovalAttempts} times in a row (retried next cycle)");
    }

    /// <summary>The branch's pane and whether it is busy, for an approval by the holder (no pane: busy, so the command is queued).</summary>
    private async Task<(PaneTarget? Pane, PaneObservation Observation)> ObserveAsync(BranchState state, string branch, CancellationToken ct)
    {
        // the foreground program comes from the cycle's pane listing; busy-ness needs no capture of the text
        var entry = await _panes.FindAsync(state.Session, ct).ConfigureAwait(false);
        if (entry is null) return (null, PaneObservation.Working);
        var task = _settings.Config.Tasks.First(t => t.Branch == branch);
        if (AgentFor(task, entry.CurrentCommand) is { } agent)
            return (entry.Target, new PaneObservation(AgentBusy(branch, agent, (await LookAsync(entry, withText: true, ct).ConfigureAwait(false)).Text)));
        var snapshot = await LookAsync(entry, withText: false, ct).ConfigureAwait(false);
        return (entry.Target, new PaneObservation(task.InputMode == Core.Commands.InputModes.CodexDialogue ? false : !snapshot.ShellInForeground));
    }

    /// <summary>Whether the branch ever asked for approval of the command (so "no longer pending" rather than "unknown").</summary>
    private bool KnownCommand(BranchState s, ApprovalRequest r) =>
        r.CommandId is { Length: > 0 } id ? _confirmationsAsked.Contains((s.Branch, id))
        : r.Text is not null && _confirmationTexts.Contains((s.Branch, r.Text));

    private static string Describe(ApprovalResult r) => r switch
    {
        ApprovalResult.UnknownBranch => "unknown branch; nothing approved",
        ApprovalResult.UnknownCommand => "no such pending command; nothing approved",
        ApprovalResult.NotPending => "command is no longer pending; nothing approved",
        _ => "applied",
    };

    private void Reject(string? branch, string reason)
    {
        _log.LogWarning("confirmation not applied: {Reason}", reason);
        _observers.Notify(o => o.ConfirmationRejected(branch, reason));
    }
}
