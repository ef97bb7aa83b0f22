using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Audit;
using TmuxAgent.Core.Store;

namespace TmuxAgent.Host.Audit;

/// <summary>
/// Keeps <c>./.tmuxagent/logs/orchestrator-actions.jsonl</c> in step with the store (the loop syncs after each branch), through
/// Core's <see cref="AuditMirror"/> (a torn last line is cut, missing lines appended by <c>seq</c>, nothing duplicated).
/// </summary>
public sealed class AuditSync(string path, IEventReader reader, ILogger logger)
{
    /// <summary>The default mirror path, relative to the working directory.</summary>
    public const string DefaultPath = ".tmuxagent/logs/orchestrator-actions.jsonl";

    private readonly AuditMirror _mirror = new(path, reader);

    /// <summary>The mirror file.</summary>
    public string Path { get; } = path;

    /// <summary>Appends the lines the file lacks. Never throws: a failed sync is logged and retried next time.</summary>
    public async Task SyncAsync()
    {
        try
        {
            var result = await _mirror.SyncAsync(CancellationToken.None).ConfigureAwait(false);
            if (result.TornLineRepaired) logger.LogWarning("audit log {Path}: a torn last line was cut and rewritten from the store", Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError("audit log {Path} not written: {Message}", Path, e.Message);
        }
    }
}
