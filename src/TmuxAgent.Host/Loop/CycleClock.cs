using System.Diagnostics;
using Microsoft.Extensions.Logging;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host;

/// <summary>At debug level, each cycle's wall time split into waiting for tmux (<see cref="TmuxActivity"/>) and the
/// loop's own share (deciding, appending, mirroring, the rest), plus the process's CPU time (tmux's own CPU is not in it)
/// and the GC heap's size after the last collection.</summary>
internal sealed class CycleClock
{
    private readonly long _started;
    private readonly long _tmuxCalls;
    private readonly TimeSpan _tmux;
    private readonly TimeSpan _cpu;

    private CycleClock()
    {
        (_tmuxCalls, _tmux) = TmuxActivity.Read();
        _started = Stopwatch.GetTimestamp();
        _cpu = Environment.CpuUsage.TotalTime;
    }

    /// <summary>A clock started now, or null when debug logging is off.</summary>
    public static CycleClock? Start(ILogger log) => log.IsEnabled(LogLevel.Debug) ? new CycleClock() : null;

    /// <summary>Logs the cycle's times.</summary>
    public void Log(ILogger log, int branches)
    {
        var wall = Stopwatch.GetElapsedTime(_started);
        var (calls, waited) = TmuxActivity.Read();
        var tmux = waited - _tmux;
        var cpu = Environment.CpuUsage.TotalTime - _cpu;
        var gc = GC.GetGCMemoryInfo();
        log.LogDebug("cycle over {Branches} branches: {WallMs:0.0} ms; tmux {TmuxCalls} calls {TmuxMs:0.0} ms; loop's own {OwnMs:0.0} ms; process CPU {CpuMs:0.0} ms; GC heap {HeapMb:0.0} MB, committed {CommittedMb:0.0} MB",
            branches, wall.TotalMilliseconds, calls - _tmuxCalls, tmux.TotalMilliseconds, (wall - tmux).TotalMilliseconds, cpu.TotalMilliseconds,
            gc.HeapSizeBytes / 1048576.0, gc.TotalCommittedBytes / 1048576.0);
    }
}
