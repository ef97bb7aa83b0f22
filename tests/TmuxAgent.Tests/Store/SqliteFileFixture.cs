using Microsoft.Data.Sqlite;

namespace TmuxAgent.Tests.Store;

/// <summary>A temp dir per test for SQLite store files, and raw connections to inspect or lock them.</summary>
public abstract class SqliteFileFixture
{
    protected string Dir { get; private set; } = "";

    [SetUp]
    public void CreateTempDir() => Dir = Directory.CreateTempSubdirectory("tmuxagent-sqlite-").FullName;

    [TearDown]
    public void DeleteTempDir()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Dir, recursive: true);
    }

    protected static SqliteConnection Raw(string path)
    {
        var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        return c;
    }
}
