using BenchmarkDotNet.Attributes;
using TmuxAgent.Core.Branches;

namespace TmuxAgent.Bench;

/// <summary>Decide + Evolve per input over a realistic workload (target ≤ 2 µs per input).</summary>
[MemoryDiagnoser]
public class DecideBenchmarks
{
    private const int Inputs = 20_000;
    private Workload _workload = null!;
    private WorkloadStep[] _steps = null!;

    [GlobalSetup]
    public void Generate()
    {
        _workload = Workload.Generate(branchCount: 40, minEvents: Inputs * 2);
        _steps = _workload.Steps.Take(Inputs).ToArray();
    }

    [Benchmark(OperationsPerInvoke = Inputs, Description = "Decide + Evolve, per input")]
    public long DecideAndEvolve()
    {
        var states = _workload.Branches.Select(BranchState.New).ToArray();
        long events = 0;
        foreach (var step in _steps)
        {
            var s = states[step.BranchIndex];
            var produced = BranchDecider.Decide(s, step.Input, Workload.Policy, step.Now);
            states[step.BranchIndex] = BranchEvolver.Fold(s, produced);
            events += produced.Count;
        }
        return events;
    }
}
