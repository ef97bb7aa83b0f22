using System.Text.Json.Serialization;
using TmuxAgent.Core.Branches;

namespace TmuxAgent.Core.Projections.Snapshots;

/// <summary>Source-generated JSON of snapshot states (snake_case, like the events).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectRequiredConstructorParameters = false)]
[JsonSerializable(typeof(BoardSnapshotData))]
[JsonSerializable(typeof(BranchState))]
public sealed partial class SnapshotJsonContext : JsonSerializerContext;
