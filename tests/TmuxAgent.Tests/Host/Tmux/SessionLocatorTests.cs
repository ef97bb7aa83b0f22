using TmuxAgent.Host.Config;
using TmuxAgent.Host.Tmux;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Host.Tmux;

[Category("tmux")]
public class SessionLocatorTests
{
    private TmuxServer _tmux = null!;

    [SetUp] public void SetUp() => _tmux = new TmuxServer();
    [TearDown] public void TearDown() => _tmux.Dispose();

    private SessionLocator Locator(TmuxHostConfig tmux) =>
        new(new AgentConfig { Hosts = [new HostConfig("local", null, tmux with { Socket = _tmux.Socket })] });

    [Test]
    public async Task Sessions_outside_the_filters_are_not_found_and_names_match_exactly()
    {
        _tmux.NewSession("agent-x");
        _tmux.NewSession("other-x");
        var locator = Locator(new TmuxHostConfig { SessionFilters = ["^agent-"] });

        (await locator.FindAsync("agent-x")).Should().NotBeNull();
        (await locator.FindAsync("other-x")).Should().BeNull("other-x does not match the session filters");
        (await locator.FindAsync("agent")).Should().BeNull("a prefix of a session name is not that session");
    }

    [Test]
    public async Task A_pane_name_pattern_picks_the_pane_by_title_else_the_active_pane()
    {
        _tmux.NewSession("agent-y");
        _tmux.Run(["split-window", "-t", "=agent-y:", "-d"]);
        var panes = _tmux.Run(["list-panes", "-t", "=agent-y:", "-F", "#{pane_id} #{pane_active}"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var inactive = panes.Single(p => p.EndsWith(" 0")).Split(' ')[0];
        _tmux.Run(["select-pane", "-t", inactive, "-T", "codex-agent"]);

        (await Locator(new TmuxHostConfig { PaneNamePatterns = ["^codex"] }).FindAsync("agent-y"))!.PaneId.Should().Be(inactive);
        (await Locator(new TmuxHostConfig()).FindAsync("agent-y"))!.PaneId.Should().Be(panes.Single(p => p.EndsWith(" 1")).Split(' ')[0]);
    }
}
