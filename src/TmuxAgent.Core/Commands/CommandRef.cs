namespace TmuxAgent.Core.Commands;

/// <summary>A command the branch holds: queued, pending approval or in flight.</summary>
/// <param name="CommandId">Stable id (<c>cmd-…</c>), the id an approval names.</param>
/// <param name="Session">tmux session it is typed into.</param>
/// <param name="Spec">What to type.</param>
/// <param name="Since">When it entered its current place (queued, requested, dispatched).</param>
/// <param name="Approved">Whether a human approved it.</param>
/// <param name="Reason">For a pending command, why it waits for a human (<c>requires_confirmation</c>, <c>risk_level=high</c>,
/// <c>risk_level=unknown:…</c>, <c>policy: …</c>, <c>resend_undelivered</c>).</param>
public sealed record CommandRef(string CommandId, string Session, CommandSpec Spec, DateTimeOffset Since, bool Approved = false, string? Reason = null);
