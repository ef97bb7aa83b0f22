using TmuxAgent.Core.Policy;

namespace TmuxAgent.Core.Branches;

/// <summary>
/// Quiet decisions: once the last recorded answer did nothing (<see cref="BranchState.QuietAnswer"/>), a branch is asked
/// again without recording the request, and an answer that repeats it is only counted (<see cref="QuietRun"/>), so an
/// idle branch does not append two events per cycle. Anything else — another answer, a command, a notification, a
/// failure — records the request and the answer in full, as before.
/// </summary>
public static partial class BranchDecider
{
    /// <summary>Whether the decision source is to be asked after a <see cref="Tick"/> that produced <paramref name="tickEvents"/>
    /// and left the branch in <paramref name="after"/>: a recorded <see cref="DecisionRequested"/>, or a quiet ask.</summary>
    public static bool AsksForDecision(BranchState after, IReadOnlyList<BranchEvent> tickEvents, OrchestratorPolicy policy, DateTimeOffset now) =>
        tickEvents.Any(e => e is DecisionRequested) || AsksQuietly(after, policy, now);

    /// <summary>A decision is due and the last recorded answer did nothing: ask without recording the request.</summary>
    private static bool AsksQuietly(BranchState s, OrchestratorPolicy policy, DateTimeOffset now) =>
        s.QuietAnswer is not null && !s.IsBlocked && !s.IsCompleted(policy.CompletionPhase) && ShouldAskForDecision(s, policy, now);

    /// <summary>The request <paramref name="decisionId"/> was asked quietly (its <see cref="DecisionRequested"/> is not in the stream).</summary>
    private static bool WasAskedQuietly(BranchState s, string decisionId) => s.QuietAnswer is not null && s.OpenDecisionId != decisionId;

    /// <summary>The answer does nothing and says what the last recorded one said.</summary>
    private static bool Repeats(BranchState s, Decision d) =>
        d.Commands.Count == 0 && string.IsNullOrEmpty(d.Notify) && (string.IsNullOrEmpty(d.Phase) || d.Phase == s.Phase)
        && QuietAnswers.KeyOf(d.Summary, d.Phase, d.Blockers ?? [], d.RequiresConfirmation) == s.QuietAnswer;

    /// <summary>A repeat: counted in the run, recorded once the run is <see cref="OrchestratorPolicy.QuietRecordSeconds"/> old.</summary>
    private static void CountRepeat(Facts f, ReceiveDecision d, OrchestratorPolicy policy)
    {
        var run = QuietRun.After(f.Unrecorded, d, [], f.Now)!;
        if ((f.Now - run.Since).TotalSeconds >= policy.QuietRecordSeconds) f.Add(run.ToEvent(f.Branch, f.Now));
    }

    /// <summary>A run whose first answer is <see cref="OrchestratorPolicy.QuietRecordSeconds"/> old is recorded at the next
    /// cycle, also when no answer follows (the branch got blocked, backs off, or waits for a human).</summary>
    private static void RecordRunIfDue(Facts f, OrchestratorPolicy policy)
    {
        if (f.Unrecorded is { } run && (f.Now - run.Since).TotalSeconds >= policy.QuietRecordSeconds) RecordRun(f);
    }

    /// <summary>Before a quietly asked request's answer or failure is recorded in full: the run so far, then the request,
    /// both at the time the request was made (<paramref name="askedAt"/>, never before the branch's last fact).</summary>
    private static void RecordQuietRequest(Facts f, string decisionId, DateTimeOffset askedAt)
    {
        var at = f.State.LastEventAt is { } last && askedAt < last ? last : askedAt;
        RecordRun(f, at);
        f.Add(new DecisionRequested(decisionId) { Branch = f.Branch, At = at });
    }

    /// <summary>The run not recorded yet, if any, as one <see cref="DecisionsRepeated"/>.</summary>
    private static void RecordRun(Facts f) => RecordRun(f, f.Now);

    private static void RecordRun(Facts f, DateTimeOffset at)
    {
        if (f.Unrecorded is { Count: > 0 } run) f.Add(run.ToEvent(f.Branch, at));
    }
}

/// <summary>What makes two no-op answers the same (<see cref="BranchState.QuietAnswer"/>).</summary>
public static class QuietAnswers
{
    /// <summary>A no-op answer's identity: summary, phase, blockers and the confirmation flag; null for an answer that
    /// does something (commands or a notification).</summary>
    public static string? Of(DecisionReceived d) =>
        d.Commands.Count == 0 && string.IsNullOrEmpty(d.Notify) ? KeyOf(d.Summary, d.Phase, d.Blockers, d.RequiresConfirmation) : null;

    /// <summary>The identity of an answer with these fields.</summary>
    public static string KeyOf(string? summary, string? phase, IReadOnlyList<string> blockers, bool requiresConfirmation) =>
        string.Join('\u001f', [summary is null ? "\u0000" : summary, phase ?? "\u0000", requiresConfirmation ? "1" : "0", .. blockers]);
}
