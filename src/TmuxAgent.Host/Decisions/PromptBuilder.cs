using System.Text.Encodings.Web;
using System.Text.Json;
using TmuxAgent.Core.Branches;
using TmuxAgent.Config;
using TmuxAgent.Host.Agents.Delegation;

namespace TmuxAgent.Host.Decisions;

/// <summary>Renders the decision prompt for a branch from <c>[prompts] command</c> (or the built-in template; in delegate mode
/// the delegate template, see <see cref="DelegateTemplate"/>) and <c>[phase_prompts]</c>; and the agent checks' templates.</summary>
public sealed class PromptBuilder(OrchestratorConfig config)
{
    /// <summary><c>{metadata}</c> keeps non-ASCII text readable (branch names, agent error lines), as the original's
    /// <c>json.dumps(…, ensure_ascii=False)</c>.</summary>
    private static readonly HostJsonContext Readable = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The prompt for <paramref name="c"/>.</summary>
    public string Build(DecisionContext c)
    {
        var template = DelegateTemplate.PathFor(config) is { } d ? File.ReadAllText(d)
            : config.Prompts.Command is { } p ? File.ReadAllText(p.FullPath) : PromptTemplate.Default;
        var values = Values(c);
        if (config.PhasePrompts.TryGetValue(c.State.Phase, out var phaseRef) && File.Exists(phaseRef.FullPath))
        {
            values["phase_prompt"] = PromptTemplate.Render(File.ReadAllText(phaseRef.FullPath), values);
            if (!template.Contains("{phase_prompt}", StringComparison.Ordinal)) template += "\n{phase_prompt}\n";
        }
        return PromptTemplate.Render(template, values);
    }

    /// <summary><paramref name="template"/> (a summary or stuck detection template) filled in for <paramref name="c"/>;
    /// <paramref name="agentErrors"/> (model error lines on the screen) fill <c>{agent_errors}</c> and join <c>{metadata}</c>.</summary>
    public string Render(string template, DecisionContext c, IReadOnlyList<string>? agentErrors = null) =>
        PromptTemplate.Render(template, Values(c, agentErrors));

    /// <summary>Every placeholder value (see docs/configuration.md for the list).</summary>
    public Dictionary<string, string> Values(DecisionContext c, IReadOnlyList<string>? agentErrors = null)
    {
        var s = c.State;
        var status = s.IsBlocked ? "blocked on " + string.Join(", ", s.WaitingOn)
            : c.PaneBusy ? "busy" : "idle";
        var metadata = JsonSerializer.Serialize(new PromptMetadata(s.Branch, s.Phase, s.Queue.Count, s.Pending.Count, s.Running.Count,
            s.ConsecutiveFailures, c.PaneCommand, s.ReportedBlockers, s.Counters.Dispatched, s.Counters.Failures, agentErrors), Readable.PromptMetadata);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["branch"] = s.Branch,
            ["title"] = c.Task.Title ?? "",
            ["session"] = c.Task.SessionName,
            ["phase"] = s.Phase,
            ["phases"] = string.Join(", ", c.Task.Phases),
            ["completion_phase"] = c.Policy.CompletionPhase,
            ["status"] = status,
            ["depends_on"] = c.Task.DependsOn.Count == 0 ? "(none)" : string.Join(", ", c.Task.DependsOn),
            ["responsible"] = c.Task.Responsible ?? "",
            ["tags"] = string.Join(", ", c.Task.Tags),
            ["last_command"] = s.LastCommand ?? "",
            ["last_summary"] = s.LastSummary ?? "",
            ["blockers"] = string.Join(", ", s.ReportedBlockers),
            ["metadata"] = metadata,
            ["history_lines"] = config.HistoryLines.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["log_excerpt"] = c.PaneExcerpt,
            ["pane_command"] = c.PaneCommand,
            ["phase_prompt"] = "",
            ["agent_errors"] = agentErrors is { Count: > 0 } ? string.Join('\n', agentErrors) : "(none)",
        };
    }
}
