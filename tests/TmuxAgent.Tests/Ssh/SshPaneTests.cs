using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Tmux;
using TmuxAgent.Host.Tmux.Transport;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Ssh;

/// <summary>Panes driven through a real sshd on 127.0.0.1 (the "remote" machine is this one, reached over ssh).</summary>
[Category("ssh"), Category("tmux")]
public class SshPaneTests
{
    private SshServer _sshd = null!;
    private TmuxServer _tmux = null!;

    [SetUp] public void SetUp() { _tmux = new TmuxServer(); _sshd = new SshServer(); }
    [TearDown] public void TearDown() { _tmux.Dispose(); _sshd.Dispose(); }

    private TmuxClient Remote(SshConfig? ssh = null) =>
        TmuxClient.ForHost(new HostConfig("remote", ssh ?? _sshd.Config(), new TmuxHostConfig { Socket = _tmux.Socket }));

    [Test]
    public async Task Literal_text_typed_over_ssh_arrives_byte_for_byte_and_is_captured_back_over_ssh()
    {
        const string text = "it's \"quoted\" $(echo pwned) `id` ; rm -rf nothing && x || y \\ back\\slash\\ $HOME * ~ # ! 中文输入 'a'\\''b'";
        var client = Remote();
        var output = _sshd.Dir["typed.txt"];
        await client.QueryAsync(["new-session", "-d", "-s", "quote", "-x", "250", "-y", "20", $"cat > {output}"]);
        var pane = new PaneTarget(client, "quote", (await client.QueryAsync(["display-message", "-p", "-t", TmuxClient.PaneOf("quote"), "#{pane_id}"])).Trim());

        await PaneTyper.TypeAsync(pane, new CommandSpec(text, [], Enter: true, InputMode: InputModes.CodexDialogue), "cmd-q1", 0);

        (await TmuxServer.WaitFor(() => File.Exists(output) && File.ReadAllText(output) == text + "\n"))
            .Should().BeTrue($"cat got exactly the text; it got [{(File.Exists(output) ? File.ReadAllText(output) : "nothing")}]");
        (await PaneReader.CaptureAsync(pane, 50)).Should().Contain(text, "the pane echo, captured over ssh, shows the same text");
        File.ReadAllText(_sshd.KnownHosts).Should().Contain(File.ReadAllText(_sshd.Dir["host_key.pub"]).Split(' ')[1],
            "accept-new recorded the server's host key in the configured known_hosts file");
    }

    [Test]
    public async Task The_orchestrator_loop_dispatches_into_a_pane_over_ssh_and_sees_its_exit_status()
    {
        using var h = new LoopHarness();
        h.Tmux.NewSession("agent-remote-alpha");
        var calls = _sshd.Dir["remote-tmux.log"];
        var wrapper = _sshd.Dir.Script("remote-tmux", $"echo \"$SSH_CONNECTION\" >> {calls}\nexec tmux \"$@\"");
        h.Ssh = _sshd.Config() with { TmuxBin = wrapper };
        var source = new ScriptedSource(_ => new Decision("run", [CommandSpec.Of("echo out-$((6*7)) 'over ssh'; false")]));
        var loop = await h.StartAsync(h.Config(LoopHarness.Task("remote/alpha")), source);

        await loop.RunCycleAsync(CancellationToken.None);

        (await TmuxServer.WaitFor(() => h.Tmux.Capture("agent-remote-alpha").Contains("\nout-42 over ssh"))).Should().BeTrue(
            $"the pane shows [{h.Tmux.Capture("agent-remote-alpha")}]; events {string.Join(", ", h.Observer.Events.Select(e => e.GetType().Name))}; calls [{(File.Exists(calls) ? File.ReadAllText(calls) : "")}]");
        h.Observer.Events.Should().ContainSingle(e => e is CommandDelivered);
        await TmuxServer.WaitFor(() => h.Tmux.Capture("agent-remote-alpha").Contains("__TMUXAGENT_EXIT__"));
        await loop.RunCycleAsync(CancellationToken.None);
        h.Observer.Events.OfType<CommandCompleted>().Single().ExitStatus.Should().Be(1);
        File.ReadAllLines(calls).Should().NotBeEmpty().And.OnlyContain(l => l.StartsWith("127.0.0.1 ", StringComparison.Ordinal),
            "every tmux command of the loop ran in an ssh session");
    }

    [Test]
    public async Task A_wrong_key_gives_a_clear_ssh_error_naming_the_host()
    {
        SshServer.KeyGen(_sshd.Dir["stranger_key"]);
        var act = () => Remote(_sshd.Config(key: _sshd.Dir["stranger_key"])).RunAsync(["list-sessions"]);
        (await act.Should().ThrowAsync<TmuxException>())
            .WithMessage($"host remote (ssh {_sshd.User}@127.0.0.1:{_sshd.Port}): ssh failed (exit 255): *Permission denied*");
    }

    [Test]
    public async Task A_closed_port_gives_a_clear_error_and_the_locator_reports_it_unless_another_host_has_the_session()
    {
        var closed = _sshd.Config(port: LoopbackPort.Free(), timeout: 5);
        var act = () => Remote(closed).QueryAsync(["list-sessions"]);
        (await act.Should().ThrowAsync<TmuxException>()).WithMessage("*ssh failed (exit 255)*Connection refused*");

        _tmux.NewSession("agent-here");
        var unreachable = new HostConfig("down", closed, new TmuxHostConfig { Socket = _tmux.Socket });
        var local = new HostConfig("local", null, new TmuxHostConfig { Socket = _tmux.Socket });
        (await new SessionLocator(new AgentConfig { Hosts = [unreachable, local] }).FindAsync("agent-here"))!.Client.Transport
            .Should().BeOfType<LocalTmuxTransport>("an unreachable host does not hide the session on another host");
        var find = () => new SessionLocator(new AgentConfig { Hosts = [unreachable] }).FindAsync("agent-here");
        (await find.Should().ThrowAsync<TmuxException>()).WithMessage("host down*Connection refused*");
    }
}
