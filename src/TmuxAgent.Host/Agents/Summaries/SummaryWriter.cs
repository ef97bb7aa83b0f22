using TmuxAgent.Core.Agents;
using TmuxAgent.Host.Decisions;

namespace TmuxAgent.Host.Agents.Summaries;

/// <summary><c>[prompts] summary</c>: renders the template for a branch (<c>{branch}</c>, <c>{session}</c>,
/// <c>{log_excerpt}</c>, <c>{metadata}</c> and every placeholder of the command prompt), asks the decision command,
/// and reads the summary from its answer.</summary>
public sealed class SummaryWriter(string templatePath, ModelCommand model, PromptBuilder prompts)
{
    /// <summary>The summary input for the branch, or a failure (kind, message).</summary>
    public async Task<(RecordSummary? Input, ModelAnswer? Failure)> AskAsync(DecisionContext context, CancellationToken ct)
    {
        string prompt;
        try { prompt = prompts.Render(await File.ReadAllTextAsync(templatePath, ct).ConfigureAwait(false), context); }
        catch (IOException e) { return (null, ModelAnswer.Failed(Core.Branches.DecisionErrorKinds.ProcessError, "cannot read the summary template: " + e.Message, TimeSpan.Zero)); }
        var answer = await model.AskAsync(prompt, ct).ConfigureAwait(false);
        if (answer.Text is null) return (null, answer);
        var (summary, kind, message) = SummaryReply.Read(answer.Text);
        return summary is { Length: > 0 } ? (new RecordSummary(summary), null) : (null, ModelAnswer.Failed(kind ?? Core.Branches.DecisionErrorKinds.EmptyOutput, message ?? "empty summary", answer.Latency));
    }
}
