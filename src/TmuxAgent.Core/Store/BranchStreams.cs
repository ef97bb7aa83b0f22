namespace TmuxAgent.Core.Store;

/// <summary>How branches are stored: one stream per branch, named <c>branch-&lt;name&gt;</c>.</summary>
public static class BranchStreams
{
    private const string Prefix = "branch-";

    extension(StreamName)
    {
        /// <summary>The stream of <paramref name="branch"/>.</summary>
        public static StreamName ForBranch(string branch) => new(Prefix + branch);
    }

    extension(StreamName stream)
    {
        /// <summary>The branch of a branch stream, or null.</summary>
        public string? Branch => stream.Value.StartsWith(Prefix, StringComparison.Ordinal) ? stream.Value[Prefix.Length..] : null;
    }
}
