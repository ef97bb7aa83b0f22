using TmuxAgent.Host.Metrics;

namespace TmuxAgent.Tests.Reliability;

/// <summary>
/// Real storage faults under the real host process: its store folder on a tmpfs that is filled, remounted read-only,
/// or whose SQLite file is overwritten while the host runs. In every case the host types nothing it could not record,
/// says so (log, <c>orchestrator_store_healthy</c>, a LocalBus notification), and carries on by itself once the fault is gone.
/// </summary>
[Category("tmux"), Category("process"), Category("sqlite"), Category("root"), NonParallelizable]
public class RealStorageFaultTests
{
    [Test]
    public async Task A_full_disk_stops_the_host_acting_it_says_so_and_it_carries_on_when_space_is_freed()
    {
        using var run = new FaultHost();
        var host = run.Start();
        (await run.WaitUntilRan(1)).Should().BeTrue(host.StdErr);
        (await run.WaitForMetric(MetricNames.StoreHealthy, 1)).Should().BeTrue(host.StdErr);

        run.Disk.Fill();
        run.Disk.Available.Should().Be(0);
        run.Open(1);

        (await run.WaitForStoreFailures(3)).Should().BeTrue("the completion of command 1 cannot be recorded\n" + host.StdErr);
        run.Ran(2).Should().Be(0, "nothing is typed that could not be recorded first");
        host.StdErr.Should().Contain("database or disk is full").And.Contain(run.Db);
        (await run.Metric(MetricNames.StoreHealthy)).Should().Be(0);
        (await run.Metric(MetricNames.StoreErrors)).Should().BeGreaterThanOrEqualTo(3);
        FaultHost.Count(run.Notifications, "Event store failing").Should().Be(1, "one notification per outage\n" + run.Notifications);
        run.Notifications.Should().Contain("database or disk is full");

        run.Disk.Free();

        (await run.WaitUntilRan(2)).Should().BeTrue("the host carries on by itself\n" + host.StdErr);
        (await run.WaitForMetric(MetricNames.StoreHealthy, 1)).Should().BeTrue();
        run.Notifications.Should().Contain("Event store recovered");
        run.Open(2);
        (await run.WaitUntilRan(3)).Should().BeTrue(host.StdErr);
        run.Stop().Should().Be(0);
        await run.VerifyRecordedOnce(3);
    }

    [Test]
    public async Task A_read_only_store_disk_is_refused_loudly_at_start_and_the_host_carries_on_once_it_is_writable()
    {
        using var run = new FaultHost();
        var host = run.Start();
        (await run.WaitUntilRan(1)).Should().BeTrue(host.StdErr);

        // While the host runs, its store is open for writing: Linux refuses to make the filesystem read-only under it.
        var (code, said) = run.Disk.RemountReadOnly();
        if (code == 0)
        {
            // A kernel that allows it: then the host must stop acting until the disk is writable again.
            run.Open(1);
            (await run.WaitForStoreFailures(2)).Should().BeTrue(host.StdErr);
            run.Ran(2).Should().Be(0);
            run.Disk.RemountReadWrite();
            (await run.WaitUntilRan(2)).Should().BeTrue(host.StdErr);
            run.Stop().Should().Be(0);
        }
        else
        {
            said.Should().Contain("busy", "the only acceptable refusal is the kernel protecting the open store");
            run.Stop().Should().Be(0, host.StdErr);
            run.Disk.RemountReadOnly().Code.Should().Be(0, "with the host stopped nothing holds the disk");
            run.Open(1);

            var refused = run.Start();
            refused.WaitForExit(60).Should().Be(1, "a store that cannot be written is a failed start, not a silent one\n" + refused.StdErr);
            refused.StdErr.Should().Contain("cannot use the event store").And.Contain(run.Db).And.NotContain("Unhandled exception");
            run.Ran(2).Should().Be(0);

            run.Disk.RemountReadWrite();
            host = run.Start();
            (await run.WaitUntilRan(2)).Should().BeTrue(host.StdErr);
            run.Stop().Should().Be(0);
        }
        await run.VerifyRecordedOnce(2);
    }

    [Test]
    public async Task A_sqlite_file_overwritten_under_the_running_host_stops_it_acting_until_the_file_is_restored()
    {
        using var run = new FaultHost();
        var host = run.Start();
        (await run.WaitUntilRan(1)).Should().BeTrue(host.StdErr);
        (await run.WaitForMetric(MetricNames.StoreHealthy, 1)).Should().BeTrue(host.StdErr);

        var good = Overwrite(run.Db, "this is not a SQLite database; someone wrote over the header of the event store.....");
        run.Open(1);

        (await run.WaitForStoreFailures(3)).Should().BeTrue(host.StdErr);
        run.Ran(2).Should().Be(0, "nothing is typed once the store file is damaged");
        host.StdErr.Should().Contain(run.Db).And.Contain("not a usable SQLite event store");
        (await run.Metric(MetricNames.StoreHealthy)).Should().Be(0);
        run.Notifications.Should().Contain("Event store failing").And.Contain(run.Db);

        // The operator puts the good bytes back (restores the file): the running host carries on by itself.
        Overwrite(run.Db, good);
        (await run.WaitUntilRan(2)).Should().BeTrue(host.StdErr);
        (await run.WaitForMetric(MetricNames.StoreHealthy, 1)).Should().BeTrue();
        run.Stop().Should().Be(0, host.StdErr);

        // A backup as docs/host.md says to take one (online-safe), then the file is damaged while the host is down:
        // the next start refuses with one clear line naming the file, and exits 1.
        Sqlite3(run.Db, $".backup '{run.Dir["backup.db"]}'");
        Overwrite(run.Db, "garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage!!!");
        run.Open(2);
        var refused = run.Start();
        refused.WaitForExit(60).Should().Be(1, refused.StdErr);
        refused.StdErr.Should().Contain("cannot use the event store").And.Contain(run.Db).And.NotContain("Unhandled exception");

        // The documented restore: damaged files aside, the backup in their place.
        Directory.CreateDirectory(run.Dir["quarantine"]);
        foreach (var f in new[] { run.Db, run.Db + "-wal", run.Db + "-shm" }.Where(File.Exists))
            File.Move(f, Path.Combine(run.Dir["quarantine"], Path.GetFileName(f)));
        File.Copy(run.Dir["backup.db"], run.Db);
        host = run.Start();
        (await run.WaitUntilRan(3)).Should().BeTrue(host.StdErr);
        run.Stop().Should().Be(0);
        await run.VerifyRecordedOnce(3);
    }

    private static void Sqlite3(string db, string command)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("sqlite3") { RedirectStandardError = true };
        psi.ArgumentList.Add(db);
        psi.ArgumentList.Add(command);
        System.Diagnostics.Process p;
        try { p = System.Diagnostics.Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception) { Assert.Ignore("the sqlite3 command-line tool is not installed"); return; }
        using var _ = p;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        p.ExitCode.Should().Be(0, err);
    }

    /// <summary>Writes <paramref name="text"/> over the start of the file in place (same inode, as a stray write would) and returns the bytes it replaced.</summary>
    private static string Overwrite(string path, string text)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        var old = new byte[text.Length];
        f.ReadExactly(old);
        f.Position = 0;
        f.Write(System.Text.Encoding.Latin1.GetBytes(text));
        f.Flush(flushToDisk: true);
        return System.Text.Encoding.Latin1.GetString(old);
    }
}
