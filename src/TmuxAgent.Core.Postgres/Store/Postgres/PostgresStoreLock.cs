namespace TmuxAgent.Core.Store.Postgres;

/// <summary>
/// The store's single-writer lock: a transaction-level advisory lock keyed by the schema the tables live in
/// (two stores in two schemas of one database do not wait for each other). Every append and every migration
/// takes it first, so they run one at a time across all hosts, and it is released by the commit or rollback,
/// also when the client dies (the server ends the transaction). See docs/scale-out.md, "Global positions".
/// </summary>
internal static class PostgresStoreLock
{
    /// <summary>First half of the advisory lock key: "tmux" in ASCII, so other applications' locks do not collide.</summary>
    internal const int Namespace = 0x746D7578;

    /// <summary>Blocks until this transaction holds the lock.</summary>
    internal static readonly string Take = $"SELECT pg_advisory_xact_lock({Namespace}, hashtext(current_schema()))";
}
