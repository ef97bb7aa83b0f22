namespace TmuxAgent.Core.Projections.Replay;

/// <summary>
/// Records in arrival order that leave by key, oldest first among equal keys, in O(1) per operation. A record is
/// indexed under its id when it has one, else under its text; a removal by text that finds no text-indexed record
/// falls back to the oldest live record with that text (rare: mixed old and new lines). Memory follows the live
/// records: nodes live in one array and are reused once no key chain points at them, so a long replay allocates
/// nothing per record.
/// </summary>
internal sealed class KeyedQueue(Func<ReplayRecord, ulong?> idOf)
{
    private const int None = -1;

    private struct Node
    {
        public ReplayRecord Record;
        public int Prev, Next, NextSameKey;
        public bool Live, Chained;
    }

    private Node[] _nodes = new Node[16];
    private int _used, _free = None, _first = None, _last = None;
    private readonly Dictionary<ulong, (int Head, int Tail)> _byId = [];
    private readonly Dictionary<ulong, (int Head, int Tail)> _byText = [];

    public int Count { get; private set; }

    public IEnumerable<ReplayRecord> Items
    {
        get { for (var n = _first; n != None; n = _nodes[n].Next) yield return _nodes[n].Record; }
    }

    public void Add(in ReplayRecord r)
    {
        var n = NewNode();
        ref var node = ref _nodes[n];
        node = new Node { Record = r, Prev = _last, Next = None, NextSameKey = None, Live = true };
        if (_last == None) _first = n; else _nodes[_last].Next = n;
        _last = n;
        Count++;
        if (idOf(r) is { } id) Index(_byId, id, n);
        else if (r.Has(ReplayRecordFlags.HasText)) Index(_byText, r.Text, n);
    }

    /// <summary>Removes the oldest record with this id; false when there is none.</summary>
    public bool RemoveById(ulong id) => Remove(_byId, id);

    /// <summary>Removes the oldest record with this text; false when there is none.</summary>
    public bool RemoveByText(ulong text)
    {
        if (Remove(_byText, text)) return true;
        for (var n = _first; n != None; n = _nodes[n].Next)
            if (_nodes[n].Record.Has(ReplayRecordFlags.HasText) && _nodes[n].Record.Text == text) { Unlink(n); return true; }
        return false;
    }

    private int NewNode()
    {
        if (_free != None)
        {
            var n = _free;
            _free = _nodes[n].Next;
            return n;
        }
        if (_used == _nodes.Length) Array.Resize(ref _nodes, _nodes.Length * 2);
        return _used++;
    }

    /// <summary>A node leaves for good once it is neither live nor in a key chain.</summary>
    private void Release(int n)
    {
        _nodes[n] = new Node { Next = _free };
        _free = n;
    }

    private void Index(Dictionary<ulong, (int Head, int Tail)> index, ulong key, int n)
    {
        _nodes[n].Chained = true;
        if (index.TryGetValue(key, out var chain)) { _nodes[chain.Tail].NextSameKey = n; index[key] = (chain.Head, n); }
        else index[key] = (n, n);
    }

    private bool Remove(Dictionary<ulong, (int Head, int Tail)> index, ulong key)
    {
        if (!index.TryGetValue(key, out var chain)) return false;
        var head = chain.Head;
        while (head != None && !_nodes[head].Live)
        {
            var dead = head;
            head = _nodes[head].NextSameKey;
            Release(dead); // unlinked earlier by the fallback scan, now out of its chain too
        }
        if (head == None) { index.Remove(key); return false; }
        var rest = _nodes[head].NextSameKey;
        if (rest == None) index.Remove(key); else index[key] = (rest, chain.Tail);
        _nodes[head].Chained = false;
        Unlink(head);
        return true;
    }

    private void Unlink(int n)
    {
        ref var node = ref _nodes[n];
        node.Live = false;
        if (node.Prev == None) _first = node.Next; else _nodes[node.Prev].Next = node.Next;
        if (node.Next == None) _last = node.Prev; else _nodes[node.Next].Prev = node.Prev;
        Count--;
        if (!node.Chained) Release(n);
    }
}
