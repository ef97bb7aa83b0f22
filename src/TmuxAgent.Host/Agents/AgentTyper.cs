using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Config;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Tmux;

namespace TmuxAgent.Host.Agents;

/// <summary>
/// Types one command into an agent exactly once (docs/agents.md, "Delivery"): wait for the idle screen; paste the text
/// (bracketed paste from a named buffer, or literal keys), pause, Enter; confirm that the input box changed and the busy
/// line appeared (or the reply already came); press Enter once more only when the box still holds the text and the agent
/// is idle; never type the text again. No shell exit-status trailer is ever added.
/// </summary>
public sealed class AgentTyper(AgentTimings timings, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Types <paramref name="spec"/> into <paramref name="pane"/>, read with <paramref name="profile"/>.
    /// Throws <see cref="TmuxException"/> when tmux fails.</summary>
    public async Task<AgentSubmission> SubmitAsync(PaneTarget pane, AgentProfile profile, CommandSpec spec, CancellationToken ct = default)
    {
        var ready = await WaitForIdleAsync(pane, profile, ct).ConfigureAwait(false);
        if (ready is null) return AgentSubmission.NotTyped($"{profile.Name} not idle within {timings.Ready.TotalSeconds:0.#} s; nothing typed");
        if (spec.Text is null || !spec.Enter)
        {
            if (spec.Text is not null) await TypeAsync(pane, profile, spec.Text, ct).ConfigureAwait(false);
            await SendKeysAsync(pane, spec, ct).ConfigureAwait(false);
            return AgentSubmission.Confirmed(SubmissionConfirmations.KeysSent, 0);
        }

        await TypeAsync(pane, profile, spec.Text, ct).ConfigureAwait(false);
        await Task.Delay(profile.Pause, _time, ct).ConfigureAwait(false);
        var typed = profile.Read(await ScreenAsync(pane, ct).ConfigureAwait(false));
        if (!typed.IsIdle) return AgentSubmission.NotSubmitted($"{profile.Name} was not idle after the text was typed; Enter not pressed", 0);

        for (var presses = 1; presses <= 2; presses++)
        {
            await pane.Client.QueryAsync(["send-keys", "-t", pane.PaneId, "Enter"], ct).ConfigureAwait(false);
            var (how, idleWithText) = await ConfirmAsync(pane, profile, typed.InputLine, ct).ConfigureAwait(false);
            if (how is not null)
            {
                await SendKeysAsync(pane, spec, ct).ConfigureAwait(false);
                return AgentSubmission.Confirmed(how, presses);
            }
            if (!idleWithText) return AgentSubmission.NotSubmitted($"{profile.Name} neither submitted the text nor stayed idle; Enter not pressed again", presses);
        }
        return AgentSubmission.NotSubmitted("the input box still held the text after a second Enter", 2);
    }

    /// <summary>Watches the screen after Enter. The busy line confirms at once; an input box that changed while the agent
    /// stays idle confirms after a short grace (the reply came before a look saw the busy line). Otherwise tells whether the
    /// agent is idle with the text still in the box (only then may Enter be pressed again).</summary>
    private async Task<(string? How, bool IdleWithText)> ConfirmAsync(PaneTarget pane, AgentProfile profile, string? typedLine, CancellationToken ct)
    {
        var deadline = _time.GetUtcNow() + timings.Confirm;
        DateTimeOffset? boxChangedAt = null;
        var grace = TimeSpan.FromTicks(Math.Min(timings.Confirm.Ticks / 4, TimeSpan.FromSeconds(1).Ticks));
        AgentScreen screen;
        while (true)
        {
            screen = profile.Read(await ScreenAsync(pane, ct).ConfigureAwait(false));
            if (screen.Activity == AgentActivity.Busy) return (SubmissionConfirmations.BusyLine, false);
            var now = _time.GetUtcNow();
            if (screen.IsIdle && screen.InputLine != typedLine)
            {
                boxChangedAt ??= now;
                if (now - boxChangedAt >= grace) return (SubmissionConfirmations.ReplyStarted, false);
            }
            else boxChangedAt = null;
            if (now >= deadline) break;
            await Task.Delay(timings.Poll, _time, ct).ConfigureAwait(false);
        }
        return (boxChangedAt is null ? null : SubmissionConfirmations.ReplyStarted, screen.IsIdle && screen.InputLine == typedLine);
    }

    private async Task<AgentScreen?> WaitForIdleAsync(PaneTarget pane, AgentProfile profile, CancellationToken ct)
    {
        var deadline = _time.GetUtcNow() + timings.Ready;
        while (true)
        {
            var screen = profile.Read(await ScreenAsync(pane, ct).ConfigureAwait(false));
            if (screen.IsIdle) return screen;
            if (_time.GetUtcNow() >= deadline) return null;
            await Task.Delay(timings.Poll, _time, ct).ConfigureAwait(false);
        }
    }

    private static async Task TypeAsync(PaneTarget pane, AgentProfile profile, string text, CancellationToken ct)
    {
        if (profile.Submit == SubmitMethods.Keys)
        {
            await pane.Client.QueryAsync(["send-keys", "-t", pane.PaneId, "-l", "--", text], ct).ConfigureAwait(false);
            return;
        }
        // a named buffer, deleted by the paste (-d): nothing of the prompt stays in tmux, and no other buffer is touched
        var buffer = "tmuxagent-" + Guid.NewGuid().ToString("N")[..12];
        await pane.Client.QueryAsync(["load-buffer", "-b", buffer, "-"], text, ct).ConfigureAwait(false);
        await pane.Client.QueryAsync(["paste-buffer", "-p", "-d", "-b", buffer, "-t", pane.PaneId], ct).ConfigureAwait(false);
    }

    private static async Task SendKeysAsync(PaneTarget pane, CommandSpec spec, CancellationToken ct)
    {
        foreach (var key in spec.Keys)
            await pane.Client.QueryAsync(["send-keys", "-t", pane.PaneId, PaneTyper.MapKey(key, InputModes.CodexDialogue)], ct).ConfigureAwait(false);
    }

    /// <summary>The visible screen.</summary>
    public static Task<string> ScreenAsync(PaneTarget pane, CancellationToken ct = default) =>
        pane.Client.QueryAsync(["capture-pane", "-p", "-t", pane.PaneId], ct);
}
