using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Tasks;

namespace TmuxAgent.Config;

/// <summary>One <c>[[tasks]]</c> entry, with where it was written (for <c>plan check</c> findings).</summary>
public sealed record TaskConfig
{
    /// <summary><c>branch</c>.</summary>
    public required string Branch { get; init; }
    /// <summary><c>title</c>.</summary>
    public string? Title { get; init; }
    /// <summary><c>phases</c>, ordered.</summary>
    public IReadOnlyList<string> Phases { get; init; } = [];
    /// <summary><c>depends_on</c>: branches.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];
    /// <summary><c>responsible</c>.</summary>
    public string? Responsible { get; init; }
    /// <summary><c>tags</c>.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary><c>session</c> (addition): tmux session; default <c>agent-</c> + branch with <c>/</c> as <c>-</c>.</summary>
    public string? Session { get; init; }
    /// <summary><c>input_mode</c> (addition): how the pane is watched, <c>shell</c> or <c>codex_dialogue</c>.</summary>
    public string InputMode { get; init; } = InputModes.Shell;
    /// <summary><c>agent</c> (addition): the pane's agent profile (<c>codex</c>, <c>claude</c>, an <c>[agents.NAME]</c>), or
    /// <c>shell</c>; null: chosen by the pane's foreground program.</summary>
    public string? Agent { get; init; }
    /// <summary><c>[tasks.plan]</c> (addition): phase → commands for the built-in plan decider.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CommandSpec>> Plan { get; init; } = new Dictionary<string, IReadOnlyList<CommandSpec>>();
    /// <summary>Where the <c>[[tasks]]</c> header is.</summary>
    public required SourceLocation Location { get; init; }
    /// <summary>Where each key of the entry is (key → location), for findings about one field.</summary>
    public IReadOnlyDictionary<string, SourceLocation> KeyLocations { get; init; } = new Dictionary<string, SourceLocation>();

    /// <summary>The tmux session of the task's pane.</summary>
    public string SessionName => Session ?? TaskPlan.DefaultSessionFor(Branch);

    /// <summary>The plan Core decides with.</summary>
    public TaskPlan ToPlan() => new(Branch, Title, Phases, DependsOn, Responsible, Tags, Session);
}
