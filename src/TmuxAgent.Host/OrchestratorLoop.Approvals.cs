using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Branches;
using TmuxAgent.Host.LocalBus;
using TmuxAgent.Host.Observers;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host;

public sealed partial class OrchestratorLoop
{
    /// <summary>Applies approvals queued by the portal.</summary>
    private async Task ApplyInboxAsync(CancellationToken ct)
    {
        while (_inbox.TryTake(out var request, out var done))
        {
            try { done.TrySetResult(await ApplyAsync(request, ct).ConfigureAwait(false)); }
            catch (Exception e) { done.TrySetException(e); throw; }
        }
    }

    /// <summary>Applies new records of LocalBus <c>confirmations.jsonl</c>; records that name nothing or nothing pending are reported.</summary>
    private async Task ApplyLocalBusConfirmationsAsync(CancellationToken ct)
    {
        if (_policy.DryRun) return;
        IReadOnlyList<(ConfirmationRecord? Record, string? Error, int Line)> records;
        long next;
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

    /// <summary>Approves or denies one pending command.</summary>
    private async Task<ApprovalResult> ApplyAsync(ApprovalRequest r, CancellationToken ct)
    {
        if (!_board.Branches.ContainsKey(r.Branch) || _settings.Config.Tasks.All(t => t.Branch != r.Branch)) return ApprovalResult.UnknownBranch;
        var state = _board[r.Branch];
        if (state.FindPending(r.CommandId, r.Text) is null)
            return KnownCommand(state, r) ? ApprovalResult.NotPending : ApprovalResult.UnknownCommand;

        PaneTarget? pane = null;
        var observation = PaneObservation.Working;
        if (r.Approve)
        {
            pane = await _locator.FindAsync(state.Session, ct).ConfigureAwait(false);
            if (pane is not null)
            {
                var snapshot = await PaneReader.SnapshotAsync(pane, 50, ct).ConfigureAwait(false);
                var task = _settings.Config.Tasks.First(t => t.Branch == r.Branch);
                observation = new PaneObservation(task.InputMode == Core.Commands.InputModes.CodexDialogue ? false : !snapshot.ShellInForeground);
            }
        }
        BranchInput input = r.Approve
            ? new Approve(r.CommandId, r.Text, r.Who, r.Channel, r.Comment, observation)
            : new Deny(r.CommandId, r.Text, r.Who, r.Channel, r.Comment);
        await AppendAndActAsync(state, BranchDecider.Decide(state, input, _policy, Now), pane).ConfigureAwait(false);
        return ApprovalResult.Applied;
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
