using TmuxAgent.Core.Branches;

namespace TmuxAgent.Host.Agents;

/// <summary>What typing one command into an agent came to: submitted (with how that was seen) or not, whether the text
/// reached the input box, and how many times Enter was pressed.</summary>
public sealed record AgentSubmission(string? Confirmation, int EnterPresses, bool Typed, string? Reason)
{
    /// <summary>Submitted, confirmed by <paramref name="how"/> (one of <see cref="SubmissionConfirmations"/>).</summary>
    public static AgentSubmission Confirmed(string how, int enterPresses) => new(how, enterPresses, true, null);

    /// <summary>Nothing typed (the agent never became idle).</summary>
    public static AgentSubmission NotTyped(string reason) => new(null, 0, false, reason);

    /// <summary>Typed, but Enter was not taken.</summary>
    public static AgentSubmission NotSubmitted(string reason, int enterPresses) => new(null, enterPresses, true, reason);

    /// <summary>The receipt for Core.</summary>
    public ReportSubmission ToReport(string commandId, string agent) => new(commandId, agent, Confirmation, EnterPresses, Typed, Reason);
}
