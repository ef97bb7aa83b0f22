using TmuxAgent.Host.Processes;

namespace TmuxAgent.Host.Tmux.Transport;

/// <summary>tmux on this machine: the program is started directly with an argument list.</summary>
public sealed record LocalTmuxTransport : ITmuxTransport
{
    /// <summary>How long one tmux command may take.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, CancellationToken ct = default) =>
        ProcessRunner.RunAsync(argv[0], argv.Skip(1), timeout: CommandTimeout, ct: ct);

    /// <inheritdoc />
    public Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, string stdin, CancellationToken ct = default) =>
        ProcessRunner.RunAsync(argv[0], argv.Skip(1), stdin, timeout: CommandTimeout, ct: ct);

    /// <inheritdoc />
    public string Describe() => "local";
}
