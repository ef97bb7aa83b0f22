using TmuxAgent.Core.Branches;
using TmuxAgent.Config;

namespace TmuxAgent.Host.Decisions;

/// <summary>The model CLI of <c>[codex]</c> as the decision source: the rendered prompt through <see cref="ModelCommand"/>,
/// one JSON object expected in its answer (<see cref="DecisionJson"/>).</summary>
public sealed class ExternalCommandSource(DecisionCommandConfig command, PromptBuilder prompts) : IDecisionSource
{
    /// <summary>Most stdout read from the model command (see <see cref="ModelCommand.MaxOutputBytes"/>).</summary>
    public const int MaxOutputBytes = ModelCommand.MaxOutputBytes;

    private readonly ModelCommand _model = new(command);

    /// <inheritdoc />
    public async Task<DecisionOutcome> DecideAsync(DecisionContext context, CancellationToken ct)
    {
        string prompt;
        try { prompt = prompts.Build(context); }
        catch (IOException e) { return new DecisionFailure(DecisionErrorKinds.ProcessError, "cannot read the prompt template: " + e.Message, TimeSpan.Zero); }

        var answer = await _model.AskAsync(prompt, ct).ConfigureAwait(false);
        if (answer.Text is null) return answer.ToFailure();
        var (decision, kind, message) = DecisionJson.ParseText(answer.Text);
        return decision is not null ? new DecisionAnswered(decision, answer.Latency) : new DecisionFailure(kind!, message!, answer.Latency);
    }
}
