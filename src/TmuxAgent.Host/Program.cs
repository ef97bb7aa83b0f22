return await TmuxAgent.Host.Cli.CommandLine.RunAsync(args);
