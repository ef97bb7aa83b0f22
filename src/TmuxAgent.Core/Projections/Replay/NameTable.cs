using System.Buffers.Binary;
using System.Text;

namespace TmuxAgent.Core.Projections.Replay;

/// <summary>Interns the few distinct names of a log (event names, branches) as small numbers, without allocating per line:
/// a small direct-mapped cache by a fingerprint of the name answers most lookups with one comparison; a dictionary
/// holds them all.</summary>
public sealed class NameTable
{
    private const int CacheBits = 6;
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly List<byte[]> _utf8 = [];
    private readonly int[] _cache = Enumerable.Repeat(-1, 1 << CacheBits).ToArray(); // by fingerprint: an id, or -1

    /// <summary>The names by id.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The id of <paramref name="name"/>, added when new.</summary>
    public int Id(string name)
    {
        if (_ids.TryGetValue(name, out var id)) return id;
        _ids[name] = id = _names.Count;
        _names.Add(name);
        _utf8.Add(Encoding.UTF8.GetBytes(name));
        return id;
    }

    /// <summary>The id of the name held in <paramref name="utf8"/>, added when new (no allocation when known).</summary>
    public int Id(ReadOnlySpan<byte> utf8)
    {
        var slot = Slot(utf8);
        var id = _cache[slot];
        if (id >= 0 && utf8.SequenceEqual(_utf8[id])) return id;
        id = Id(Encoding.UTF8.GetString(utf8));
        _cache[slot] = id;
        return id;
    }

    /// <summary>The cache slot of a name: its length and its first and last eight bytes, mixed.</summary>
    private static int Slot(ReadOnlySpan<byte> s)
    {
        ulong h;
        if (s.Length >= 8) h = BinaryPrimitives.ReadUInt64LittleEndian(s) ^ BinaryPrimitives.ReadUInt64LittleEndian(s[^8..]) * 0xC2B2AE3D27D4EB4FUL;
        else
        {
            h = 0;
            for (var i = 0; i < s.Length; i++) h |= (ulong)s[i] << (8 * i);
        }
        h = (h ^ (ulong)s.Length) * 0x9E3779B97F4A7C15UL;
        return (int)(h >> (64 - CacheBits));
    }
}
