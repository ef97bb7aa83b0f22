namespace TmuxAgent.Replay.Summary;

/// <summary>
/// Records in arrival order that leave by key, oldest first among equal keys, in O(1) per operation. A record is
/// indexed under its id when it has one, else under its text; a removal by text that finds no text-indexed record
/// falls back to the oldest live record with that text (rare: mixed old and new lines). Memory follows the live records.
/// </summary>
internal sealed class KeyedQueue(Func<EventRecord, ulong?> idOf)
{
    private sealed class Node(EventRecord record)
    {
        public readonly EventRecord Record = record;
        public Node? Prev, Next, NextSameKey;
        public bool Live = true;
    }

    private readonly Dictionary<ulong, (Node Head, Node Tail)> _byId = [];
    private readonly Dictionary<ulong, (Node Head, Node Tail)> _byText = [];
    private Node? _first, _last;

    public int Count { get; private set; }

    public IEnumerable<EventRecord> Items
    {
        get { for (var n = _first; n is not null; n = n.Next) yield return n.Record; }
    }

    public void Add(in EventRecord r)
    {
        var node = new Node(r) { Prev = _last };
        if (_last is null) _first = node; else _last.Next = node;
        _last = node;
        Count++;
        if (idOf(r) is { } id) Index(_byId, id, node);
        else if (r.Has(RecordFlags.HasText)) Index(_byText, r.Text, node);
    }

    /// <summary>Removes the oldest record with this id; false when there is none.</summary>
    public bool RemoveById(ulong id) => Remove(_byId, id);

    /// <summary>Removes the oldest record with this text; false when there is none.</summary>
    public bool RemoveByText(ulong text)
    {
        if (Remove(_byText, text)) return true;
        for (var n = _first; n is not null; n = n.Next)
            if (n.Record.Has(RecordFlags.HasText) && n.Record.Text == text) { Unlink(n); return true; }
        return false;
    }

    private static void Index(Dictionary<ulong, (Node Head, Node Tail)> index, ulong key, Node node)
    {
        if (index.TryGetValue(key, out var chain)) { chain.Tail.NextSameKey = node; index[key] = (chain.Head, node); }
        else index[key] = (node, node);
    }

    private bool Remove(Dictionary<ulong, (Node Head, Node Tail)> index, ulong key)
    {
        if (!index.TryGetValue(key, out var chain)) return false;
        var head = chain.Head;
        while (head is not null && !head.Live) head = head.NextSameKey;
        if (head is null) { index.Remove(key); return false; }
        var rest = head.NextSameKey;
        if (rest is null) index.Remove(key); else index[key] = (rest, chain.Tail);
        Unlink(head);
        return true;
    }

    private void Unlink(Node n)
    {
        n.Live = false;
        if (n.Prev is null) _first = n.Next; else n.Prev.Next = n.Next;
        if (n.Next is null) _last = n.Prev; else n.Next.Prev = n.Prev;
        Count--;
    }
}
