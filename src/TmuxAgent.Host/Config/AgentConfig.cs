using TmuxAgent.Config;

namespace TmuxAgent.Host.Config;

/// <summary><c>agent-config.yaml</c>: where panes are and where the bus is. Paths are <c>~</c>-expanded and absolute.</summary>
public sealed record AgentConfig
{
    /// <summary>Absolute path of the file (null: no file given, all defaults).</summary>
    public string? SourcePath { get; init; }
    /// <summary><c>poll_interval_ms</c>.</summary>
    public int PollIntervalMs { get; init; } = 1500;
    /// <summary><c>tmux_bin</c>.</summary>
    public string TmuxBin { get; init; } = "tmux";
    /// <summary><c>sqlite_path</c> (the original's state database; kept, not used by this project's store).</summary>
    public string SqlitePath { get; init; } = ConfigPaths.ExpandHome("~/.tmux_agent/state.db");
    /// <summary><c>approval_dir</c>.</summary>
    public string? ApprovalDir { get; init; }
    /// <summary><c>bus_dir</c>: the LocalBus folder.</summary>
    public string BusDir { get; init; } = ConfigPaths.ExpandHome("~/.tmux_agent/bus");
    /// <summary><c>notify</c>: channels (e.g. <c>wecom</c>, <c>local_bus</c>).</summary>
    public IReadOnlyList<string> Notify { get; init; } = [];
    /// <summary><c>hosts[]</c>; a single local host on the default socket when absent.</summary>
    public IReadOnlyList<HostConfig> Hosts { get; init; } = [HostConfig.Local];

    /// <summary>Whether notifications go to LocalBus (<c>notify</c> empty or naming <c>local_bus</c>).</summary>
    public bool NotifiesLocalBus => Notify.Count == 0 || Notify.Contains("local_bus", StringComparer.OrdinalIgnoreCase);
}

/// <summary>One <c>hosts[]</c> entry.</summary>
public sealed record HostConfig(string Name, SshConfig? Ssh, TmuxHostConfig Tmux)
{
    /// <summary>This machine, default tmux socket.</summary>
    public static HostConfig Local { get; } = new("local", null, new TmuxHostConfig());
}

/// <summary><c>hosts[].ssh</c>: panes on another machine, reached with <c>ssh</c> (key authentication, batch mode).</summary>
public sealed record SshConfig(string Host, int Port = 22, string? User = null, string? Key = null, int Timeout = 30)
{
    /// <summary><c>known_hosts_file</c>: ssh's <c>UserKnownHostsFile</c> (null: ssh's default, <c>~/.ssh/known_hosts</c>).</summary>
    public string? KnownHostsFile { get; init; }
    /// <summary><c>tmux_bin</c>: the tmux program on the remote machine (default <c>tmux</c>, found on the remote PATH).</summary>
    public string TmuxBin { get; init; } = "tmux";
}

/// <summary><c>hosts[].tmux</c>.</summary>
public sealed record TmuxHostConfig
{
    /// <summary><c>socket</c>: "default" or a socket name for <c>tmux -L</c>.</summary>
    public string Socket { get; init; } = "default";
    /// <summary><c>session_filters</c>: regexes a session name must match (any); empty: all.</summary>
    public IReadOnlyList<string> SessionFilters { get; init; } = [];
    /// <summary><c>pane_name_patterns</c>: regexes for pane titles (any); empty: all.</summary>
    public IReadOnlyList<string> PaneNamePatterns { get; init; } = [];
    /// <summary><c>capture_lines</c>.</summary>
    public int CaptureLines { get; init; } = 2000;
}
