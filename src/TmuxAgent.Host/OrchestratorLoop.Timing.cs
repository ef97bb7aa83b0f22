using System.Diagnostics;
using Microsoft.Extensions.Logging;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host;

/// <summary>At debug level, each cycle's wall time split into waiting for tmux (<see cref="TmuxActivity"/>) and the
/// loop's own share (deciding, appending, mirroring, the rest), plus the process's CPU time (tmux's own CPU is not in it) and the GC heap's size after the last collection.</summary>
public sealed partial class OrchestratorLoop
{
    private readonly record struct CycleClock(long Started, long TmuxCalls, TimeSpan Tmux, TimeSpan Cpu);

    private CycleClock? StartCycleClock()
    {
        if (!_log.IsEnabled(LogLevel.Debug)) return null;
        var (calls, waited) = TmuxActivity.Read();
        return new CycleClock(Stopwatch.GetTimestamp(), calls, waited, Environment.CpuUsage.TotalTime);
    }

    private void LogCycleTime(CycleClock? start)
    {
        if (start is not { } s) return;
        var wall = Stopwatch.GetElapsedTime(s.Started);
        var (calls, waited) = TmuxActivity.Read();
        var tmux = waited - s.Tmux;
        var cpu = Environment.CpuUsage.TotalTime - s.Cpu;
        var gc = GC.GetGCMemoryInfo();
        _log.LogDebug("cycle over {Branches} branches: {WallMs:0.0} ms; tmux {TmuxCalls} calls {TmuxMs:0.0} ms; loop's own {OwnMs:0.0} ms; process CPU {CpuMs:0.0} ms; GC heap {HeapMb:0.0} MB, committed {CommittedMb:0.0} MB",
            _settings.Config.Tasks.Count, wall.TotalMilliseconds, calls - s.TmuxCalls, tmux.TotalMilliseconds, (wall - tmux).TotalMilliseconds, cpu.TotalMilliseconds,
            gc.HeapSizeBytes / 1048576.0, gc.TotalCommittedBytes / 1048576.0);
    }
}
