namespace TmuxAgent.Core.Commands;

/// <summary>
/// The tmux key names a command's <c>keys</c> may hold. tmux types anything that is not a key name literally, so a
/// "key" like <c>echo SMUGGLED</c> would be a second, hidden command; only these names are accepted:
/// Escape, Enter, Tab, BTab, BSpace, Space, Up, Down, Left, Right, Home, End, IC/Insert, DC/Delete,
/// PPage/PageUp/PgUp, NPage/PageDown/PgDn, F1–F12, and C-, M- or ^ followed by one letter (C-a … C-z, M-a … M-z, ^C).
/// Names compare case-insensitively, as tmux looks them up.
/// </summary>
public static class TmuxKeyNames
{
    private static readonly HashSet<string> Named = new(StringComparer.OrdinalIgnoreCase)
    {
        "Escape", "Enter", "Tab", "BTab", "BSpace", "Space", "Up", "Down", "Left", "Right", "Home", "End",
        "IC", "Insert", "DC", "Delete", "PPage", "PageUp", "PgUp", "NPage", "PageDown", "PgDn",
        "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12",
    };

    /// <summary>Whether tmux reads <paramref name="key"/> as a key press (from the list above), not as text to type.</summary>
    public static bool IsKeyName(string key) =>
        Named.Contains(key)
        || key.Length == 3 && (key[0] is 'C' or 'c' or 'M' or 'm') && key[1] == '-' && char.IsAsciiLetter(key[2])
        || key.Length == 2 && key[0] == '^' && char.IsAsciiLetter(key[1]);
}
