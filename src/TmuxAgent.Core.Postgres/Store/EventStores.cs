using TmuxAgent.Core.Store.Leases;
using TmuxAgent.Core.Store.Postgres;
using TmuxAgent.Core.Store.Sqlite;

namespace TmuxAgent.Core.Store;

/// <summary>
/// Opens the store a user names in orchestrator.toml or <c>--store</c>: a SQLite file path (or <c>sqlite:&lt;path&gt;</c>)
/// for one host, or a PostgreSQL connection string — <c>postgres://user:pass@host:port/db</c> or Npgsql's
/// <c>Host=…;Database=…</c> — for several hosts sharing one store.
/// </summary>
public static class EventStores
{
    /// <summary>Which backend <paramref name="pathOrConnectionString"/> names.</summary>
    public static StoreKind KindOf(string pathOrConnectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrConnectionString);
        var s = pathOrConnectionString.Trim();
        return PostgresConnectionString.IsUrl(s) || PostgresConnectionString.IsKeyValue(s) ? StoreKind.Postgres : StoreKind.Sqlite;
    }

    /// <summary>Opens (creating or migrating when needed) the store named by <paramref name="pathOrConnectionString"/>.</summary>
    /// <exception cref="FormatException">A malformed PostgreSQL connection string.</exception>
    /// <exception cref="PostgresStoreException">The PostgreSQL server cannot be used.</exception>
    /// <exception cref="SqliteStoreException">The SQLite file cannot be used.</exception>
    public static IEventStore Open(string pathOrConnectionString) => KindOf(pathOrConnectionString) switch
    {
        StoreKind.Postgres => PostgresEventStore.Open(pathOrConnectionString.Trim()),
        _ => SqliteEventStore.Open(SqlitePath(pathOrConnectionString)),
    };

    /// <summary>The branch leases kept next to the events of the same store (same database or file).</summary>
    public static IBranchLeases OpenLeases(string pathOrConnectionString) => KindOf(pathOrConnectionString) switch
    {
        StoreKind.Postgres => PostgresBranchLeases.Open(pathOrConnectionString.Trim()),
        _ => SqliteBranchLeases.Open(SqlitePath(pathOrConnectionString)),
    };

    private static string SqlitePath(string s)
    {
        s = s.Trim();
        return s.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? s["sqlite:".Length..] : s;
    }
}

/// <summary>An event store backend.</summary>
public enum StoreKind
{
    /// <summary>One SQLite file (<see cref="SqliteEventStore"/>): one host, or several processes on one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (<see cref="PostgresEventStore"/>): several hosts.</summary>
    Postgres,
}
