namespace TmuxAgent.Core.Branches;

/// <summary>How a prompt typed into a coding agent ended, as counted in <see cref="BranchCounters.AgentSubmissions"/>:
/// one of <see cref="SubmissionConfirmations"/> when it was submitted, otherwise one of the values here.</summary>
public static class AgentSubmissionResults
{
    /// <summary>Typed, but two Enters did not submit it.</summary>
    public const string NotSubmitted = "not_submitted";
    /// <summary>Nothing typed: the agent did not become idle; the command waits in the queue again.</summary>
    public const string NotTyped = "not_typed";

    /// <summary>The agent and result an agent's receipt counts under; null for any other event (a shell's delivery, …).</summary>
    public static (string Agent, string Result)? Of(BranchEvent e) => e switch
    {
        CommandDelivered { Agent: { } agent, Confirmation: { } how } => (agent, how),
        CommandNotSubmitted n => (n.Agent, n.Typed ? NotSubmitted : NotTyped),
        _ => null,
    };
}
