using TmuxAgent.Core.Store;

namespace TmuxAgent.Host;

public sealed partial class OrchestratorLoop
{
    /// <summary>
    /// Folds every stored event after the board's position: at start all of them, later what other hosts appended
    /// (dependency phases, the dashboard, metrics and approvals see their branches too). Events this host appended are
    /// already in the board (<see cref="Core.Projections.BranchBoard.Set"/>) and are skipped by version, never folded twice.
    /// </summary>
    /// <param name="notify">Tell the observers about each event folded (not at start: they get the whole board then).</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>How many events were folded.</returns>
    private async Task<int> CatchUpAsync(bool notify, CancellationToken ct)
    {
        var folded = 0;
        await foreach (var page in _store.ReadPagesAsync(_board.Position, 4096, ct).ConfigureAwait(false))
            foreach (ref readonly var stored in page.Events)
            {
                if (!_board.Apply(in stored, out var e)) continue;
                folded++;
                Remember(e);
                if (notify) _observers.Appended(e, _board[e.Branch]);
            }
        if (notify && folded > 0) _auditBehind = true;
        return folded;
    }
}
