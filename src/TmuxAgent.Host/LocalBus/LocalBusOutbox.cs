using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Branches;
using TmuxAgent.Config;
using TmuxAgent.Host.Config;

namespace TmuxAgent.Host.LocalBus;

/// <summary>What the host writes to LocalBus: notifications (when <c>notify</c> includes it) and typed commands. A file
/// that cannot be written is logged and never stops the host.</summary>
public sealed class LocalBusOutbox(AgentConfig agent, ILogger log)
{
    private readonly LocalBusWriter _writer = new(agent.BusDir);

    /// <summary><c>confirmations.jsonl</c>, the file the host reads approvals from.</summary>
    public string ConfirmationsPath => _writer.ConfirmationsPath;

    /// <summary>Appends a notification when LocalBus notifications are on.</summary>
    public void Notify(string branch, string title, string body, DateTimeOffset at, string kind, string? commandId = null)
    {
        if (agent.NotifiesLocalBus) Try(() => _writer.Notify(branch, title, body, at, kind, commandId));
    }

    /// <summary>Records a command typed into a pane.</summary>
    public void Command(CommandDispatched d) => Try(() => _writer.Command(d));

    private void Try(Action write)
    {
        try { write(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { log.LogError("LocalBus not written: {Message}", e.Message); }
    }
}
