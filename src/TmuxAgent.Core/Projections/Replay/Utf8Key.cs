using System.Runtime.InteropServices;

namespace TmuxAgent.Core.Projections.Replay;

/// <summary>
/// A 64-bit fingerprint of a UTF-8 string (queue ids, command ids, command texts), so millions of ids can be
/// matched without allocating a string for each. With a million distinct ids the chance of any collision is
/// below one in ten million.
/// </summary>
public static class Utf8Key
{
    /// <summary>The fingerprint of <paramref name="s"/>.</summary>
    public static ulong Of(ReadOnlySpan<byte> s)
    {
        ulong h1 = 0x9E3779B97F4A7C15UL ^ (ulong)s.Length, h2 = 0xC2B2AE3D27D4EB4FUL + (ulong)s.Length;
        var words = MemoryMarshal.Cast<byte, ulong>(s);
        foreach (var w in words)
        {
            h1 = Mix(h1 ^ w, 0xFF51AFD7ED558CCDUL);
            h2 = Mix(h2 + w, 0xC4CEB9FE1A85EC53UL);
        }
        ulong tail = 0;
        var rest = s[(words.Length * 8)..];
        for (var i = 0; i < rest.Length; i++) tail |= (ulong)rest[i] << (8 * i);
        h1 = Mix(h1 ^ tail, 0xFF51AFD7ED558CCDUL);
        h2 = Mix(h2 + tail, 0xC4CEB9FE1A85EC53UL);
        return Final(h1 ^ Final(h2));
    }

    private static ulong Mix(ulong h, ulong k) => System.Numerics.BitOperations.RotateLeft(h * k, 31) * 0x9E3779B97F4A7C15UL;

    private static ulong Final(ulong h)
    {
        h ^= h >> 33; h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33; h *= 0xC4CEB9FE1A85EC53UL;
        return h ^ (h >> 33);
    }
}
