using System.Text;
using System.Text.Json;
using TmuxAgent.Core.Projections;
using TmuxAgent.Core.Projections.Snapshots;

namespace TmuxAgent.Tests.Projections.Snapshots;

/// <summary>A board as the JSON of its snapshot: two boards are equal when these strings are (every branch's state and
/// stream version, and the position).</summary>
internal static class BoardJson
{
    public static string Of(BranchBoard board) =>
        Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(board.ToSnapshot(), SnapshotJsonContext.Default.BoardSnapshotData));
}
