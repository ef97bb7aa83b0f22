using System.Text.Json.Serialization;
using TmuxAgent.Core.Projections.Snapshots;

namespace TmuxAgent.Host.Snapshots;

/// <summary>What the host folds from the store at start, as one snapshot (<c>host/board</c>): the board (every branch's
/// state and stream version, the position) and the approvals ever asked (<see cref="Approvals.AskedConfirmations"/>).
/// The metrics' counters are part of each branch's state (<c>BranchCounters</c>), so they come back with the board.</summary>
/// <param name="Board">The board.</param>
/// <param name="Asked">The approvals ever asked.</param>
public sealed record HostSnapshotData(BoardSnapshotData Board, IReadOnlyList<AskedConfirmation> Asked);

/// <summary>One approval asked, by command id or by text.</summary>
public sealed record AskedConfirmation(string Branch, string? CommandId, string? Text);

/// <summary>The host snapshot's name and shape.</summary>
public static class HostSnapshot
{
    /// <summary>The snapshot's name in the store.</summary>
    public const string Name = "host/board";

    /// <summary>
    /// The version of the host's own part of the snapshot. <b>Rule: bump it in the same change</b> whenever
    /// <see cref="HostSnapshotData"/> or what <see cref="Approvals.AskedConfirmations"/> records changes; Core's
    /// <see cref="StateShape.Version"/> covers <c>Evolve</c>, the branch state and the board. A snapshot of another
    /// shape is not trusted: the board is folded from the events again.
    /// </summary>
    public const int HostVersion = 1;

    /// <summary>The shape stored with the snapshot (<c>state-1+host-1</c>).</summary>
    public static string Shape => $"{StateShape.Name}+host-{HostVersion}";
}

/// <summary>Source-generated JSON of the host snapshot (snake_case, like Core's snapshots).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectRequiredConstructorParameters = false)]
[JsonSerializable(typeof(HostSnapshotData))]
internal sealed partial class HostSnapshotJsonContext : JsonSerializerContext;
