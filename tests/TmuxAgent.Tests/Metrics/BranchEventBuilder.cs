using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;

namespace TmuxAgent.Tests.Metrics;

/// <summary>Events for one branch at a fixed clock, for metric specifications.</summary>
public sealed class BranchEventBuilder(string branch)
{
    public static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1763900000);
    private int _n;

    public string Branch => branch;


    public CommandQueued Queued(string id, string text = "npm test") =>
        new(id, "agent-x", CommandSpec.Of(text), QueueReasons.PaneBusy) { Branch = branch, At = Next() };

    public CommandDispatched Dispatched(string id, bool dryRun = false, bool fromQueue = false) =>
        new(id, "agent-x", CommandSpec.Of("npm test"), dryRun, fromQueue, false) { Branch = branch, At = Next() };

    public ConfirmationRequested Requested(string id, string text = "rm -rf build") =>
        new(id, "agent-x", CommandSpec.Of(text, "high"), "risk") { Branch = branch, At = Next() };

    public ConfirmationApproved Approved(string id, string text = "rm -rf build") =>
        new(id, text, "alice", "portal", null) { Branch = branch, At = Next() };

    public ConfirmationDenied Denied(string id, string text = "rm -rf build") =>
        new(id, text, "alice", "portal", null) { Branch = branch, At = Next() };

    public DecisionReceived Decision(double latencySeconds) =>
        new("d" + _n, "ok", [], false, null, [], null, latencySeconds, false) { Branch = branch, At = Next() };

    public DecisionFailed Failed(string kind) =>
        new("d" + _n, kind, "boom", 1, T0.AddMinutes(5), false) { Branch = branch, At = Next() };

    public CommandCompleted Completed(string id, int exit) => new(id, exit) { Branch = branch, At = Next() };

    public CommandDelivered Delivered(string id) => new(id) { Branch = branch, At = Next() };

    public CommandDeliveryFailed DeliveryFailed(string id) => new(id, "not seen") { Branch = branch, At = Next() };

    private DateTimeOffset Next() => T0.AddSeconds(++_n);
}
