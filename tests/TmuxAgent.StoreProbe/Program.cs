using TmuxAgent.StoreProbe;

// Usage:
//   contend <store> <stream> <count> <tag>   append <count> events one at a time to <stream>, each with the exact
//                                            expected version, retrying on conflict; prints "done <count>".
//   batches <store> <size> <streams>          forever: print "begin <n>", append batch n (<size> events spread
//                                            over <streams> streams, one AppendManyAsync), print "done <n>".
//   hold <store> <branch> <owner> <ttl-ms> <count>
//                                            a host's loop (LeaseHolder.cs): take or renew the branch's lease, append
//                                            one event per turn while holding it; prints "waiting", "holding <token>",
//                                            "done" after <count> appends (then releases).
// <store> is "sqlite:<path>" or "postgres://…".
try
{
    return args switch
    {
        ["contend", var store, var stream, var count, var tag] => await Probe.ContendAsync(store, stream, int.Parse(count), tag),
        ["batches", var store, var size, var streams] => await Probe.BatchesAsync(store, int.Parse(size), int.Parse(streams)),
        ["hold", var store, var branch, var owner, var ttl, var count] => await LeaseHolder.HoldAsync(store, branch, owner, TimeSpan.FromMilliseconds(int.Parse(ttl)), int.Parse(count)),
        _ => Usage(),
    };
}
catch (Exception e)
{
    Console.Error.WriteLine(e);
    return 1;
}

static int Usage()
{
    Console.Error.WriteLine("usage: contend <store> <stream> <count> <tag> | batches <store> <size> <streams>");
    return 2;
}
