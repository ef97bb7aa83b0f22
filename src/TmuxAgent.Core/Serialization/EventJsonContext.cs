using System.Text.Json.Serialization;
using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Branches;

namespace TmuxAgent.Core.Serialization;

/// <summary>Source-generated JSON contracts of the events (snake_case).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectRequiredConstructorParameters = false)]
[JsonSerializable(typeof(TaskPlanned))]
[JsonSerializable(typeof(TaskChanged))]
[JsonSerializable(typeof(DecisionRequested))]
[JsonSerializable(typeof(DecisionReceived))]
[JsonSerializable(typeof(DecisionFailed))]
[JsonSerializable(typeof(CommandQueued))]
[JsonSerializable(typeof(CommandDispatched))]
[JsonSerializable(typeof(CommandDelivered))]
[JsonSerializable(typeof(CommandDeliveryFailed))]
[JsonSerializable(typeof(CommandCompleted))]
[JsonSerializable(typeof(CommandDropped))]
[JsonSerializable(typeof(ConfirmationRequested))]
[JsonSerializable(typeof(ConfirmationApproved))]
[JsonSerializable(typeof(ConfirmationDenied))]
[JsonSerializable(typeof(BranchBlocked))]
[JsonSerializable(typeof(BranchUnblocked))]
[JsonSerializable(typeof(PhaseChanged))]
[JsonSerializable(typeof(StallDetected))]
[JsonSerializable(typeof(CommandNotSubmitted))]
[JsonSerializable(typeof(SummaryRecorded))]
[JsonSerializable(typeof(StuckChecked))]
[JsonSerializable(typeof(DelegateSuggested))]
[JsonSerializable(typeof(DecisionsRepeated))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
