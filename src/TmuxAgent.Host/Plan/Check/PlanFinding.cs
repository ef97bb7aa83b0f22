using TmuxAgent.Config;

namespace TmuxAgent.Host.Plan.Check;

/// <summary>A problem <c>plan check</c> found in <c>[[tasks]]</c>: where, which branch, which rule, what is wrong.</summary>
/// <param name="Location">File, line and column.</param>
/// <param name="Branch">The task's branch (<c>*</c> when the finding is about no single task).</param>
/// <param name="Rule">Short rule name, e.g. <c>cycle</c>, <c>unknown-dependency</c>.</param>
/// <param name="Message">What is wrong.</param>
public sealed record PlanFinding(SourceLocation Location, string Branch, string Rule, string Message)
{
    /// <summary><c>file:line:col: branch: message [rule]</c>.</summary>
    public override string ToString() => $"{Location}: {Branch}: {Message} [{Rule}]";
}

/// <summary>The rule names of <see cref="PlanFinding"/>.</summary>
public static class PlanRules
{
    /// <summary>Tasks that depend on each other in a circle: none of them can ever start.</summary>
    public const string Cycle = "cycle";
    /// <summary><c>depends_on</c> names a branch no task has.</summary>
    public const string UnknownDependency = "unknown-dependency";
    /// <summary>Two <c>[[tasks]]</c> with the same branch.</summary>
    public const string DuplicateBranch = "duplicate-branch";
    /// <summary><c>phases</c> lacks <c>completion_phase</c>: the task can never finish and its dependents never start.</summary>
    public const string NoCompletionPhase = "no-completion-phase";
    /// <summary><c>phases = []</c>, or a phase that is an empty string.</summary>
    public const string EmptyPhase = "empty-phase";
    /// <summary>A phase used but not listed in the task's <c>phases</c>: <c>default_phase</c>, a <c>[tasks.plan]</c> key, a repeated phase.</summary>
    public const string UnknownPhase = "unknown-phase";
    /// <summary>Two tasks type into the same tmux session.</summary>
    public const string SharedSession = "shared-session";
}
