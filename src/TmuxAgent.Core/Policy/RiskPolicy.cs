using System.Text.RegularExpressions;

namespace TmuxAgent.Core.Policy;

/// <summary>
/// The deterministic half of the risk decision (<c>[risk]</c> in orchestrator.toml): regular expressions that make a
/// command wait for a human whatever risk the decision source claims. Each is matched against the command's text and
/// against its keys (joined by spaces), with a match timeout; a match that times out counts as a match (fail closed).
/// </summary>
public sealed class RiskPolicy
{
    /// <summary>How long one pattern may take on one command before it counts as matching.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>The built-in patterns (<c>include_defaults = true</c>): recursive rm, force push, hard reset, git clean,
    /// dropping databases, a download piped into a shell, sudo, mkfs, dd or a redirect onto a device, chmod -R 777,
    /// a fork bomb.</summary>
    public static readonly IReadOnlyList<string> DefaultPatterns =
    [
        @"\brm\s+(-[^\s]*\s+)*(-[a-zA-Z]*[rR][a-zA-Z]*|--recursive)\b",
        @"\bgit\s+push\b.*(\s--force(-with-lease)?\b|\s-[a-zA-Z]*f\b|\s\+\S)",
        @"\bgit\s+reset\b.*\s--hard\b",
        @"\bgit\s+clean\b.*\s-[a-zA-Z]*f",
        @"(?i)\bdrop\s+(database|schema|table)\b",
        @"\bdropdb\b",
        @"\b(curl|wget)\b[^|]*\|\s*(sudo\s+)?(env\s+)?\S*\b(sh|bash|zsh|dash|ksh|fish|python3?|perl|ruby)\b",
        @"\bsudo\b",
        @"\bmkfs(\.\w+)?\b",
        @"\bdd\b.*\bof=/dev/",
        @">\s*/dev/(sd|hd|vd|xvd|nvme|mmcblk|disk)",
        @"\bchmod\b(?=.*\s-[a-zA-Z]*R)(?=.*\s0?777\b)",
        @":\(\)\s*\{\s*:\s*\|\s*:",
    ];

    private readonly IReadOnlyList<Regex> _patterns;

    /// <summary>A policy of <paramref name="patterns"/> (each must be a valid .NET regular expression: check with <see cref="Compile"/>).</summary>
    public RiskPolicy(IEnumerable<string> patterns) => _patterns = patterns.Select(p => Compile(p, out _)!).ToList();

    /// <summary>The built-in patterns only.</summary>
    public static RiskPolicy Default { get; } = new(DefaultPatterns);

    /// <summary>No pattern at all.</summary>
    public static RiskPolicy None { get; } = new([]);

    /// <summary>The patterns, as written.</summary>
    public IEnumerable<string> Patterns => _patterns.Select(r => r.ToString());

    /// <summary><paramref name="pattern"/> compiled with <see cref="MatchTimeout"/>, or null with the reason in <paramref name="error"/>.</summary>
    public static Regex? Compile(string pattern, out string? error)
    {
        try
        {
            error = null;
            return new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>The first pattern that matches <paramref name="text"/> or <paramref name="keys"/> (a timeout is reported as
    /// <c>pattern (timed out)</c>), or null when none does.</summary>
    public string? FirstMatch(string? text, IReadOnlyList<string> keys)
    {
        var joinedKeys = keys.Count == 0 ? null : string.Join(' ', keys);
        foreach (var r in _patterns)
        {
            try
            {
                if (text is not null && r.IsMatch(text) || joinedKeys is not null && r.IsMatch(joinedKeys)) return r.ToString();
            }
            catch (RegexMatchTimeoutException) { return r + " (timed out)"; }
        }
        return null;
    }
}
