using System.Runtime.CompilerServices;

namespace TmuxAgent.Core.Store;

/// <summary>A catch-up subscription to all streams: reads from a checkpoint, then polls for new events.</summary>
/// <param name="reader">The store.</param>
/// <param name="pollInterval">Wait between polls when caught up.</param>
/// <param name="timeProvider">Source of delays (inject a fake one in tests).</param>
public sealed class AllStreamPoller(IEventReader reader, TimeSpan pollInterval, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Every event after <paramref name="checkpoint"/>, then new ones as they are appended, until cancelled.</summary>
    public async IAsyncEnumerable<StoredEvent> SubscribeAsync(long checkpoint, [EnumeratorCancellation] CancellationToken ct = default)
    {
        while (!ct.IsCancellationRequested)
        {
            var page = await reader.ReadAllAsync(checkpoint, 1024, ct).ConfigureAwait(false);
            foreach (var e in page)
            {
                checkpoint = e.Position;
                yield return e;
            }
            if (page.Count == 0)
            {
                try { await Task.Delay(pollInterval, _time, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { yield break; }
            }
        }
    }
}
