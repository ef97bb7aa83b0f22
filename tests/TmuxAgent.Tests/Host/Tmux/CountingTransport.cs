using TmuxAgent.Host.Processes;
using TmuxAgent.Host.Tmux;
using TmuxAgent.Host.Tmux.Transport;

namespace TmuxAgent.Tests.Host.Tmux;

/// <summary>Local tmux, recording the tmux command (first word after the socket) of every invocation.</summary>
public sealed class CountingTransport : ITmuxTransport
{
    private readonly LocalTmuxTransport _local = new();

    public List<string> Verbs { get; } = [];

    public int Count(string verb) => Verbs.Count(v => v == verb);

    public Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, CancellationToken ct = default)
    {
        var args = argv.Skip(1).ToList();
        Verbs.Add(args.Count > 1 && args[0] == "-L" ? args[2] : args[0]);
        return _local.RunAsync(argv, ct);
    }

    public string Describe() => "counting";
}

/// <summary>A host whose transport always fails (an unreachable ssh host, without ssh).</summary>
public sealed class UnreachableTransport : ITmuxTransport
{
    public Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, CancellationToken ct = default) =>
        throw new TmuxException("host far (ssh far:22): ssh failed (exit 255): Connection refused");

    public string Describe() => "unreachable";
}
