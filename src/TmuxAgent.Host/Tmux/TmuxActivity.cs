using System.Diagnostics;

namespace TmuxAgent.Host.Tmux;

/// <summary>Process-wide count and wall time of tmux invocations (local or over ssh), so a cycle's time can be split
/// into waiting for tmux and the loop's own work. A host runs one loop; in tests several loops add up here.</summary>
public static class TmuxActivity
{
    private static long _calls;
    private static long _ticks;

    /// <summary>Invocations so far and the wall time spent waiting for them.</summary>
    public static (long Calls, TimeSpan Elapsed) Read() => (Interlocked.Read(ref _calls), TimeSpan.FromTicks(Interlocked.Read(ref _ticks)));

    /// <summary>Records one invocation that started at <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static void Add(long startTimestamp)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _ticks, Stopwatch.GetElapsedTime(startTimestamp).Ticks);
    }
}
