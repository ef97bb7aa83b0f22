using Npgsql;

namespace TmuxAgent.Core.Store.Postgres;

/// <summary>Opens a connection pool on a store database and brings its schema up to date (shared by the event store and the leases).</summary>
internal static class PostgresDatabase
{
    /// <summary>A data source on <paramref name="connectionString"/> whose schema is at the latest migration.</summary>
    internal static NpgsqlDataSource OpenMigrated(string connectionString, out string server)
    {
        var builder = PostgresConnectionString.Parse(connectionString);
        server = PostgresConnectionString.Describe(builder);
        var source = NpgsqlDataSource.Create(builder);
        try
        {
            using var connection = source.OpenConnection();
            PostgresMigrations.Apply(connection, server);
            return source;
        }
        catch (NpgsqlException e)
        {
            source.Dispose();
            throw PostgresStoreException.From(server, e);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }
}
