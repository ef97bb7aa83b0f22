using System.Text.Json.Serialization;

namespace TmuxAgent.Core.Tasks;

/// <summary>One <c>[[tasks]]</c> entry of orchestrator.toml: a branch with its plan.</summary>
/// <param name="Branch">Git branch, e.g. <c>storyapp/feature-x</c>.</param>
/// <param name="Title">Human title.</param>
/// <param name="Phases">Ordered phases; the last is usually the completion phase.</param>
/// <param name="DependsOn">Branches that must reach the completion phase first.</param>
/// <param name="Responsible">Who owns it.</param>
/// <param name="Tags">Free tags.</param>
/// <param name="Session">tmux session; null means <c>agent-</c> + branch with <c>/</c> as <c>-</c>.</param>
public sealed record TaskPlan(
    string Branch,
    string? Title,
    IReadOnlyList<string> Phases,
    IReadOnlyList<string> DependsOn,
    string? Responsible = null,
    IReadOnlyList<string>? Tags = null,
    string? Session = null)
{
    /// <summary>The tmux session of this task's pane.</summary>
    [JsonIgnore]
    public string SessionName => Session ?? DefaultSessionFor(Branch);

    /// <summary><c>agent-</c> + the branch with <c>/</c> replaced by <c>-</c>.</summary>
    public static string DefaultSessionFor(string branch) => "agent-" + branch.Replace('/', '-');

    /// <inheritdoc />
    public bool Equals(TaskPlan? o) =>
        o is not null && Branch == o.Branch && Title == o.Title && Phases.SequenceEqual(o.Phases)
        && DependsOn.SequenceEqual(o.DependsOn) && Responsible == o.Responsible
        && (Tags ?? []).SequenceEqual(o.Tags ?? []) && Session == o.Session;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Branch, Title, Phases.Count, DependsOn.Count);
}
