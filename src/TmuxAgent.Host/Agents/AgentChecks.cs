using Microsoft.Extensions.Logging;
using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Policy;
using TmuxAgent.Host.Agents.StuckDetection;
using TmuxAgent.Host.Agents.Summaries;
using TmuxAgent.Config;
using TmuxAgent.Host.Decisions;
using TmuxAgent.Host.Reactors;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host.Agents;

/// <summary>One look at a branch's pane for the agent checks.</summary>
/// <param name="Task">The branch's task.</param>
/// <param name="State">Its state now.</param>
/// <param name="Snapshot">The pane as seen at the cycle's tick (text may be empty when nothing needed it).</param>
/// <param name="Busy">The loop's busy verdict for the pane.</param>
/// <param name="Now">The time.</param>
/// <param name="WithText">Captures the pane's text (called only when a check is due and the snapshot has none).</param>
public sealed record AgentLook(TaskConfig Task, BranchState State, PaneSnapshot Snapshot, bool Busy, DateTimeOffset Now, Func<Task<PaneSnapshot>> WithText);

/// <summary>
/// The original's agent features for agent panes, as branch inputs for the loop to decide and append: a summary after a
/// finished turn (<c>[prompts] summary</c>, at most once per <c>poll_interval</c>) and a stuck check (<c>[prompts]
/// stuck_detection</c>, at most every max(60 s, <c>poll_interval</c>)). Both go through the decision command.
/// </summary>
public sealed class AgentChecks
{
    private readonly OrchestratorConfig _config;
    private readonly OrchestratorPolicy _policy;
    private readonly IAgentActivity _activity;
    private readonly SummaryWriter? _summaries;
    private readonly StuckCheck? _stuck;
    private readonly ILogger _log;

    /// <summary>Checks for <paramref name="config"/>'s templates, asking <paramref name="model"/>.</summary>
    public AgentChecks(OrchestratorConfig config, OrchestratorPolicy policy, IAgentActivity activity, ModelCommand model, ILogger log)
    {
        _config = config;
        _policy = policy;
        _activity = activity;
        _log = log;
        var prompts = new PromptBuilder(config);
        if (config.Prompts.Summary is { } s) _summaries = new SummaryWriter(s.FullPath, model, prompts);
        if (config.Prompts.StuckDetection is { } d) _stuck = new StuckCheck(d.FullPath, model, prompts);
    }

    /// <summary>Whether any check is configured (else the loop needs no pane text for them).</summary>
    public bool Enabled => _summaries is not null || _stuck is not null;

    /// <summary>Runs the checks due for <paramref name="look"/> and hands each input to <paramref name="inputs"/> (the
    /// application service: decided, appended, reacted on), stopping when <paramref name="stillHolds"/> says the branch's
    /// lease was lost meanwhile.</summary>
    public async Task HandleAsync(AgentLook look, IBranchInputs inputs, PaneTarget pane, Func<string, Task<bool>> stillHolds, CancellationToken ct)
    {
        foreach (var input in await RunAsync(look, ct).ConfigureAwait(false))
        {
            if (!await stillHolds(look.Task.Branch).ConfigureAwait(false)) return;
            await inputs.HandleAsync(look.Task.Branch, input, pane, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The inputs that follow this look: a summary, a stuck verdict, both or none.</summary>
    public async Task<IReadOnlyList<BranchInput>> RunAsync(AgentLook look, CancellationToken ct)
    {
        var turnFinished = _activity.TurnFinished(look.Task, look.Snapshot, look.Busy);
        if (!Enabled || !_activity.IsAgentPane(look.Task, look.Snapshot)) return [];
        var summaryDue = _summaries is not null && turnFinished && AgentCadence.SummaryDue(look.State, _policy, look.Now);
        var stuckDue = _stuck is not null && AgentCadence.StuckCheckDue(look.State, _policy, look.Now);
        if (!summaryDue && !stuckDue) return [];

        var snapshot = look.Snapshot.Text.Length > 0 ? look.Snapshot : await look.WithText().ConfigureAwait(false);
        var context = new DecisionContext(look.State, look.Task, snapshot.Tail(_config.HistoryLines), snapshot.CurrentCommand, look.Busy, _policy);
        var inputs = new List<BranchInput>();
        if (summaryDue)
        {
            var (summary, failure) = await _summaries!.AskAsync(context, ct).ConfigureAwait(false);
            if (summary is not null) inputs.Add(summary);
            else _log.LogWarning("{Branch}: summary failed ({Kind}): {Message}", look.Task.Branch, failure!.Kind, failure.Message);
        }
        if (stuckDue)
        {
            var evidence = _activity.ErrorLines(look.Task, snapshot);
            var (verdict, failure) = await _stuck!.AskAsync(context, evidence, "stuck-" + Guid.NewGuid().ToString("N")[..20], ct).ConfigureAwait(false);
            if (failure is not null) _log.LogWarning("{Branch}: stuck check failed ({Kind}): {Message}", look.Task.Branch, failure.Kind, failure.Message);
            inputs.Add(verdict);
        }
        return inputs;
    }
}
