using TmuxAgent.Core.Commands;

namespace TmuxAgent.Host.Tmux;

/// <summary>Types a command into a pane: text with <c>send-keys -l</c> (literal), Enter as its own key, then key names.
/// Shell mode adds the exit-status trailer; <c>codex_dialogue</c> adds none and maps Ctrl-C to Escape.</summary>
public static class PaneTyper
{
    /// <summary>The text actually typed for <paramref name="spec"/> (null when there is no text).</summary>
    public static string? TypedText(CommandSpec spec, string commandId, double commandTimeoutSeconds) =>
        spec.Text is null ? null
        : TracksExit(spec) ? SentinelTrailer.Wrap(spec.Text, SentinelTrailer.TagOf(commandId), commandTimeoutSeconds)
        : spec.Text;

    /// <summary>Whether the exit status comes back through the trailer (shell mode, text, Enter).</summary>
    public static bool TracksExit(CommandSpec spec) => spec.InputMode == InputModes.Shell && spec.Text is not null && spec.Enter;

    /// <summary>Sends the keys; throws <see cref="TmuxException"/> when tmux refuses or the command breaks <see cref="CommandRules"/>
    /// (then nothing is typed).</summary>
    public static async Task TypeAsync(PaneTarget pane, CommandSpec spec, string commandId, double commandTimeoutSeconds, CancellationToken ct = default)
    {
        // Decide refuses such commands; this is the last line, for commands recorded before the rule existed.
        if (CommandRules.Problem(spec, 0) is { } problem) throw new TmuxException("not typed: " + problem);
        var enter = spec.Text is not null && spec.Enter;
        if (TypedText(spec, commandId, commandTimeoutSeconds) is { Length: > 0 } text)
        {
            // Text and Enter in one tmux invocation (";" separates tmux commands): a host killed between them would
            // leave the text typed but never entered, and after a restart it would count as delivered.
            string[] args = enter && text != ";"
                ? ["send-keys", "-t", pane.PaneId, "-l", "--", text, ";", "send-keys", "-t", pane.PaneId, "Enter"]
                : ["send-keys", "-t", pane.PaneId, "-l", "--", text];
            await pane.Client.QueryAsync(args, ct).ConfigureAwait(false);
            enter = enter && text == ";";
        }
        if (enter)
            await pane.Client.QueryAsync(["send-keys", "-t", pane.PaneId, "Enter"], ct).ConfigureAwait(false);
        foreach (var key in spec.Keys)
            await pane.Client.QueryAsync(["send-keys", "-t", pane.PaneId, MapKey(key, spec.InputMode)], ct).ConfigureAwait(false);
    }

    /// <summary>A key name as sent: in <c>codex_dialogue</c> mode Ctrl-C becomes Escape (interrupting the agent, not killing it).</summary>
    public static string MapKey(string key, string inputMode) =>
        inputMode == InputModes.CodexDialogue && key is "C-c" or "^C" or "^c" or "C-C" ? "Escape" : key;

    /// <summary>What of a typed text must show in the pane for it to count as delivered: its first line, at most 200
    /// characters (a shell shows the next lines of a multi-line text behind a continuation prompt).</summary>
    public static string ReceiptNeedle(string typed)
    {
        var firstLine = typed.IndexOf('\n') is var nl and >= 0 ? typed[..nl] : typed;
        return firstLine.Length > 200 ? firstLine[..200] : firstLine;
    }

    /// <summary>Waits up to <paramref name="within"/> for <paramref name="text"/> to show in the pane (the delivery receipt).</summary>
    public static async Task<bool> SeenAsync(PaneTarget pane, string text, int lines, TimeSpan within, CancellationToken ct = default)
    {
        var needle = ReceiptNeedle(text);
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var captured = await PaneReader.CaptureAsync(pane, lines, ct).ConfigureAwait(false);
            if (captured.Contains(needle, StringComparison.Ordinal)) return true;
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(100, ct).ConfigureAwait(false);
        }
    }
}
