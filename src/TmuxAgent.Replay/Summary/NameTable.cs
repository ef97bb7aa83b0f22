using System.Text;

namespace TmuxAgent.Replay.Summary;

/// <summary>Interns the few distinct names of a log (event names, branches) as small numbers, without allocating per line:
/// a short list of UTF-8 names is searched first, a dictionary takes over for logs with many names.</summary>
internal sealed class NameTable
{
    private const int ListLimit = 16;
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly List<byte[]> _utf8 = [];

    public IReadOnlyList<string> Names => _names;

    public int Id(string name)
    {
        if (_ids.TryGetValue(name, out var id)) return id;
        _ids[name] = id = _names.Count;
        _names.Add(name);
        _utf8.Add(Encoding.UTF8.GetBytes(name));
        return id;
    }

    public int Id(ReadOnlySpan<byte> utf8)
    {
        var n = Math.Min(_utf8.Count, ListLimit);
        for (var i = 0; i < n; i++)
            if (utf8.SequenceEqual(_utf8[i])) return i;
        return Id(Encoding.UTF8.GetString(utf8));
    }
}
