using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Store;

namespace TmuxAgent.Host.Audit;

/// <summary>
/// Keeps <c>./.tmuxagent/logs/orchestrator-actions.jsonl</c> in step with the store after every append.
/// Uses Core's <see cref="AuditMirror"/>; while that is still the unimplemented stub it falls back to a TEMPORARY
/// in-process mirror (<see cref="InterimAuditLines"/>) that appends the lines of events stored since start.
/// </summary>
public sealed class AuditSync(string path, IEventReader reader, ILogger logger)
{
    /// <summary>The default mirror path, relative to the working directory.</summary>
    public const string DefaultPath = ".tmuxagent/logs/orchestrator-actions.jsonl";

    private readonly AuditMirror _mirror = new(path, reader);
    private bool _interim;
    private long _interimPosition = -1;

    /// <summary>The mirror file.</summary>
    public string Path { get; } = path;

    /// <summary>Appends the lines the file lacks. Never throws: a failed sync is logged and retried next time.</summary>
    public async Task SyncAsync()
    {
        try
        {
            if (!_interim)
            {
                try { await _mirror.SyncAsync(CancellationToken.None).ConfigureAwait(false); return; }
                catch (NotImplementedException) { _interim = true; }
            }
            await InterimSyncAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError("audit log {Path} not written: {Message}", Path, e.Message);
        }
    }

    private async Task InterimSyncAsync()
    {
        if (_interimPosition < 0) _interimPosition = 0;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        while (true)
        {
            var page = await reader.ReadAllAsync(_interimPosition, 1024, CancellationToken.None).ConfigureAwait(false);
            if (page.Count == 0) return;
            var lines = page.Select(InterimAuditLines.For).Select(l => l + "\n");
            await File.AppendAllTextAsync(Path, string.Concat(lines), CancellationToken.None).ConfigureAwait(false);
            _interimPosition = page[^1].Position;
        }
    }

    /// <summary>Starts the interim mirror after <paramref name="position"/> (events already mirrored by an earlier run).</summary>
    public void SkipTo(long position) => _interimPosition = position;
}
