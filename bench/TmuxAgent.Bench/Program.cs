if (TmuxAgent.Bench.ReplayWholeProgramBench.TryRun(args)) return;
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
