using System.Diagnostics;
using System.Text;
using CsCheck;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Tmux;
using TmuxAgent.Host.Tmux.Transport;

namespace TmuxAgent.Tests.Ssh;

public class SshArgumentsTests
{
    public static readonly string[] Tricky =
    [
        "plain", "", " ", "two words", "it's", "'", "''", "\"double\"", "$(echo pwned)", "`id`", "a;b", "x && y || z", "back\\slash\\",
        "\\'", "$HOME ${PATH} $1 $@", "*?[a-z]", "~root", "#comment", "!bang", "中文 输入", "tab\there", "line\nbreak", "-L", "--",
    ];

    [Test]
    public void Given_an_ssh_host_when_a_tmux_command_is_built_then_ssh_gets_an_argument_list_ending_in_one_quoted_remote_line()
    {
        var t = new SshTmuxTransport("build", new SshConfig("build.example", 2222, "ci", "/keys/id", 7) { KnownHostsFile = "/kh" });

        t.Arguments(["tmux", "-L", "agents", "send-keys", "-l", "--", "it's $(x)"]).Should().Equal(
            "-p", "2222", "-i", "/keys/id", "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "ConnectTimeout=7",
            "-o", "StrictHostKeyChecking=accept-new", "-o", "LogLevel=ERROR", "-o", "UserKnownHostsFile=/kh",
            "ci@build.example", "--", "'tmux' '-u' '-L' 'agents' 'send-keys' '-l' '--' 'it'\\''s $(x)'");
    }

    [Test]
    public void A_host_without_user_or_key_uses_ssh_defaults_for_them()
    {
        var args = new SshTmuxTransport("h", new SshConfig("box")).Arguments(["tmux", "ls"]);
        args.Should().NotContain("-i").And.NotContain(a => a.StartsWith("UserKnownHostsFile", StringComparison.Ordinal));
        args.Should().ContainInOrder("-p", "22", "box", "--", "'tmux' '-u' 'ls'");
    }

    [Test]
    public void A_host_or_user_that_ssh_would_read_as_an_option_is_refused()
    {
        var act = () => new SshTmuxTransport("evil", new SshConfig("-oProxyCommand=x")).Arguments(["tmux"]);
        act.Should().Throw<TmuxException>().WithMessage("*evil*starting with '-'*");
    }

    [Test]
    public void ForHost_picks_the_transport_from_the_host()
    {
        TmuxClient.ForHost(HostConfig.Local, "/opt/tmux").Transport.Should().BeOfType<LocalTmuxTransport>();
        var remote = TmuxClient.ForHost(new HostConfig("r", new SshConfig("box") { TmuxBin = "/usr/local/bin/tmux" }, new TmuxHostConfig { Socket = "s" }), "/opt/tmux");
        remote.Transport.Should().BeOfType<SshTmuxTransport>();
        remote.TmuxBin.Should().Be("/usr/local/bin/tmux", "the local tmux_bin means nothing on another machine");
        remote.Prefix.Should().Equal("-L", "s");
    }

    [Test]
    public void Quoted_words_come_back_unchanged_from_a_real_posix_shell()
    {
        ShellWords(Tricky).Should().Equal(Tricky);
    }

    [Test]
    public void Any_text_without_nul_comes_back_unchanged_from_a_real_posix_shell()
    {
        Gen.String[Gen.Char.Where(c => c != '\0' && !char.IsSurrogate(c)), 0, 40].Array[1, 4]
            .Sample(words => ShellWords(words).SequenceEqual(words), iter: 60, threads: 1);
    }

    /// <summary>What <c>sh</c> makes of the joined line: the words it passes to printf, NUL-separated.</summary>
    private static string[] ShellWords(IReadOnlyList<string> words)
    {
        var psi = new ProcessStartInfo("sh") { RedirectStandardOutput = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("printf '%s\\0' " + PosixShell.Join(words));
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        p.ExitCode.Should().Be(0);
        return output.Split('\0')[..^1];
    }
}
