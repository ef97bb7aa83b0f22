using System.ComponentModel;
using TmuxAgent.Core.Branches;
using TmuxAgent.Config;
using TmuxAgent.Host.Processes;

namespace TmuxAgent.Host.Decisions;

/// <summary>The model CLI of <c>[codex]</c>: prompt on stdin, one JSON object expected on stdout, killed (with its children) on timeout.</summary>
public sealed class ExternalCommandSource(DecisionCommandConfig command, PromptBuilder prompts) : IDecisionSource
{
    /// <summary>Most stdout read from the model command (1 MiB; a decision is a few kilobytes). More is a
    /// <c>process_error</c>, read and dropped, never held in memory.</summary>
    public const int MaxOutputBytes = 1024 * 1024;

    /// <inheritdoc />
    public async Task<DecisionOutcome> DecideAsync(DecisionContext context, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        string prompt;
        try { prompt = prompts.Build(context); }
        catch (IOException e) { return new DecisionFailure(DecisionErrorKinds.ProcessError, "cannot read the prompt template: " + e.Message, TimeSpan.Zero); }

        ProcessResult r;
        try
        {
            r = await ProcessRunner.RunAsync(command.Bin, command.ExtraArgs, prompt, TimeSpan.FromSeconds(command.TimeoutSeconds), command.Env, ct, MaxOutputBytes).ConfigureAwait(false);
        }
        catch (Win32Exception e) { return new DecisionFailure(DecisionErrorKinds.ProcessError, $"cannot start {command.Bin}: {e.Message}", DateTime.UtcNow - started); }
        catch (UnauthorizedAccessException e) { return new DecisionFailure(DecisionErrorKinds.ProcessError, $"cannot start {command.Bin}: {e.Message}", DateTime.UtcNow - started); }

        if (r.TimedOut) return new DecisionFailure(DecisionErrorKinds.Timeout, $"{command.Bin} did not answer within {command.TimeoutSeconds}s and was killed", r.Elapsed);
        if (r.StdOutOverflowed)
            return new DecisionFailure(DecisionErrorKinds.ProcessError, $"{command.Bin} printed more than {MaxOutputBytes} bytes on stdout; output ignored", r.Elapsed);
        if (r.ExitCode != 0)
            return new DecisionFailure(DecisionErrorKinds.ProcessError, $"{command.Bin} exited with status {r.ExitCode}: {Tail(r.StdErr)}", r.Elapsed);
        var (decision, kind, message) = DecisionJson.Parse(r.StdOut);
        return decision is not null ? new DecisionAnswered(decision, r.Elapsed) : new DecisionFailure(kind!, message!, r.Elapsed);
    }

    private static string Tail(string s) { s = s.Trim(); return s.Length > 300 ? "…" + s[^300..] : s; }
}
