using System.Text;

namespace TmuxAgent.Replay.Summary;

/// <summary>Interns the few distinct names of a log (event names, branches) as small numbers, without allocating per line.</summary>
internal sealed class NameTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _names = [];

    public NameTable() => _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public IReadOnlyList<string> Names => _names;

    public int Id(string name)
    {
        if (_ids.TryGetValue(name, out var id)) return id;
        _ids[name] = id = _names.Count;
        _names.Add(name);
        return id;
    }

    public int Id(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > 256) return Id(Encoding.UTF8.GetString(utf8));
        Span<char> chars = stackalloc char[256];
        var n = Encoding.UTF8.GetChars(utf8, chars);
        return _lookup.TryGetValue(chars[..n], out var id) ? id : Id(new string(chars[..n]));
    }
}
