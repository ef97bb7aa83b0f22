namespace TmuxAgent.Host.Web.Dashboard.Branches;

/// <summary>
/// A branch named in a dashboard URL: <c>/branches/{branch}</c>, <c>/api/branches/{branch}/events</c> and
/// <c>…/pane</c>, where the branch keeps its slashes (<c>demo/web</c>) and the page escapes every segment. A name must be
/// 1–256 characters without control characters; anything else is refused (400) before it reaches the store or a page.
/// </summary>
public static class BranchPath
{
    /// <summary>Longest branch name accepted.</summary>
    public const int MaxLength = 256;

    /// <summary>Splits <c>{branch}/{resource}</c> (the route's catch-all) into the branch and the resource
    /// (<c>events</c>, <c>pane</c>); null when it names neither.</summary>
    public static (string Branch, string Resource)? Split(string? path)
    {
        if (string.IsNullOrEmpty(path)) return null;
        var slash = path.LastIndexOf('/');
        if (slash <= 0) return null;
        var resource = path[(slash + 1)..];
        return resource is "events" or "pane" ? (path[..slash], resource) : null;
    }

    /// <summary>Why <paramref name="branch"/> cannot be a branch name, or null when it can.</summary>
    public static string? Problem(string branch) =>
        branch.Length is 0 or > MaxLength ? $"a branch name has 1 to {MaxLength} characters"
        : branch.Any(char.IsControl) ? "a branch name has no control characters"
        : null;
}
