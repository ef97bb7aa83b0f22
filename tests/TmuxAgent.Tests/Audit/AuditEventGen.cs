using CsCheck;
using TmuxAgent.Core.Agents;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Tasks;

namespace TmuxAgent.Tests.Audit;

/// <summary>CsCheck generators of every branch event type, with awkward text (quotes, escapes, CJK, newlines).</summary>
internal static class AuditEventGen
{
    private static readonly Gen<string> Text = Gen.String[Gen.Char["abc xyz-_/.\"\\\n\t修复完成é{}[]:,"], 0, 16];
    private static readonly Gen<string> Name = Gen.String[Gen.Char["abcdefgh/-"], 1, 12];
    private static readonly Gen<string?> MaybeText = Gen.Frequency((3, Text.Select(s => (string?)s)), (1, Gen.Const((string?)null)));
    private static readonly Gen<string> Risk = Gen.OneOf("low", "medium", "high", "critical");
    private static readonly Gen<DateTimeOffset> At = Gen.Long[DateTimeOffset.UnixEpoch.UtcTicks, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks]
        .Select(t => new DateTimeOffset(t, TimeSpan.Zero));
    private static readonly Gen<IReadOnlyList<string>> Strings = Text.List[0, 3].Select(l => (IReadOnlyList<string>)l);

    public static readonly Gen<CommandSpec> Spec =
        Gen.Select(MaybeText, Gen.OneOf("Escape", "C-c", "Enter").List[0, 2], Gen.Bool, Risk,
                Gen.OneOf(InputModes.Shell, InputModes.CodexDialogue), MaybeText, MaybeText)
            .Select((text, keys, enter, risk, mode, cwd, notes) => new CommandSpec(text, keys, enter, risk, mode, cwd, notes));

    private static readonly Gen<TaskPlan> Plan =
        Gen.Select(Name, MaybeText, Strings, Strings, MaybeText, MaybeText)
            .Select((b, title, phases, deps, resp, session) => new TaskPlan(b, title, phases, deps, resp, [], session));

    private static readonly Gen<string> Id = Gen.String[Gen.Char["0123456789abcdef"], 4, 12].Select(s => "cmd-" + s);

    private static Gen<BranchEvent> Of(Gen<Func<string, DateTimeOffset, BranchEvent>> body) =>
        Gen.Select(body, Name, At).Select((f, b, at) => f(b, at));

