using TmuxAgent.Bench;

if (args is ["quick"])
{
    await QuickRun.RunAsync();
    return;
}
if (args is ["loop-quick", ..])
{
    await LoopCycleBenchmarks.QuickAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000);
    return;
}
if (args is ["store-gen", var storePath, var mirrorPath, ..])
{
    await StoreGenerator.RunAsync(storePath, mirrorPath, args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
    return;
}
if (args is ["timeline-bench", ..])
{
    await TimelineBench.RunAsync(args.Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
    return;
}
if (ReplayWholeProgramBench.TryRun(args)) return;
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
