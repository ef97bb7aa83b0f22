namespace TmuxAgent.Config;

/// <summary>
/// One <c>[agents.NAME]</c> table (an addition): how to tell an agent's screen busy or idle and how to type into it. For
/// the built-in names (<see cref="BuiltIn"/>) every key is optional and overrides the built-in value; a new name needs
/// <c>busy</c> and <c>idle</c>. Patterns are .NET regular expressions matched in multi-line mode (<c>^</c>/<c>$</c> at
/// each line) against the pane's screen.
/// </summary>
public sealed record AgentProfileConfig
{
    /// <summary>The built-in profiles' names.</summary>
    public static readonly IReadOnlyList<string> BuiltIn = ["codex", "claude"];

    /// <summary>The value of a task's <c>agent</c> that forces a shell (no agent profile).</summary>
    public const string Shell = "shell";

    /// <summary>The table's name (<c>[agents.NAME]</c>).</summary>
    public required string Name { get; init; }
    /// <summary><c>programs</c>: foreground program names that select this profile when a task names none.</summary>
    public IReadOnlyList<string>? Programs { get; init; }
    /// <summary><c>busy</c>: the screen shows the agent working.</summary>
    public string? Busy { get; init; }
    /// <summary><c>idle</c>: the screen shows the agent's input box, ready (checked after <c>busy</c>).</summary>
    public string? Idle { get; init; }
    /// <summary><c>error</c>: a model or tool error line.</summary>
    public string? Error { get; init; }
    /// <summary><c>submit</c>: <c>paste</c> (bracketed paste) or <c>keys</c> (typed literally).</summary>
    public string? Submit { get; init; }
    /// <summary><c>pause</c>: seconds between the text and Enter.</summary>
    public double? Pause { get; init; }
    /// <summary>Where the table is.</summary>
    public required SourceLocation Location { get; init; }
}

/// <summary>Values of <c>submit</c>.</summary>
public static class SubmitMethods
{
    /// <summary>Bracketed paste (<c>load-buffer</c> + <c>paste-buffer -p</c>): the agent takes the text as one paste.</summary>
    public const string Paste = "paste";
    /// <summary>Typed literally (<c>send-keys -l</c>), for programs that do not understand bracketed paste.</summary>
    public const string Keys = "keys";
}
