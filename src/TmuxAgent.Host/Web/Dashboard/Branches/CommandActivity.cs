using System.Collections.Concurrent;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;

namespace TmuxAgent.Host.Web.Dashboard.Branches;

/// <summary>A card's "at a glance" figures.</summary>
/// <param name="CommandsPerHour">Commands dispatched in each of the last <paramref name="WindowHours"/> clock hours, oldest
/// first; the last bucket is the current hour so far.</param>
/// <param name="WindowHours">Hours covered (<see cref="CommandActivity.WindowHours"/>).</param>
/// <param name="LastExitStatus">Exit status of the last command that completed; null when none did.</param>
/// <param name="LastExitAt">Unix seconds it completed.</param>
public sealed record ActivityView(IReadOnlyList<int> CommandsPerHour, int WindowHours, int? LastExitStatus, double? LastExitAt);

/// <summary>
/// Commands per hour and the last exit status of each branch, read from the store's branch streams (newest first, only
/// <c>command_dispatched</c> and <c>command_completed</c>, at most <see cref="MaxEvents"/> events a branch), and read again
/// only when the branch's stream has a new event (one indexed look at its newest position) or the hour changed.
/// </summary>
public sealed class CommandActivity(IEventReader store, TimeProvider time)
{
    /// <summary>Hours the sparkline covers.</summary>
    public const int WindowHours = 24;

    /// <summary>Dispatches read per branch at most (a busier branch's oldest buckets are then lower bounds).</summary>
    public const int MaxEvents = 5000;

    private const int PageSize = 1000;
    private readonly ConcurrentDictionary<string, (long Position, long Hour, ActivityView View)> _cache = new(StringComparer.Ordinal);

    /// <summary>The figures of <paramref name="branches"/> now.</summary>
    public async Task<IReadOnlyDictionary<string, ActivityView>> ForAsync(IEnumerable<string> branches, CancellationToken ct)
    {
        var hour = time.GetUtcNow().ToUnixTimeSeconds() / 3600;
        var result = new Dictionary<string, ActivityView>(StringComparer.Ordinal);
        foreach (var branch in branches)
        {
            var newest = await store.ReadStreamBackwardAsync(StreamName.ForBranch(branch), null, 1, null, ct).ConfigureAwait(false);
            var position = newest.Count == 0 ? 0 : newest[0].Position;
            if (!_cache.TryGetValue(branch, out var cached) || cached.Position != position || cached.Hour != hour)
                _cache[branch] = cached = (position, hour, await ReadAsync(branch, hour, ct).ConfigureAwait(false));
            result[branch] = cached.View;
        }
        return result;
    }

    private async Task<ActivityView> ReadAsync(string branch, long hour, CancellationToken ct)
    {
        var stream = StreamName.ForBranch(branch);
        var buckets = new int[WindowHours];
        var firstHour = hour - WindowHours + 1;
        long? before = null;
        for (var read = 0; read < MaxEvents;)
        {
            var page = await store.ReadStreamBackwardAsync(stream, before, PageSize, ["command_dispatched"], ct).ConfigureAwait(false);
            foreach (var e in page)
            {
                var h = e.Created.ToUnixTimeSeconds() / 3600;
                if (h < firstHour) return await WithExitAsync(stream, buckets, ct).ConfigureAwait(false);
                if (h <= hour) buckets[h - firstHour]++;
            }
            read += page.Count;
            if (page.Count < PageSize) break;
            before = page[^1].Position;
        }
        return await WithExitAsync(stream, buckets, ct).ConfigureAwait(false);
    }

    private async Task<ActivityView> WithExitAsync(StreamName stream, int[] buckets, CancellationToken ct)
    {
        var last = await store.ReadStreamBackwardAsync(stream, null, 1, ["command_completed"], ct).ConfigureAwait(false);
        var completed = last.Count == 1 ? EventSerializer.FromStored(last[0]) as CommandCompleted : null;
        return new ActivityView(buckets, WindowHours, completed?.ExitStatus, completed is null ? null : OrchestratorView.Unix(completed.At));
    }
}
