using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Branches;
using TmuxAgent.Host.Decisions;

namespace TmuxAgent.Host.Agents.StuckDetection;

/// <summary>
/// <c>[prompts] stuck_detection</c>: renders the template for an agent pane (the command prompt's placeholders, with the
/// screen's model error lines in <c>{agent_errors}</c> and in <c>{metadata}</c> as <c>agent_errors</c>), asks the decision
/// command and validates its verdict. A failed check is recorded as not stuck with reason <c>model_error:KIND</c>, as the
/// original does, so a failing model is not asked again before the next interval.
/// </summary>
public sealed class StuckCheck(string templatePath, ModelCommand model, PromptBuilder prompts)
{
    /// <summary>The verdict as a branch input, and the failure when the model did not give one.</summary>
    public async Task<(ReportStuck Input, ModelAnswer? Failure)> AskAsync(DecisionContext context, IReadOnlyList<string> evidence, string checkId, CancellationToken ct)
    {
        var pane = new PaneObservation(context.PaneBusy);
        string prompt;
        try { prompt = prompts.Render(await File.ReadAllTextAsync(templatePath, ct).ConfigureAwait(false), context, evidence); }
        catch (IOException e)
        {
            var failure = ModelAnswer.Failed(DecisionErrorKinds.ProcessError, "cannot read the stuck detection template: " + e.Message, TimeSpan.Zero);
            return (Failed(checkId, failure, evidence, pane), failure);
        }
        var answer = await model.AskAsync(prompt, ct).ConfigureAwait(false);
        if (answer.Text is null) return (Failed(checkId, answer, evidence, pane), answer);
        var (verdict, kind, message) = StuckReply.Read(answer.Text);
        if (verdict is null)
        {
            var failure = ModelAnswer.Failed(kind!, message!, answer.Latency);
            return (Failed(checkId, failure, evidence, pane), failure);
        }
        return (new ReportStuck(checkId, verdict.Stuck, verdict.Reason, verdict.Suggestion, evidence, pane), null);
    }

    private static ReportStuck Failed(string checkId, ModelAnswer failure, IReadOnlyList<string> evidence, PaneObservation pane) =>
        new(checkId, false, "model_error:" + failure.Kind, null, evidence, pane);
}
