using TmuxAgent.Host.Processes;

namespace TmuxAgent.Host.Tmux.Transport;

/// <summary>How a tmux command line reaches its server: run here, or through <c>ssh</c> on another machine.</summary>
public interface ITmuxTransport
{
    /// <summary>Runs <paramref name="argv"/> (the tmux program, then its arguments) and returns the tmux process's result.
    /// Throws <see cref="TmuxException"/> when the transport itself fails (ssh unreachable, refused, timed out).</summary>
    Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, CancellationToken ct = default);

    /// <summary><see cref="RunAsync"/> with <paramref name="stdin"/> as the tmux command's standard input (e.g. <c>load-buffer -</c>).</summary>
    Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, string stdin, CancellationToken ct = default) =>
        throw new TmuxException($"{Describe()}: cannot pass standard input to tmux");

    /// <summary>A short description for error messages and logs (e.g. <c>local</c>, <c>ssh deploy@build-1:22</c>).</summary>
    string Describe();
}
