namespace TmuxAgent.Core.Commands;

/// <summary>
/// What a command may hold before anything of it is typed. <c>keys</c> hold only tmux key names
/// (<see cref="TmuxKeyNames"/>); text holds no control characters but tab and newline (a NUL cuts what tmux types and
/// leaves the <c>timeout … sh -c '</c> wrapper with an open quote; Ctrl-C, DEL and friends act on the terminal); a
/// newline in shell text needs <c>enter = true</c>, since the newline itself would run the line.
/// </summary>
public static class CommandRules
{
    /// <summary>Why <paramref name="spec"/> (the <paramref name="index"/>-th command) may not be typed, or null when it may.</summary>
    public static string? Problem(CommandSpec spec, int index)
    {
        for (var k = 0; k < spec.Keys.Count; k++)
        {
            if (!TmuxKeyNames.IsKeyName(spec.Keys[k]))
                return $"commands[{index}].keys[{k}]: \"{Visible(spec.Keys[k])}\" is not a tmux key name (Escape, Enter, Tab, BSpace, Space, "
                    + "Up, Down, Left, Right, Home, End, PPage, NPage, F1-F12, C-a…C-z, M-a…M-z); nothing typed";
        }
        if (spec.Text is not { } text) return null;
        var bad = text.AsSpan().IndexOfAny(Controls);
        if (bad >= 0) return $"commands[{index}].text: control character U+{(int)text[bad]:X4} at offset {bad}; nothing typed";
        if (spec.InputMode == InputModes.Shell && !spec.Enter && text.Contains('\n'))
            return $"commands[{index}].text: a newline in shell text with enter = false would run it; nothing typed";
        return null;
    }

    /// <summary>The first problem of any command of <paramref name="commands"/>, or null.</summary>
    public static string? Problem(IReadOnlyList<CommandSpec> commands)
    {
        for (var i = 0; i < commands.Count; i++)
            if (Problem(commands[i], i) is { } p) return p;
        return null;
    }

    /// <summary>C0 controls but tab and newline, DEL and C1 controls.</summary>
    private static readonly System.Buffers.SearchValues<char> Controls = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0xA0).Select(i => (char)i).Where(c => c < 0x20 && c is not ('\t' or '\n') || c >= 0x7f)));

    private static string Visible(string s) => VisibleText.Escape(s.Length > 40 ? s[..40] + "…" : s)!;
}
