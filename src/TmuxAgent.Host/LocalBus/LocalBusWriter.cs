using System.Text.Json.Nodes;
using TmuxAgent.Core.Branches;

namespace TmuxAgent.Host.LocalBus;

/// <summary>Writes LocalBus <c>commands.jsonl</c> and <c>notifications.jsonl</c> in the original's record shapes.</summary>
public sealed class LocalBusWriter(string busDir)
{
    /// <summary><c>commands.jsonl</c>.</summary>
    public string CommandsPath => Path.Combine(busDir, "commands.jsonl");
    /// <summary><c>notifications.jsonl</c>.</summary>
    public string NotificationsPath => Path.Combine(busDir, "notifications.jsonl");
    /// <summary><c>confirmations.jsonl</c>.</summary>
    public string ConfirmationsPath => Path.Combine(busDir, "confirmations.jsonl");

    /// <summary>Records a dispatched command for other tools.</summary>
    public void Command(CommandDispatched d) => JsonlFile.Append(CommandsPath, new JsonObject
    {
        ["id"] = d.CommandId,
        ["ts"] = Ts(d.At),
        ["text"] = d.Spec.Display,
        ["session"] = d.Session,
        ["enter"] = d.Spec.Enter,
        ["meta"] = new JsonObject
        {
            ["branch"] = d.Branch, ["risk_level"] = d.Spec.RiskLevel, ["input_mode"] = d.Spec.InputMode,
            ["queued"] = d.FromQueue, ["approved"] = d.Approved, ["source"] = "tmux-agent-orchestrator",
        },
    });

    /// <summary>Records a notification.</summary>
    public void Notify(string branch, string title, string body, DateTimeOffset at, string kind, string? commandId = null) =>
        JsonlFile.Append(NotificationsPath, new JsonObject
        {
            ["id"] = "ntf-" + Guid.NewGuid().ToString("N")[..16],
            ["ts"] = Ts(at),
            ["title"] = title,
            ["body"] = body,
            ["meta"] = new JsonObject { ["branch"] = branch, ["kind"] = kind, ["command_id"] = commandId, ["source"] = "tmux-agent-orchestrator" },
        });

    private static double Ts(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000.0;
}
