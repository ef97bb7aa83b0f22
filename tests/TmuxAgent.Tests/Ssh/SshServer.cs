using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TmuxAgent.Host.Config;
using TmuxAgent.Tests.Host;

namespace TmuxAgent.Tests.Ssh;

/// <summary>A real OpenSSH server on 127.0.0.1 for one test: host and client keys made by ssh-keygen in a temp
/// folder, a private sshd_config and known_hosts file. Killed and deleted on dispose.</summary>
public sealed class SshServer : IDisposable
{
    public const string Sshd = "/usr/sbin/sshd";
    private readonly Process _sshd;
    private readonly StringWriter _log = new();

    public TempDir Dir { get; } = new();
    public int Port { get; }
    public string ClientKey => Dir["client_key"];
    public string KnownHosts => Dir["known_hosts"];
    public string User => Environment.UserName;

    /// <summary>The <c>hosts[].ssh</c> block that reaches this server (optionally with another key or port).</summary>
    public SshConfig Config(string? key = null, int? port = null, int timeout = 10) =>
        new("127.0.0.1", port ?? Port, User, key ?? ClientKey, timeout) { KnownHostsFile = KnownHosts };

    public SshServer()
    {
        if (!File.Exists(Sshd) || !File.Exists("/usr/bin/ssh") || !File.Exists("/usr/bin/ssh-keygen"))
            Assert.Fail("ssh tests need OpenSSH: install the Debian package openssh-server (and openssh-client); scripts/ensure-deps.sh does it");
        KeyGen(Dir["host_key"]);
        KeyGen(ClientKey);
        File.Copy(ClientKey + ".pub", Dir["authorized_keys"]);
        Port = LoopbackPort.Free();
        File.WriteAllText(Dir["sshd_config"], $"""
            Port {Port}
            ListenAddress 127.0.0.1
            HostKey {Dir["host_key"]}
            AuthorizedKeysFile {Dir["authorized_keys"]}
            PidFile {Dir["sshd.pid"]}
            StrictModes no
            UsePAM no
            PermitRootLogin yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PubkeyAuthentication yes
            """);
        Directory.CreateDirectory("/run/sshd");
        var psi = new ProcessStartInfo(Sshd) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-D", "-e", "-f", Dir["sshd_config"] }) psi.ArgumentList.Add(a);
        _sshd = Process.Start(psi)!;
        _sshd.ErrorDataReceived += (_, e) => { lock (_log) _log.WriteLine(e.Data); };
        _sshd.BeginErrorReadLine();
        WaitUntilListening();
    }

    /// <summary>What sshd wrote to stderr so far (for failure messages).</summary>
    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>A fresh ed25519 key without passphrase at <paramref name="path"/> (and <c>.pub</c>).</summary>
    public static void KeyGen(string path)
    {
        var psi = new ProcessStartInfo("ssh-keygen") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-q", "-t", "ed25519", "-N", "", "-C", "tmuxagent-test", "-f", path }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) Assert.Fail($"ssh-keygen failed: {err}");
    }

    private void WaitUntilListening()
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < until)
        {
            if (_sshd.HasExited) Assert.Fail($"sshd exited with {_sshd.ExitCode}: {Log}");
            try
            {
                using var c = new TcpClient();
                c.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { Thread.Sleep(100); }
        }
        Assert.Fail($"sshd did not listen on 127.0.0.1:{Port} within 15 s: {Log}");
    }

    public void Dispose()
    {
        try { if (!_sshd.HasExited) { _sshd.Kill(entireProcessTree: true); _sshd.WaitForExit(5000); } }
        catch (InvalidOperationException) { }
        _sshd.Dispose();
        Dir.Dispose();
    }
}
