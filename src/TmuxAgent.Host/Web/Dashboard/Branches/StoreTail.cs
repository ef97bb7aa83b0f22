using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Observers;

namespace TmuxAgent.Host.Web.Dashboard.Branches;

/// <summary>Wakes the event streams when this host appended or folded an event (an observer of the loop); appends by other
/// hosts on a shared store are found by the streams' own short polls.</summary>
public sealed class StoreTail : IOrchestratorObserver
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <inheritdoc />
    public void EventAppended(BranchEvent appended, BranchState after) =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Completes at the next append, after <paramref name="timeout"/>, or when <paramref name="ct"/> is cancelled.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        var next = Volatile.Read(ref _next).Task;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, time, timer.Token);
        await Task.WhenAny(next, delay).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
    }
}
