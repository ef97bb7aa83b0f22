using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TmuxAgent.Host.Leases;

/// <summary>
/// Who holds a branch lease: <c>host_id</c> / <c>--host-id</c>, or by default <c>hostname/pid/random</c>, new at each
/// start. The default form also lets a restarted host on the same machine see that the holder is gone (its process no
/// longer runs) instead of waiting for the lease to run out.
/// </summary>
public static partial class HostIdentity
{
    /// <summary>A new default id: <c>hostname/pid/8 hex digits</c>.</summary>
    public static string NewDefault() => $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Whether <paramref name="owner"/> is a default id of this machine whose process has ended (killed, crashed): its
    /// leases can be released at once. False for any other id (another machine, a configured <c>host_id</c>, a running
    /// process — also one that reused the pid: then the lease simply runs out).
    /// </summary>
    public static bool IsGoneLocalProcess(string owner)
    {
        var m = DefaultForm().Match(owner);
        if (!m.Success || m.Groups["host"].Value != Environment.MachineName) return false;
        var pid = int.Parse(m.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (pid == Environment.ProcessId) return false;
        try
        {
            using var p = Process.GetProcessById(pid);
            return p.HasExited;
        }
        catch (ArgumentException) { return true; }          // no such process
        catch (InvalidOperationException) { return true; }
    }

    [GeneratedRegex("^(?<host>[^/]+)/(?<pid>[0-9]{1,9})/[0-9a-f]{8}$")]
    private static partial Regex DefaultForm();
}
