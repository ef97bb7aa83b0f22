using System.Globalization;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Reliability;

/// <summary>
/// The busy four-branch plan the crash and the two-host tests drive through the real host: <c>PREFIX/a</c> (three
/// phases), <c>PREFIX/b</c> (two commands in one phase, so one queues), <c>PREFIX/c</c> (depends on <c>a</c>) and
/// <c>PREFIX/r</c> (one high-risk command that needs approval). Each command prints a marker line (<c>mark-a1-42</c>, …)
/// computed by the shell, so a marker line in a pane means the command ran, and two mean it ran twice.
/// </summary>
internal sealed class BusyPlan(string prefix, double slowSeconds = 1)
{
    /// <summary>The four branches.</summary>
    public string[] Branches { get; } = [$"{prefix}/a", $"{prefix}/b", $"{prefix}/c", $"{prefix}/r"];

    /// <summary>Every command's pane and marker.</summary>
    public (string Session, string Marker)[] Markers { get; } =
    [
        (Session($"{prefix}/a"), "mark-a1-42"), (Session($"{prefix}/a"), "mark-a2-42"), (Session($"{prefix}/a"), "mark-a3-42"),
        (Session($"{prefix}/b"), "mark-b1-42"), (Session($"{prefix}/b"), "mark-b2-42"), (Session($"{prefix}/b"), "mark-b3-42"),
        (Session($"{prefix}/c"), "mark-c1-42"), (Session($"{prefix}/r"), "mark-r1-42"),
    ];

    /// <summary>The branch's tmux session, as the host derives it.</summary>
    public static string Session(string branch) => "agent-" + branch.Replace('/', '-');

    /// <summary>orchestrator.toml: <paramref name="settings"/> (top-level lines, e.g. <c>poll_interval</c>), then the plan.</summary>
    public string Toml(string settings)
    {
        var slow = slowSeconds.ToString(CultureInfo.InvariantCulture);
        return $$"""
            {{settings}}
            cooldown_seconds = 0
            session_cooldown_seconds = 0
            command_timeout_seconds = 60
            stall_timeout_seconds = 600
            decision_source = "plan"
            dashboard_port = 0
            portal_port = 0

            [[tasks]]
            branch = "{{prefix}}/a"
            phases = ["one", "two", "three", "done"]
            [tasks.plan]
            one = ["echo mark-a1-$((40+2)) && sleep 1"]
            two = ["echo mark-a2-$((40+2)) && sleep {{slow}}"]
            three = ["echo mark-a3-$((40+2))"]

            [[tasks]]
            branch = "{{prefix}}/b"
            phases = ["one", "two", "done"]
            [tasks.plan]
            one = ["echo mark-b1-$((40+2)) && sleep 2", "echo mark-b2-$((40+2)) && sleep {{slow}}"]
            two = ["echo mark-b3-$((40+2))"]

            [[tasks]]
            branch = "{{prefix}}/c"
            depends_on = ["{{prefix}}/a"]
            phases = ["one", "done"]
            [tasks.plan]
            one = ["echo mark-c1-$((40+2)) && sleep 1"]

            [[tasks]]
            branch = "{{prefix}}/r"
            phases = ["release", "done"]
            [tasks.plan]
            release = [{ text = "echo mark-r1-$((40+2))", risk_level = "high" }]
            """;
    }

    /// <summary>Whether every command's marker is in its pane at least once.</summary>
    public bool AllRan(TmuxServer tmux) => Markers.All(m => Lines(tmux, m.Session, m.Marker) >= 1);

    /// <summary>How many times <paramref name="marker"/> was printed in <paramref name="session"/>'s whole history.</summary>
    public static int Lines(TmuxServer tmux, string session, string marker) =>
        History(tmux, session).Split('\n').Count(l => l.TrimEnd() == marker);

    /// <summary>Each marker's count and every pane's history, for a failure message.</summary>
    public string Report(TmuxServer tmux) => string.Join("\n", Markers.Select(m => $"{m.Marker}: {Lines(tmux, m.Session, m.Marker)}"))
        + "\n" + string.Join("\n----\n", Branches.Select(b => History(tmux, Session(b))));

    private static string History(TmuxServer tmux, string session) => tmux.Run(["capture-pane", "-p", "-J", "-t", "=" + session + ":", "-S", "-"]);
}
