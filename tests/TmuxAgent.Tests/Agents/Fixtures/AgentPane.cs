using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Agents.Fixtures;

/// <summary>A real agent in a pane of a private tmux server: started from an <see cref="AgentHome"/>, typed into the
/// way ../shared/AGENTS.md says works (bracketed paste, a pause, Enter), its screen captured.</summary>
public sealed class AgentPane(TmuxServer tmux, string session)
{
    public string Session => session;

    /// <summary>Starts <paramref name="home"/>'s agent in a new session <paramref name="session"/> (200×50).</summary>
    public static AgentPane Start(TmuxServer tmux, string session, AgentHome home)
    {
        tmux.Run(["new-session", "-d", "-s", session, "-x", "200", "-y", "50", "-c", home.WorkDir, home.ShellCommand]);
        return new AgentPane(tmux, session);
    }

    /// <summary>The visible screen (<c>capture-pane -p</c>).</summary>
    public string Screen() => tmux.Run(["capture-pane", "-p", "-t", "=" + session + ":"]);

    /// <summary>Waits until the screen matches <paramref name="ready"/>.</summary>
    public Task<bool> WaitForScreenAsync(Func<string, bool> ready, double seconds = 30) =>
        TmuxServer.WaitFor(() => ready(Screen()), seconds);

    /// <summary>Bracketed paste of <paramref name="text"/>, a short pause, Enter.</summary>
    public async Task SubmitAsync(string text)
    {
        var buffer = "t-" + Guid.NewGuid().ToString("N")[..8];
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, text);
        tmux.Run(["load-buffer", "-b", buffer, file]);
        File.Delete(file);
        tmux.Run(["paste-buffer", "-p", "-d", "-b", buffer, "-t", "=" + session + ":"]);
        await Task.Delay(300);
        tmux.Run(["send-keys", "-t", "=" + session + ":", "Enter"]);
    }
}
