using System.Security.Cryptography;
using System.Text;
using TmuxAgent.Config;
using TmuxAgent.Core.Files;

namespace TmuxAgent.Host.Web.Portal;

/// <summary>
/// The shared secret of the approval portal: from <c>TMUXAGENT_APPROVAL_TOKEN</c> (wins) or <c>approval_token_file</c>.
/// Only its SHA-256 is kept; a presented token is compared in constant time. The token itself is never logged and never
/// sent to a browser: phones sign in with a one-time code (<see cref="IssueSignInCode"/>) exchanged by POST for a device
/// token (<see cref="TryRedeem"/>), both HMACs keyed by that SHA-256, so they stop working when the token changes.
/// </summary>
public sealed class ApprovalToken
{
    /// <summary>The environment variable holding the token.</summary>
    public const string EnvironmentVariable = "TMUXAGENT_APPROVAL_TOKEN";

    private readonly byte[] _hash;

    private ApprovalToken(string token, string source)
    {
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        Source = source;
        Length = token.Length;
    }

    /// <summary>Shortest token accepted when the dashboard or the portal listens on an address other than loopback.</summary>
    public const int MinExposedLength = 16;

    /// <summary>The token's length in characters (not the token).</summary>
    public int Length { get; }

    /// <summary>Where the token came from (the variable's name or the file's path), for messages.</summary>
    public string Source { get; }

    /// <summary>A token with the given value (tests).</summary>
    public static ApprovalToken Of(string token) => new(token, "given");

    /// <summary>The token from <paramref name="environmentValue"/> or else <paramref name="file"/> (first line, trimmed); null when neither is set.</summary>
    /// <exception cref="ConfigException">The file is missing, unreadable, empty, a symbolic link or not a regular file.</exception>
    public static ApprovalToken? Resolve(string? environmentValue, string? file, string configPath)
    {
        if (!string.IsNullOrWhiteSpace(environmentValue)) return new ApprovalToken(environmentValue.Trim(), EnvironmentVariable);
        if (file is null) return null;
        string text;
        try { text = RegularFile.ReadAllText(file, "approval token file"); }
        catch (UnsafeFileException e)
        {
            throw ConfigException.At(new SourceLocation(configPath, 0, 0), "approval_token_file", $"{file}: {e.Reason}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ConfigException.At(new SourceLocation(configPath, 0, 0), "approval_token_file", $"cannot read {file}: {e.Message}");
        }
        var token = text.Split('\n', 2)[0].Trim();
        if (token.Length == 0) throw ConfigException.At(new SourceLocation(configPath, 0, 0), "approval_token_file", $"{file} is empty");
        return new ApprovalToken(token, file);
    }

    /// <summary>Whether a token file can be read by others than its owner (it should be 0600).</summary>
    public static bool IsShared(string file) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(file) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0;

    /// <summary>Whether <paramref name="presented"/> is the token (constant time over the hashes).</summary>
    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _hash);

    /// <summary>Longest life of a sign-in code.</summary>
    public static readonly TimeSpan MaxSignInLifetime = TimeSpan.FromDays(1);

    private const string DevicePrefix = "device.";
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _redeemed = new(StringComparer.Ordinal);

    /// <summary>A one-time sign-in code valid until <paramref name="expires"/>: <c>EXPIRY.NONCE.MAC</c>. It grants nothing by
    /// itself in a URL: once exchanged (<see cref="TryRedeem"/>) or expired it is worthless, so a browser history keeping it
    /// keeps nothing usable.</summary>
    public string IssueSignInCode(DateTimeOffset expires)
    {
        var data = $"{expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
        return $"{data}.{Mac("sign-in", data)}";
    }

    /// <summary>Exchanges a sign-in code for a device token: only once per code (within this process), only before it
    /// expires, and only for a code this token issued.</summary>
    public bool TryRedeem(string? code, DateTimeOffset now, out string deviceToken)
    {
        deviceToken = "";
        var parts = (code ?? "").Split('.');
        if (parts.Length != 3 || !long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var exp)) return false;
        if (!FixedEquals(Mac("sign-in", $"{parts[0]}.{parts[1]}"), parts[2])) return false;
        var expires = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(exp, 0, 253402300799));
        if (expires <= now || expires - now > MaxSignInLifetime) return false;
        foreach (var (nonce, until) in _redeemed) if (until <= now) _redeemed.TryRemove(nonce, out _);
        if (!_redeemed.TryAdd(parts[1], expires)) return false;
        var device = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        deviceToken = $"{DevicePrefix}{device}.{Mac("device", device)}";
        return true;
    }

    /// <summary>Whether <paramref name="presented"/> is the token or a device token it issued.</summary>
    public bool Accepts(string presented)
    {
        if (!presented.StartsWith(DevicePrefix, StringComparison.Ordinal)) return Matches(presented);
        var parts = presented[DevicePrefix.Length..].Split('.');
        return parts.Length == 2 && FixedEquals(Mac("device", parts[0]), parts[1]);
    }

    private string Mac(string purpose, string data) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_hash, Encoding.UTF8.GetBytes(purpose + "|" + data)));

    private static bool FixedEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(presented));

    /// <summary>Whether an <c>Authorization</c> header value is <c>Bearer &lt;the token or a device token&gt;</c>.</summary>
    public bool Authorizes(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        return Accepts(authorization[scheme.Length..].Trim());
    }
}
