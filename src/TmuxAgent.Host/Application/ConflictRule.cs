using TmuxAgent.Core.Branches;

namespace TmuxAgent.Host.Application;

/// <summary>
/// Which inputs are decided again on the reloaded branch when another writer appended first. A human's answer, a
/// delivery receipt, an exit status and the task entry stay true whatever else the branch recorded meanwhile, so they
/// are retried (an approval is never lost). A cycle's tick and a decision's answer were made from a pane and a state that
/// are now out of date: they are dropped, and the next cycle looks again (only the host whose append succeeded acts).
/// </summary>
public static class ConflictRule
{
    /// <summary>How often an input that is decided again is tried before the conflict is reported.</summary>
    public const int Attempts = 20;

    /// <summary>How often <paramref name="input"/> is tried in all.</summary>
    public static int AttemptsFor(BranchInput input) => input switch
    {
        Approve or Deny or ReportDelivery or ReportSubmission or ReportCompletion or PlanTask => Attempts,
        _ => 1,
    };
}