    public static readonly Gen<BranchEvent> Event = Gen.OneOf(
        Of(Gen.Select(Plan, Text).Select<TaskPlan, string, Func<string, DateTimeOffset, BranchEvent>>((p, ph) => (b, at) => new TaskPlanned(p, ph) { Branch = b, At = at })),
        Of(Plan.Select<TaskPlan, Func<string, DateTimeOffset, BranchEvent>>(p => (b, at) => new TaskChanged(p) { Branch = b, At = at })),
        Of(Text.Select<string, Func<string, DateTimeOffset, BranchEvent>>(d => (b, at) => new DecisionRequested(d) { Branch = b, At = at })),
        Of(Gen.Select(Text, MaybeText, Spec.List[0, 3], Gen.Bool, MaybeText, Strings, MaybeText, Gen.Double[0, 100])
            .Select<string, string?, List<CommandSpec>, bool, string?, IReadOnlyList<string>, string?, double, Func<string, DateTimeOffset, BranchEvent>>(
                (d, s, c, rc, ph, bl, n, lat) => (b, at) => new DecisionReceived(d, s, c, rc, ph, bl, n, lat, rc) { Branch = b, At = at })),
        Of(Gen.Select(Text, Text, Gen.Int[0, 9], At, Gen.Bool)
            .Select<string, string, int, DateTimeOffset, bool, Func<string, DateTimeOffset, BranchEvent>>(
                (d, m, n, retry, notify) => (b, at) => new DecisionFailed(d, "timeout", m, n, retry, notify) { Branch = b, At = at })),
        Of(Gen.Select(Id, Text, Spec, Gen.OneOf(QueueReasons.PaneBusy, QueueReasons.Approved))
            .Select<string, string, CommandSpec, string, Func<string, DateTimeOffset, BranchEvent>>((id, s, spec, r) => (b, at) => new CommandQueued(id, s, spec, r) { Branch = b, At = at })),
        Of(Gen.Select(Id, Text, Spec, Gen.Bool, Gen.Bool, Gen.Bool)
            .Select<string, string, CommandSpec, bool, bool, bool, Func<string, DateTimeOffset, BranchEvent>>(
                (id, s, spec, dry, q, ok) => (b, at) => new CommandDispatched(id, s, spec, dry, q, ok) { Branch = b, At = at })),
        Of(Id.Select<string, Func<string, DateTimeOffset, BranchEvent>>(id => (b, at) => new CommandDelivered(id) { Branch = b, At = at })),
        Of(Gen.Select(Id, Text).Select<string, string, Func<string, DateTimeOffset, BranchEvent>>((id, r) => (b, at) => new CommandDeliveryFailed(id, r) { Branch = b, At = at })),
        Of(Gen.Select(Id, Gen.Int[-1, 255]).Select<string, int, Func<string, DateTimeOffset, BranchEvent>>((id, x) => (b, at) => new CommandCompleted(id, x) { Branch = b, At = at })),
        Of(Gen.Select(Id, Spec, Text).Select<string, CommandSpec, string, Func<string, DateTimeOffset, BranchEvent>>((id, spec, r) => (b, at) => new CommandDropped(id, spec, r) { Branch = b, At = at })),
        Of(Gen.Select(Id, Text, Spec, Text)
            .Select<string, string, CommandSpec, string, Func<string, DateTimeOffset, BranchEvent>>((id, s, spec, r) => (b, at) => new ConfirmationRequested(id, s, spec, r) { Branch = b, At = at })),
        Of(Gen.Select(Id, Text, Text, Text, MaybeText)
            .Select<string, string, string, string, string?, Func<string, DateTimeOffset, BranchEvent>>((id, t, w, c, x) => (b, at) => new ConfirmationApproved(id, t, w, c, x) { Branch = b, At = at })),
        Of(Gen.Select(Id, Text, Text, Text, MaybeText)
            .Select<string, string, string, string, string?, Func<string, DateTimeOffset, BranchEvent>>((id, t, w, c, x) => (b, at) => new ConfirmationDenied(id, t, w, c, x) { Branch = b, At = at })),
        Of(Strings.Select<IReadOnlyList<string>, Func<string, DateTimeOffset, BranchEvent>>(w => (b, at) => new BranchBlocked(w) { Branch = b, At = at })),
        Of(Text.Select<string, Func<string, DateTimeOffset, BranchEvent>>(r => (b, at) => new BranchUnblocked(r) { Branch = b, At = at })),
        Of(Gen.Select(Text, Text).Select<string, string, Func<string, DateTimeOffset, BranchEvent>>((f, t) => (b, at) => new PhaseChanged(f, t) { Branch = b, At = at })),
        Of(Gen.Select(Id, Gen.Int[1, 5], Gen.Bool).Select<string, int, bool, Func<string, DateTimeOffset, BranchEvent>>((id, n, x) => (b, at) => new StallDetected(id, n, x) { Branch = b, At = at })),
        Of(Text.Select<string, Func<string, DateTimeOffset, BranchEvent>>(t => (b, at) => new SummaryRecorded(t) { Branch = b, At = at })),
        Of(Gen.Select(Id, Gen.Bool, Text, MaybeText, Strings, Gen.Bool)
            .Select<string, bool, string, string?, IReadOnlyList<string>, bool, Func<string, DateTimeOffset, BranchEvent>>(
                (id, stuck, r, s, ev, n) => (b, at) => new StuckChecked(id, stuck, r, s, ev, n) { Branch = b, At = at })),
        Of(Gen.Select(Id, Spec.List[0, 3]).Select<string, List<CommandSpec>, Func<string, DateTimeOffset, BranchEvent>>((id, c) => (b, at) => new DelegateSuggested(id, c) { Branch = b, At = at })));
}
