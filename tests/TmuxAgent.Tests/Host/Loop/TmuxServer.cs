using System.Diagnostics;

namespace TmuxAgent.Tests.Host.Loop;

/// <summary>A private tmux server (<c>tmux -L name</c>) for one test; killed on dispose.</summary>
public sealed class TmuxServer : IDisposable
{
    public string Socket { get; } = "ta-test-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A session running a bare shell (or <paramref name="command"/>). For the bare shell, returns once bash is
    /// the pane's foreground process: tmux starts it through <c>sh -c env … bash</c>, and a loop that looks at the pane
    /// while <c>env</c> is in the foreground rightly counts it busy (a flake under load before this wait).</summary>
    public void NewSession(string name, string? command = null)
    {
        Run(["new-session", "-d", "-s", name, "-x", "200", "-y", "50", command ?? "env PS1='$ ' bash --norc --noprofile"]);
        if (command is not null) return;
        var until = DateTime.UtcNow.AddSeconds(10);
        while (CurrentCommand(name) != "bash" && DateTime.UtcNow < until) Thread.Sleep(20);
    }

    public string Capture(string session) => Run(["capture-pane", "-p", "-J", "-t", "=" + session + ":", "-S", "-200"]);

    public string CurrentCommand(string session) => Run(["display-message", "-p", "-t", "=" + session + ":", "#{pane_current_command}"]).Trim();

    public string Run(IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-L");
        psi.ArgumentList.Add(Socket);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }

    /// <summary>Polls <paramref name="condition"/> until true or <paramref name="seconds"/> pass.</summary>
    public static async Task<bool> WaitFor(Func<bool> condition, double seconds = 10)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            if (condition()) return true;
            await Task.Delay(100);
        }
        return condition();
    }

    public void Dispose() => Run(["kill-server"]);
}
