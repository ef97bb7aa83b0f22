using System.Text.Json.Serialization;

namespace TmuxAgent.Host.Decisions;

/// <summary>The <c>{metadata}</c> placeholder of the decision prompt: the branch's state as one JSON object, keys in this order.</summary>
/// <param name="Branch">Branch name.</param>
/// <param name="Phase">Current phase.</param>
/// <param name="Queue">Commands waiting for the pane.</param>
/// <param name="Pending">Commands waiting for approval.</param>
/// <param name="Running">Commands typed whose end is not yet seen.</param>
/// <param name="ConsecutiveFailures">Decision errors since the last good decision.</param>
/// <param name="PaneCommand">The pane's foreground program.</param>
/// <param name="Blockers">Blockers from the last decision.</param>
/// <param name="Dispatched">Commands typed so far.</param>
/// <param name="Failures">Commands that failed so far.</param>
/// <param name="AgentErrors">Model error lines on the agent's screen (stuck checks only; absent otherwise).</param>
public sealed record PromptMetadata(
    [property: JsonPropertyName("branch")] string Branch,
    [property: JsonPropertyName("phase")] string Phase,
    [property: JsonPropertyName("queue")] int Queue,
    [property: JsonPropertyName("pending")] int Pending,
    [property: JsonPropertyName("running")] int Running,
    [property: JsonPropertyName("consecutive_failures")] int ConsecutiveFailures,
    [property: JsonPropertyName("pane_command")] string PaneCommand,
    [property: JsonPropertyName("blockers")] IReadOnlyList<string> Blockers,
    [property: JsonPropertyName("dispatched")] long Dispatched,
    [property: JsonPropertyName("failures")] long Failures,
    [property: JsonPropertyName("agent_errors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? AgentErrors = null);
