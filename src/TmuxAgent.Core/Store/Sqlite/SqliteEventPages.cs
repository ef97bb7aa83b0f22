using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace TmuxAgent.Core.Store.Sqlite;

/// <summary>
/// Reads a page of the all-stream straight from SQLite's row buffers (the statement's pointer, <see cref="SqliteNative"/>): the id,
/// stream, type, data and time columns are copied as UTF-8 bytes into the <see cref="EventPage"/>, with no string per
/// column and no mapping layer — the hot path of every start-up fold and of <c>replay --store</c>.
/// </summary>
internal static class SqliteEventPages
{
    private const string Sql = "SELECT position, event_id, stream, version, event_type, data, created FROM events WHERE position > ?1 ORDER BY position LIMIT ?2";

    internal static EventPage ReadAll(SqliteConnection c, long afterPosition, int maxCount, EventPage page, TimeSpan busyTimeout)
    {
        var db = c.Handle ?? throw new InvalidOperationException("The connection is not open.");
        raw.sqlite3_busy_timeout(db, (int)busyTimeout.TotalMilliseconds); // waits like the store's other reads when a writer checkpoints
        Check(db, raw.sqlite3_prepare_v2(db, Sql, out var stmt));
        using (stmt)
        {
            Check(db, raw.sqlite3_bind_int64(stmt, 1, afterPosition));
            Check(db, raw.sqlite3_bind_int64(stmt, 2, maxCount));
            page.Clear(afterPosition);
            var held = false;
            int rc;
            stmt.DangerousAddRef(ref held);
            try
            {
                var h = stmt.DangerousGetHandle();
                while ((rc = SqliteNative.Step(h)) == raw.SQLITE_ROW)
                {
                    page.Add(
                        position: SqliteNative.Int64(h, 0),
                        stream: SqliteNative.Blob(h, 2),
                        version: SqliteNative.Int64(h, 3),
                        eventType: SqliteNative.Blob(h, 4),
                        eventId: SqliteNative.Blob(h, 1),
                        data: SqliteNative.Blob(h, 5),
                        created: SqliteNative.Blob(h, 6));
                }
            }
            finally { if (held) stmt.DangerousRelease(); }
            if (rc != raw.SQLITE_DONE) Check(db, rc);
            page.Complete(page.Count < maxCount);
            return page;
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc is raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE) return;
        throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
    }
}
