using System.Security.Cryptography;
using System.Text;

namespace TmuxAgent.Core.Commands;

/// <summary>Deterministic command ids: the same decision and position always give the same id.</summary>
public static class CommandIds
{
    /// <summary>The id of the <paramref name="index"/>-th command of decision <paramref name="decisionId"/>.</summary>
    public static string For(string decisionId, int index)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{decisionId}#{index}"), hash);
        return "cmd-" + Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>The id under which command <paramref name="commandId"/> is offered again after a lost delivery
    /// (deterministic, distinct from every id of <see cref="For"/>, so no id is ever dispatched twice).</summary>
    public static string Resend(string commandId) => commandId + "-resend";
}
