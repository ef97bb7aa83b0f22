using TmuxAgent.Core.Store;

namespace TmuxAgent.Core.Audit;

/// <summary>
/// Keeps <c>.tmuxagent/logs/orchestrator-actions.jsonl</c> in step with the store: one line per stored event,
/// in global order, with <c>seq</c> = global position and <c>id</c> = event id.
/// </summary>
public sealed class AuditMirror(string path, IEventReader reader)
{
    /// <summary>The mirror file.</summary>
    public string Path { get; } = path;

    /// <summary>Repairs a torn last line, then appends every stored event the file lacks. Never duplicates a line.</summary>
    public Task<MirrorSyncResult> SyncAsync(CancellationToken ct = default) =>
        throw new NotImplementedException($"AuditMirror is not implemented yet ({reader.GetType().Name}).");
}

/// <summary>What a sync did.</summary>
/// <param name="LinesAppended">Lines written.</param>
/// <param name="TornLineRepaired">Whether a half-written last line was cut off.</param>
/// <param name="LastSeq">Highest <c>seq</c> in the file afterwards.</param>
public readonly record struct MirrorSyncResult(int LinesAppended, bool TornLineRepaired, long LastSeq);
