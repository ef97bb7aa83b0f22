namespace TmuxAgent.Core.Store.Sqlite;

/// <summary>
/// SQLite's <c>synchronous</c> setting for the writer connection. The store always runs in WAL mode, where:
/// <list type="bullet">
/// <item><see cref="Full"/>: every commit syncs the WAL to disk. A committed append survives a process
/// crash, an OS crash and a power loss. Costs one fsync per transaction.</item>
/// <item><see cref="Normal"/>: the WAL is synced only at checkpoints. A committed append survives a process
/// crash (kill -9); after an OS crash or power loss the most recent commits may be rolled back, but the
/// database is never corrupt and a batch is still all or nothing.</item>
/// </list>
/// </summary>
public enum SqliteSynchronous
{
    /// <summary><c>PRAGMA synchronous = FULL</c>: durable against power loss.</summary>
    Full,

    /// <summary><c>PRAGMA synchronous = NORMAL</c>: durable against process crashes only.</summary>
    Normal,
}

/// <summary>How <see cref="SqliteEventStore"/> opens its file.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>Durability of commits (see <see cref="SqliteSynchronous"/>); <see cref="SqliteSynchronous.Full"/> by default.</summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>How long a writer waits for another writer (thread or process) before the append fails as locked.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock that stamps applied schema migrations (the store reads no other time).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Durable commits, 10 s busy timeout.</summary>
    public static SqliteStoreOptions Default { get; } = new();
}
