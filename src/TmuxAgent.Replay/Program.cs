using TmuxAgent.Core.Store.Sqlite;
using TmuxAgent.Replay.Cli;

// replay never shares one SQLite connection between threads at once: SQLite's per-call mutex is not needed
SqliteThreading.UseMultiThreadMode();
return await ReplayCommandLine.RunAsync(args);
