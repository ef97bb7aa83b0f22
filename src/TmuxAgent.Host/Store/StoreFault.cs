using System.Data.Common;
using TmuxAgent.Core.Store.Postgres;
using TmuxAgent.Core.Store.Sqlite;

namespace TmuxAgent.Host.Store;

/// <summary>Which exceptions mean "the event store cannot be used right now" (read-only, full, locked, corrupt file,
/// PostgreSQL server unreachable):
/// the loop stops acting for the rest of the cycle, reports it and tries again next cycle.</summary>
public static class StoreFault
{
    /// <summary>Whether <paramref name="e"/> is a store fault (not a bug, not a cancellation).</summary>
    public static bool Is(Exception e) => e is SqliteStoreException or PostgresStoreException or DbException or IOException or UnauthorizedAccessException;
}
