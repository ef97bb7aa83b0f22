using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Serialization;
using TmuxAgent.Core.Store;

namespace TmuxAgent.Tests.Audit;

/// <summary>The n-th event of a mirror test: a queued <c>echo n</c> with id <c>ev-n</c>, one second after the previous one.</summary>
public static class NumberedEvents
{
    public static NewStreamEvent Queued(string branch, int n)
    {
        BranchEvent e = new CommandQueued($"cmd-{n}", "s", CommandSpec.Of($"echo {n}"), QueueReasons.PaneBusy)
            { Branch = branch, At = DateTimeOffset.FromUnixTimeSeconds(1763900000 + n) };
        return EventSerializer.ToNew(e, $"ev-{n}");
    }
}
