using TmuxAgent.Core.Projections.Replay;

namespace TmuxAgent.Replay.Compare;

/// <summary>What a drill compares of one branch, with texts: Core's <see cref="BranchActivity"/> (commands,
/// confirmations, the branch's own max queue depth by the original's rule) with each record's text read again.</summary>
internal sealed record BranchDigest(string Branch, List<string> Commands, List<string> Approved, List<string> Denied, long Requested, long MaxQueueDepth)
{
    public const string NoBranch = "(no branch)";

    public BranchDigest() : this(NoBranch, [], [], [], 0, 0) { }

    /// <summary>The digest of <paramref name="a"/>; <paramref name="textAt"/> reads a record's text again.</summary>
    public static BranchDigest Of(BranchActivity a, Func<ReplayRecord, string?> textAt) => new(
        a.Branch ?? NoBranch,
        a.Commands.Select(r => textAt(r) ?? "(no text)").ToList(),
        a.Approved.Select(r => textAt(r) ?? "").ToList(),
        a.Denied.Select(r => textAt(r) ?? "").ToList(),
        a.Requested,
        a.MaxQueueDepth);
}
