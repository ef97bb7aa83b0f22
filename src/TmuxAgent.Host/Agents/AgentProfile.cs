using System.Text.RegularExpressions;
using TmuxAgent.Config;
using TmuxAgent.Host.Config;

namespace TmuxAgent.Host.Agents;

/// <summary>
/// How to read and type into one kind of agent TUI: <see cref="Busy"/> and <see cref="Idle"/> screen patterns (busy wins;
/// neither: <see cref="AgentActivity.Unknown"/>, which counts as busy, so nothing is typed), an <see cref="Error"/> line,
/// the submit method and the pause between text and Enter. Busy or idle comes from the screen, never from the foreground
/// program (which only picks the profile).
/// </summary>
public sealed record AgentProfile(
    string Name,
    IReadOnlyList<string> Programs,
    Regex Busy,
    Regex Idle,
    Regex? Error,
    string Submit,
    TimeSpan Pause)
{
    /// <summary>How many of the screen's last lines are read: the agent's status, input box and footer live at the bottom;
    /// older lines are transcript.</summary>
    public const int ScreenLines = 60;

    /// <summary>Builds a profile from patterns (multi-line mode, 1 s match timeout).</summary>
    public static AgentProfile Of(string name, IReadOnlyList<string> programs, string busy, string idle, string? error,
        string submit = SubmitMethods.Paste, double pauseSeconds = 0.2) =>
        new(name, programs, Compile(busy), Compile(idle), error is null ? null : Compile(error), submit, TimeSpan.FromSeconds(pauseSeconds));

    /// <summary>What <paramref name="screen"/> (a capture of the pane) shows.</summary>
    public AgentScreen Read(string screen)
    {
        var tail = Tail(screen);
        var busy = Busy.IsMatch(tail);
        var idle = LastMatch(Idle, tail);
        var activity = busy ? AgentActivity.Busy : idle is not null ? AgentActivity.Idle : AgentActivity.Unknown;
        return new AgentScreen(activity, idle is null ? null : LineAt(tail, idle.Index + Math.Max(0, idle.Length - 1)), ErrorLine(tail));
    }

    /// <summary>This profile with the keys <paramref name="c"/> sets replaced.</summary>
    public AgentProfile With(AgentProfileConfig c) => this with
    {
        Programs = c.Programs ?? Programs,
        Busy = c.Busy is { } b ? Compile(b) : Busy,
        Idle = c.Idle is { } i ? Compile(i) : Idle,
        Error = c.Error is { } e ? Compile(e) : Error,
        Submit = c.Submit ?? Submit,
        Pause = c.Pause is { } p ? TimeSpan.FromSeconds(p) : Pause,
    };

    /// <summary>A model error line among the screen's last lines (the latest turn's, not one scrolled far up).</summary>
    private string? ErrorLine(string tail)
    {
        if (Error is null) return null;
        var lines = tail.Split('\n').Where(l => l.Trim().Length > 0).TakeLast(12);
        return lines.LastOrDefault(Error.IsMatch)?.Trim();
    }

    private static Match? LastMatch(Regex r, string text)
    {
        Match? last = null;
        for (var m = r.Match(text); m.Success; m = m.NextMatch()) last = m;
        return last;
    }

    private static string LineAt(string text, int index)
    {
        var start = text.LastIndexOf('\n', Math.Clamp(index, 0, Math.Max(0, text.Length - 1))) + 1;
        var end = text.IndexOf('\n', start);
        return (end < 0 ? text[start..] : text[start..end]).TrimEnd();
    }

    private static string Tail(string screen)
    {
        var lines = screen.TrimEnd('\n').Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - ScreenLines)));
    }

    private static Regex Compile(string pattern) => new(pattern, RegexOptions.Multiline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
