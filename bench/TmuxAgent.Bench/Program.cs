using TmuxAgent.Bench;

if (args is ["quick"])
{
    await QuickRun.RunAsync();
    return;
}
if (ReplayWholeProgramBench.TryRun(args)) return;
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
