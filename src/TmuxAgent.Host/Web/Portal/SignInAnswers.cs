namespace TmuxAgent.Host.Web.Portal;

/// <summary>The answer of <c>POST /api/sign-in-codes</c>.</summary>
/// <param name="Code">The one-time code.</param>
/// <param name="ExpiresAt">Unix seconds after which it is refused.</param>
/// <param name="Fragment">What to append to the portal's URL for a sign-in link (<c>#code=…</c>).</param>
public sealed record SignInCodeAnswer(string Code, long ExpiresAt, string Fragment);

/// <summary>The answer of <c>POST /api/sign-in</c>: the device token to present as <c>Authorization: Bearer …</c>.</summary>
/// <param name="Token">The device token (valid until the approval token changes).</param>
public sealed record SignInAnswer(string Token);
