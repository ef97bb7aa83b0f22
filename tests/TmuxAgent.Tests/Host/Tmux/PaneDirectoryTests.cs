using TmuxAgent.Host.Config;
using TmuxAgent.Host.Tmux;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Host.Tmux;

[Category("tmux")]
public class PaneDirectoryTests
{
    private TmuxServer _tmux = null!;
    private CountingTransport _calls = null!;

    [SetUp] public void SetUp() { _tmux = new TmuxServer(); _calls = new CountingTransport(); }
    [TearDown] public void TearDown() => _tmux.Dispose();

    private HostConfig Local(TmuxHostConfig? tmux = null) => new("local", null, (tmux ?? new TmuxHostConfig()) with { Socket = _tmux.Socket });

    private SessionLocator Locator(params HostConfig[] hosts) =>
        new(new AgentConfig { Hosts = hosts }, h => h.Name == "far"
            ? new TmuxClient("tmux", h.Tmux.Socket) { Transport = new UnreachableTransport() }
            : new TmuxClient("tmux", h.Tmux.Socket) { Transport = _calls });

    [Test]
    public async Task One_listing_answers_for_every_session_with_its_pane_and_foreground_program()
    {
        _tmux.NewSession("agent-a");
        _tmux.NewSession("agent-b", "sleep 600");
        _tmux.NewSession("agent-c");
        var directory = new PaneDirectory(Locator(Local()), TimeSpan.FromHours(1));

        var a = await directory.FindAsync("agent-a");
        var b = await directory.FindAsync("agent-b");
        var c = await directory.FindAsync("agent-c");

        a!.CurrentCommand.Should().Be("bash");
        b!.CurrentCommand.Should().Be("sleep");
        c!.Target.PaneId.Should().Be(_tmux.Run(["display-message", "-p", "-t", "=agent-c:", "#{pane_id}"]).Trim());
        new[] { a.Target.PaneId, b.Target.PaneId, c.Target.PaneId }.Should().OnlyHaveUniqueItems();
        _calls.Verbs.Should().Equal(["list-panes"], "three sessions were found with one tmux call");
        directory.ListingsRun.Should().Be(1);
    }

    [Test]
    public async Task It_answers_like_the_session_locator_for_filters_exact_names_titles_and_windows()
    {
        _tmux.NewSession("agent-x");
        _tmux.NewSession("other-x");
        _tmux.NewSession("agent-y");
        _tmux.Run(["split-window", "-t", "=agent-y:", "-d"]);
        var inactive = _tmux.Run(["list-panes", "-t", "=agent-y:", "-F", "#{pane_id} #{pane_active}"])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Single(p => p.EndsWith(" 0")).Split(' ')[0];
        _tmux.Run(["select-pane", "-t", inactive, "-T", "codex-agent"]);
        _tmux.NewSession("agent-w");
        _tmux.Run(["new-window", "-t", "=agent-w:"]);   // the new window becomes the session's current one
        var host = Local(new TmuxHostConfig { SessionFilters = ["^agent-"], PaneNamePatterns = ["^codex"] });
        var locator = Locator(host);
        var directory = new PaneDirectory(locator, TimeSpan.FromHours(1));

        foreach (var session in new[] { "agent-x", "other-x", "agent", "agent-y", "agent-w", "agent-none" })
            (await directory.FindAsync(session))?.Target.Should().Be(await locator.FindAsync(session), session);

        (await directory.FindAsync("other-x")).Should().BeNull("other-x does not match the session filters");
        (await directory.FindAsync("agent")).Should().BeNull("a prefix of a session name is not that session");
        (await directory.FindAsync("agent-y"))!.Target.PaneId.Should().Be(inactive, "the pane title matches a pane_name_pattern");
        (await directory.FindAsync("agent-w"))!.Target.PaneId.Should().Be(
            _tmux.Run(["display-message", "-p", "-t", "=agent-w:", "#{pane_id}"]).Trim(), "the pane of the session's current window");
    }

    [Test]
    public async Task A_listing_is_reused_until_refreshed_and_a_touched_session_is_listed_again()
    {
        _tmux.NewSession("agent-t");
        var directory = new PaneDirectory(Locator(Local()), TimeSpan.FromHours(1));
        var first = await directory.FindAsync("agent-t");
        _tmux.Run(["send-keys", "-t", first!.Target.PaneId, "-l", "exec sleep 600"]);
        _tmux.Run(["send-keys", "-t", first.Target.PaneId, "Enter"]);
        (await TmuxServer.WaitFor(() => _tmux.CurrentCommand("agent-t") == "sleep")).Should().BeTrue();

        (await directory.FindAsync("agent-t"))!.CurrentCommand.Should().Be("bash", "the listing is reused within a cycle");
        directory.Touched(first.Target);
        (await directory.FindAsync("agent-t"))!.CurrentCommand.Should().Be("sleep", "a session typed into is listed again");
        _tmux.NewSession("agent-late");
        (await directory.FindAsync("agent-late")).Should().BeNull("the session appeared after the listing");
        directory.Refresh();
        (await directory.FindAsync("agent-late")).Should().NotBeNull("a refresh lists the server again");
        directory.ListingsRun.Should().Be(3);
    }

    [Test]
    public async Task A_listing_older_than_the_maximum_age_is_taken_again()
    {
        _tmux.NewSession("agent-m");
        var directory = new PaneDirectory(Locator(Local()), TimeSpan.Zero);

        await directory.FindAsync("agent-m");
        await directory.FindAsync("agent-m");

        directory.ListingsRun.Should().Be(2);
    }

    [Test]
    public async Task No_running_server_means_no_session_and_an_unreachable_host_is_reported_only_when_no_other_host_has_it()
    {
        var noServer = new PaneDirectory(Locator(Local() with { Tmux = new TmuxHostConfig { Socket = _tmux.Socket + "-none" } }));
        (await noServer.FindAsync("agent-a")).Should().BeNull();

        _tmux.NewSession("agent-here");
        var far = new HostConfig("far", new SshConfig("far"), new TmuxHostConfig());
        var both = new PaneDirectory(Locator(far, Local()));
        (await both.FindAsync("agent-here"))!.Target.Client.Transport.Should().BeSameAs(_calls, "the local host has the session");
        var act = () => both.FindAsync("agent-elsewhere");
        (await act.Should().ThrowAsync<TmuxException>()).Which.Message.Should().Contain("Connection refused");
    }
}
