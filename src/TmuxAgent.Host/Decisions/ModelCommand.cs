using System.ComponentModel;
using TmuxAgent.Core.Branches;
using TmuxAgent.Config;
using TmuxAgent.Host.Processes;

namespace TmuxAgent.Host.Decisions;

/// <summary>
/// The model CLI of <c>[codex]</c> (<c>bin</c>, <c>extra_args</c>, <c>env</c>, <c>timeout</c>): a prompt on stdin, the
/// model's text back (<see cref="ModelOutput"/>), or a failure of one of <see cref="DecisionErrorKinds"/>. Decisions,
/// summaries and stuck checks all go through it.
/// </summary>
public sealed class ModelCommand(DecisionCommandConfig codex)
{
    /// <summary>Most stdout read from the model command (1 MiB; an answer is a few kilobytes). More is a
    /// <c>process_error</c>, read and dropped, never held in memory.</summary>
    public const int MaxOutputBytes = 1024 * 1024;

    /// <summary>The model's text for <paramref name="prompt"/>, or why there is none.</summary>
    public async Task<ModelAnswer> AskAsync(string prompt, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        ProcessResult r;
        try
        {
            r = await ProcessRunner.RunAsync(codex.Bin, codex.ExtraArgs, prompt, TimeSpan.FromSeconds(codex.TimeoutSeconds), codex.Env, ct, MaxOutputBytes).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Win32Exception or UnauthorizedAccessException)
        {
            return ModelAnswer.Failed(DecisionErrorKinds.ProcessError, $"cannot start {codex.Bin}: {e.Message}", DateTime.UtcNow - started);
        }

        if (r.TimedOut) return ModelAnswer.Failed(DecisionErrorKinds.Timeout, $"{codex.Bin} did not answer within {codex.TimeoutSeconds}s and was killed", r.Elapsed);
        if (r.StdOutOverflowed)
            return ModelAnswer.Failed(DecisionErrorKinds.ProcessError, $"{codex.Bin} printed more than {MaxOutputBytes} bytes on stdout; output ignored", r.Elapsed);
        if (r.ExitCode != 0)
            return ModelAnswer.Failed(DecisionErrorKinds.ProcessError, $"{codex.Bin} exited with status {r.ExitCode}: {Tail(r.StdErr)}", r.Elapsed);
        var (text, kind, message) = ModelOutput.Read(r.StdOut);
        return text is not null ? new ModelAnswer(text, null, null, r.Elapsed) : ModelAnswer.Failed(kind!, message!, r.Elapsed);
    }

    private static string Tail(string s) { s = s.Trim(); return s.Length > 300 ? "…" + s[^300..] : s; }
}

/// <summary>What the model command answered: <paramref name="Text"/>, or a failure <paramref name="Kind"/> (one of
/// <see cref="DecisionErrorKinds"/>) with <paramref name="Message"/>.</summary>
public sealed record ModelAnswer(string? Text, string? Kind, string? Message, TimeSpan Latency)
{
    /// <summary>A failure.</summary>
    public static ModelAnswer Failed(string kind, string message, TimeSpan latency) => new(null, kind, message, latency);

    /// <summary>The failure as a decision outcome.</summary>
    public DecisionFailure ToFailure() => new(Kind!, Message!, Latency);
}
