using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using TmuxAgent.Core.Store.Postgres;

namespace TmuxAgent.Tests.Support;

/// <summary>
/// A real PostgreSQL server for tests and benchmarks. When <c>TMUXAGENT_PG</c> holds a connection string (URL or
/// key=value form) that server is used as it is; otherwise a private throw-away cluster is made with the
/// installed server binaries: <c>initdb</c> into a temp dir (as the <c>postgres</c> OS user when running as root,
/// since initdb refuses root), <c>pg_ctl start</c> on a free loopback port with its socket in the temp dir, and a
/// UTF-8 database <c>tmuxagent</c>. <see cref="Dispose"/> stops the cluster and deletes the dir. Without the
/// binaries and without <c>TMUXAGENT_PG</c>, <see cref="Start"/> throws with what to install.
/// Kept free of NUnit so bench/ can link this file.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    /// <summary>The environment variable naming an existing server to use instead of a private cluster.</summary>
    public const string EnvironmentVariable = "TMUXAGENT_PG";

    private readonly string? _clusterDir;
    private readonly string? _binDir;

    private PostgresServer(NpgsqlConnectionStringBuilder database, string? clusterDir, string? binDir)
    {
        Database = database;
        _clusterDir = clusterDir;
        _binDir = binDir;
    }

    /// <summary>The test database (key=value form, no search path).</summary>
    public NpgsqlConnectionStringBuilder Database { get; }

    /// <summary>True when this is a private cluster made by <see cref="Start"/>.</summary>
    public bool IsPrivate => _clusterDir is not null;

    /// <summary>Uses <c>TMUXAGENT_PG</c> or starts a private cluster.</summary>
    /// <param name="durable">For a private cluster: keep fsync on (benchmarks); tests run with fsync off.</param>
    /// <exception cref="InvalidOperationException">No server binaries and no <c>TMUXAGENT_PG</c>, or the server failed to start.</exception>
    public static PostgresServer Start(bool durable = false) =>
        Start(durable, Environment.GetEnvironmentVariable(EnvironmentVariable), DefaultBinDirs());

    /// <summary>Uses <paramref name="external"/> when given, else starts a cluster with binaries from the first of <paramref name="binDirs"/> that has them.</summary>
    public static PostgresServer Start(bool durable, string? external, IEnumerable<string> binDirs)
    {
        if (!string.IsNullOrWhiteSpace(external)) return new PostgresServer(PostgresConnectionString.Parse(external), null, null);
        var bin = binDirs.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException(
                $"PostgreSQL tests need a server: set {EnvironmentVariable}=postgres://user:pass@host:port/db, or install the " +
                "server binaries (Debian: apt-get install postgresql; scripts/ensure-deps.sh does it). Looked for initdb and pg_ctl " +
                "in /usr/lib/postgresql/*/bin and on PATH.");
        var dir = Directory.CreateTempSubdirectory("tmuxagent-pg-").FullName;
        try
        {
            return StartCluster(bin, dir, durable);
        }
        catch
        {
            TryStop(bin, dir);
            Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    private static PostgresServer StartCluster(string bin, string dir, bool durable)
    {
        var data = Path.Combine(dir, "data");
        var socket = Directory.CreateDirectory(Path.Combine(dir, "socket")).FullName;
        if (IsRoot) Run("chown", ["-R", "postgres:postgres", dir], asPostgres: false);
        Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], asPostgres: true);
        var port = LoopbackPort.Free();
        var settings = $"-k {socket} -c listen_addresses=127.0.0.1 -p {port} -c max_connections=200"
                       + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60", "-o", settings, "start"], asPostgres: true);
        var admin = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", Pooling = false };
        using (var c = new NpgsqlConnection(admin.ConnectionString))
        {
            c.Open();
            using var create = new NpgsqlCommand("CREATE DATABASE tmuxagent ENCODING 'UTF8' TEMPLATE template0", c);
            create.ExecuteNonQuery();
        }
        return new PostgresServer(new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = "tmuxagent", Pooling = true }, dir, bin);
    }

    /// <summary>A connection string on a new, empty schema of the test database (search path set to it).</summary>
    public NpgsqlConnectionStringBuilder CreateSchema(string prefix = "t")
    {
        var schema = $"{prefix}_{Guid.NewGuid():N}";
        Execute($"CREATE SCHEMA \"{schema}\"");
        return new NpgsqlConnectionStringBuilder(Database.ConnectionString) { SearchPath = schema };
    }

    /// <summary>Drops a schema made by <see cref="CreateSchema"/> and everything in it.</summary>
    public void DropSchema(NpgsqlConnectionStringBuilder schema)
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP SCHEMA IF EXISTS \"{schema.SearchPath}\" CASCADE");
    }

    /// <summary>Runs one SQL statement on the test database.</summary>
    public void Execute(string sql)
    {
        using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Pooling = false }.ConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    /// <summary>The URL form of <paramref name="b"/> (what users put in orchestrator.toml or <c>--store</c>).</summary>
    public static string Url(NpgsqlConnectionStringBuilder b)
    {
        var user = Uri.EscapeDataString(b.Username ?? "");
        var password = string.IsNullOrEmpty(b.Password) ? "" : ":" + Uri.EscapeDataString(b.Password);
        var query = string.IsNullOrEmpty(b.SearchPath) ? "" : "?search_path=" + Uri.EscapeDataString(b.SearchPath);
        return $"postgres://{user}{password}@{b.Host}:{b.Port}/{Uri.EscapeDataString(b.Database ?? "")}{query}";
    }

    /// <summary>Stops a private cluster (immediate shutdown) and deletes its dir; nothing for an external server.</summary>
    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        if (_clusterDir is null || _binDir is null || !Directory.Exists(_clusterDir)) return;
        TryStop(_binDir, _clusterDir);
        Directory.Delete(_clusterDir, recursive: true);
    }

    private static void TryStop(string bin, string dir)
    {
        var data = Path.Combine(dir, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
            Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], asPostgres: true, check: false);
    }

    /// <summary>Debian's /usr/lib/postgresql/&lt;version&gt;/bin, newest first, then PATH.</summary>
    public static IEnumerable<string> DefaultBinDirs()
    {
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            : Enumerable.Empty<string>();
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return debian.Concat(path);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static void Run(string file, IReadOnlyList<string> args, bool asPostgres, bool check = true)
    {
        var info = new ProcessStartInfo(asPostgres && IsRoot ? "runuser" : file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres && IsRoot) foreach (var a in new[] { "-u", "postgres", "--", file }) info.ArgumentList.Add(a);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(120))) p.Kill(entireProcessTree: true);
        p.WaitForExit();
        if (check && p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
    }
}
