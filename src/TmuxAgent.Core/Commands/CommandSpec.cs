using System.Text.Json.Serialization;

namespace TmuxAgent.Core.Commands;

/// <summary>How a command's text is typed: into a shell (exit status comes back) or into an agent's dialogue.</summary>
public static class InputModes
{
    /// <summary>A shell prompt: text typed, exit status reported back through a sentinel.</summary>
    public const string Shell = "shell";

    /// <summary>An interactive agent (Codex, Claude Code): no trailer, Ctrl-C maps to Escape.</summary>
    public const string CodexDialogue = "codex_dialogue";
}

/// <summary>One command proposed by a decision source, as in the decision JSON contract.</summary>
/// <param name="Text">Text to type, or null when only <paramref name="Keys"/> are sent.</param>
/// <param name="Keys">tmux key names sent after the text (e.g. <c>Escape</c>, <c>C-c</c>).</param>
/// <param name="Enter">Whether Enter follows the text.</param>
/// <param name="RiskLevel">low, medium, high or critical; high and critical need approval.</param>
/// <param name="InputMode"><see cref="InputModes.Shell"/> or <see cref="InputModes.CodexDialogue"/>.</param>
/// <param name="Cwd">Working directory hint, recorded only.</param>
/// <param name="Notes">Free text from the decision source, recorded only.</param>
public sealed record CommandSpec(
    string? Text,
    IReadOnlyList<string> Keys,
    bool Enter = true,
    string RiskLevel = "low",
    string InputMode = InputModes.Shell,
    string? Cwd = null,
    string? Notes = null)
{
    /// <summary>A plain shell command typed and entered.</summary>
    public static CommandSpec Of(string text, string risk = "low") => new(text, [], true, risk);

    /// <summary>Identity used for de-duplication: the same text, keys and Enter are the same command.</summary>
    [JsonIgnore]
    public string DedupKey => $"{Text}\u241F{string.Join(',', Keys)}\u241F{Enter}";

    /// <summary>What an operator sees: the text and then every key, each key in angle brackets
    /// (<c>echo visible ⟨Escape⟩ ⟨Enter⟩</c>), so no key press is hidden behind the text.</summary>
    [JsonIgnore]
    public string Display => Keys.Count == 0 ? Text ?? ""
        : string.Join(' ', (Text is null ? [] : new[] { Text }).Concat(Keys.Select(k => $"\u27E8{k}\u27E9")));

    /// <inheritdoc />
    public bool Equals(CommandSpec? other) =>
        other is not null && Text == other.Text && Keys.SequenceEqual(other.Keys) && Enter == other.Enter
        && RiskLevel == other.RiskLevel && InputMode == other.InputMode && Cwd == other.Cwd && Notes == other.Notes;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Text, Keys.Count, Enter, RiskLevel, InputMode);
}
