using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Store;

namespace TmuxAgent.Host.Audit;

/// <summary>
/// Keeps <c>./.tmuxagent/logs/orchestrator-actions.jsonl</c> in step with the store (the loop syncs after each branch), through
/// Core's <see cref="AuditMirror"/> (a torn last line is moved to <c>….damaged</c>, missing lines appended by <c>seq</c>, nothing duplicated).
/// </summary>
public sealed class AuditSync(string path, IEventReader reader, ILogger logger)
{
    /// <summary>The default mirror path, relative to the working directory.</summary>
    public const string DefaultPath = ".tmuxagent/logs/orchestrator-actions.jsonl";

    private readonly AuditMirror _mirror = new(path, reader);
    private bool _comparedWithStore;

    /// <summary>The mirror file.</summary>
    public string Path { get; } = path;

    /// <summary>Appends the lines the file lacks. Never throws for the file: a failed write is logged and its message
    /// returned (the caller retries next time); <see langword="null"/> when the file is up to date. A store that cannot be
    /// read still throws.</summary>
    public async Task<string?> SyncAsync()
    {
        try
        {
            var result = await _mirror.SyncAsync(CancellationToken.None).ConfigureAwait(false);
            if (result.TornLineRepaired)
                logger.LogWarning("audit log {Path}: its last line was half-written or not JSON; its {Bytes} bytes were moved to {Damaged} "
                    + "and the log continued from the store", Path, result.BytesMovedAside, _mirror.DamagedPath);
            if (!_comparedWithStore)
            {
                _comparedWithStore = true;
                var position = await reader.LastPositionAsync(CancellationToken.None).ConfigureAwait(false);
                if (result.LastSeq > position)
                    logger.LogError("audit log {Path} is ahead of the event store: its last seq is {Seq}, the store's last position {Position} "
                        + "(was the store restored from an older copy?). The store's next events up to seq {Seq} would not be mirrored: "
                        + "stop the host and move the audit log out of its folder (docs/host.md, \"Restoring a damaged store\")",
                        Path, result.LastSeq, position, result.LastSeq);
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError("audit log {Path} not written: {Message}", Path, e.Message);
            return e.Message;
        }
    }
}
