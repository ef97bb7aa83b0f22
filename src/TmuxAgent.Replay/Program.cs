using TmuxAgent.Replay.Cli;

return await ReplayCommandLine.RunAsync(args);
