namespace TmuxAgent.Host.Web;

/// <summary>A JSON problem answer: <c>{"error": message}</c>.</summary>
/// <param name="Error">What went wrong and what was done (nothing, usually).</param>
public sealed record ProblemAnswer(string Error)
{
    /// <summary>The answer <c>{"error": message}</c> with <paramref name="status"/>.</summary>
    public static Microsoft.AspNetCore.Http.IResult Result(int status, string message) =>
        Microsoft.AspNetCore.Http.Results.Json(new ProblemAnswer(message), WebJsonContext.Default.ProblemAnswer, statusCode: status);
}

/// <summary>The portal's answer to an approval it applied or accepted: <c>{"status", "branch", "id"}</c>.</summary>
/// <param name="Status"><c>approved</c>, <c>denied</c>, or <c>accepted</c> (the loop was busy; applied later).</param>
/// <param name="Branch">The branch.</param>
/// <param name="Id">The command id.</param>
public sealed record ApprovalAnswer(string Status, string Branch, string Id);
