using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;

namespace TmuxAgent.Host.Decisions;

/// <summary>
/// The built-in deterministic decider (drills, tests, the demo): in phase P it sends the commands of
/// <c>[tasks.plan] P</c> that were not sent yet (at most <c>max_commands_per_cycle</c> at a time); once the last
/// one was sent and nothing is in flight, it moves the branch to the next phase of <c>phases</c>. A branch in a phase
/// that is not in <c>phases</c> (e.g. <c>default_phase</c>) is moved to the first one.
/// </summary>
public sealed class PlanDecisionSource : IDecisionSource
{
    /// <inheritdoc />
    public Task<DecisionOutcome> DecideAsync(DecisionContext context, CancellationToken ct) =>
        Task.FromResult<DecisionOutcome>(new DecisionAnswered(Next(context), TimeSpan.Zero));

    /// <inheritdoc />
    /// <remarks>The plan follows the branch's state alone.</remarks>
    public bool ReadsPaneText => false;

    /// <summary>The plan's next step for the branch.</summary>
    public static Decision Next(DecisionContext c)
    {
        var s = c.State;
        var phases = c.Task.Phases;
        var index = phases.ToList().IndexOf(s.Phase);
        if (s.Phase == c.Policy.CompletionPhase) return new Decision($"plan: finished ('{s.Phase}')", []);
        if (index < 0)
            return phases.Count > 0 ? new Decision($"plan: starting at '{phases[0]}'", [], Phase: phases[0]) : new Decision("plan: no phases", []);
        if (!s.AwaitingReceipt.IsEmpty || !s.Running.IsEmpty)
            return new Decision($"plan: waiting for '{(s.Running.IsEmpty ? s.AwaitingReceipt : s.Running)[0].Spec.Display}'", []);

        var commands = c.Task.Plan.TryGetValue(s.Phase, out var list) ? list : [];
        var sent = SentSoFar(commands, s.LastCommand);
        if (sent < commands.Count)
        {
            var batch = commands.Skip(sent).Take(c.Policy.MaxCommandsPerCycle).ToList();
            return new Decision($"plan: {s.Phase} step {sent + 1}/{commands.Count}", batch);
        }
        var next = index + 1 < phases.Count ? phases[index + 1] : c.Policy.CompletionPhase;
        return new Decision($"plan: {s.Phase} finished, next {next}", [], Phase: next);
    }

    /// <summary>How many of <paramref name="commands"/> were sent: up to the last one equal to the branch's last command.</summary>
    private static int SentSoFar(IReadOnlyList<CommandSpec> commands, string? lastCommand)
    {
        if (lastCommand is null) return 0;
        for (var i = commands.Count - 1; i >= 0; i--)
            if (commands[i].Display == lastCommand) return i + 1;
        return 0;
    }
}
