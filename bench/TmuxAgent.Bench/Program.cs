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
if (args is ["growth", var growthStore, var branches, var cycles, ..])
{
    await GrowthBench.RunAsync(growthStore, int.Parse(branches, System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(cycles, System.Globalization.CultureInfo.InvariantCulture), args.Length > 4 ? args[4] : "model",
        args.Length > 5 ? double.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 45.0);
    return;
}
if (args is ["store-profile", var profiled, ..])
{
    await StoreReadProfile.RunAsync(profiled, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3);
    return;
}
if (args is ["pg-replay", var pgEvents, var replayBin, ..])
{
    await PostgresReplayBench.RunAsync(int.Parse(pgEvents, System.Globalization.CultureInfo.InvariantCulture), replayBin,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 3, args.Length > 4 ? args[4] : "/tmp/pg-replay.txt");
    return;
}
if (args is ["pg-serve", var serveEvents, var stopFile])
{
    await PostgresServeBench.RunAsync(int.Parse(serveEvents, System.Globalization.CultureInfo.InvariantCulture), stopFile);
    return;
}
if (ReplayWholeProgramBench.TryRun(args)) return;
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
