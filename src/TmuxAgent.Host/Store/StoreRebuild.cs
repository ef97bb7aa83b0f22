using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;

namespace TmuxAgent.Host.Store;

/// <summary>What <see cref="StoreRebuild.FromAuditLogAsync"/> did.</summary>
/// <param name="Events">Events appended, in <c>seq</c> order.</param>
/// <param name="LastSeq">The last <c>seq</c> taken from the audit log.</param>
/// <param name="Skipped">Lines not taken, each as <c>file:line: why</c> (blank lines are not listed).</param>
/// <param name="OriginalFormatLines">Lines of the original orchestrator (no <c>seq</c>/<c>id</c>): history, not events of this store.</param>
public sealed record StoreRebuildReport(int Events, long LastSeq, IReadOnlyList<string> Skipped, int OriginalFormatLines);

/// <summary>
/// Rebuilds an event store from the audit log (the JSONL mirror is the store's backup): every line this project wrote
/// (<c>seq</c> and <c>id</c>) is decoded back to its event (Core's <see cref="AuditLineDecoder"/>) and appended to its
/// branch stream with its original event id, in <c>seq</c> order. Positions are renumbered from 1.
/// </summary>
public static class StoreRebuild
{
    private const int Batch = 500;

    /// <summary>Appends the events of <paramref name="auditLog"/> to <paramref name="target"/>, which must be empty.</summary>
    /// <exception cref="InvalidOperationException">The target store already holds events.</exception>
    public static async Task<StoreRebuildReport> FromAuditLogAsync(string auditLog, IEventStore target, CancellationToken ct = default)
    {
        if (await target.LastPositionAsync(ct).ConfigureAwait(false) != 0)
            throw new InvalidOperationException("the target store is not empty; rebuild into a new file");
        var skipped = new List<string>();
        var pending = new List<StreamAppend>();
        var events = 0;
        var original = 0;
        long lastSeq = 0;
        foreach (var entry in new AuditLogReader().ReadFile(auditLog))
        {
            if (entry is SkippedLine s)
            {
                if (s.Reason != SkipReason.Blank) skipped.Add($"{auditLog}:{s}");
                continue;
            }
            var line = (AuditLine)entry;
            if (line.Seq is null || line.Id is null) { original++; continue; }
            if (AuditLineDecoder.TryDecode(line, out var error) is not { } decoded)
            {
                skipped.Add($"{auditLog}:{line.LineNumber}: {error}");
                continue;
            }
            if (decoded.Seq <= lastSeq)
            {
                skipped.Add($"{auditLog}:{line.LineNumber}: seq {decoded.Seq} is not after {lastSeq} (a duplicate or out of order); not taken");
                continue;
            }
            lastSeq = decoded.Seq;
            pending.Add(new StreamAppend(StreamName.ForBranch(decoded.Event.Branch), ExpectedVersion.Any, [EventSerializer.ToNew(decoded.Event, decoded.Id)]));
            events++;
            if (pending.Count >= Batch) await FlushAsync(target, pending, ct).ConfigureAwait(false);
        }
        await FlushAsync(target, pending, ct).ConfigureAwait(false);
        return new StoreRebuildReport(events, lastSeq, skipped, original);
    }

    private static async Task FlushAsync(IEventStore target, List<StreamAppend> pending, CancellationToken ct)
    {
        if (pending.Count == 0) return;
        await target.AppendManyAsync(pending.ToList(), ct).ConfigureAwait(false);
        pending.Clear();
    }
}
