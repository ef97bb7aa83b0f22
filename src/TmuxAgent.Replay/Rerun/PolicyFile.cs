using System.Globalization;
using Tomlyn.Parsing;
using Tomlyn.Syntax;
using TmuxAgent.Core.Policy;

namespace TmuxAgent.Replay.Rerun;

/// <summary>
/// Reads the policy keys of <c>.tmuxagent/orchestrator.toml</c> (FORMATS.md) into an <see cref="OrchestratorPolicy"/>.
/// Integer literals are accepted for float keys; other keys and tables are left to the host's loader.
/// Errors name the file, line, column and key: <c>orchestrator.toml:12:24: max_commands_per_cycle: expected an integer, got "two"</c>.
/// </summary>
internal static class PolicyFile
{
    private enum Kind { Float, Integer, String, Boolean }

    private static readonly Dictionary<string, (Kind Kind, Func<OrchestratorPolicy, object, OrchestratorPolicy>? Set)> Keys = new(StringComparer.Ordinal)
    {
        ["poll_interval"] = (Kind.Float, (p, v) => p with { PollIntervalSeconds = (double)v }),
        ["cooldown_seconds"] = (Kind.Float, (p, v) => p with { CooldownSeconds = (double)v }),
        ["max_commands_per_cycle"] = (Kind.Integer, (p, v) => p with { MaxCommandsPerCycle = (int)(long)v }),
        ["session_cooldown_seconds"] = (Kind.Float, (p, v) => p with { SessionCooldownSeconds = (double)v }),
        ["default_phase"] = (Kind.String, (p, v) => p with { DefaultPhase = (string)v }),
        ["completion_phase"] = (Kind.String, (p, v) => p with { CompletionPhase = (string)v }),
        ["dry_run"] = (Kind.Boolean, (p, v) => p with { DryRun = (bool)v }),
        ["stall_timeout_seconds"] = (Kind.Float, (p, v) => p with { StallTimeoutSeconds = (double)v }),
        ["stall_retries_before_notify"] = (Kind.Integer, (p, v) => p with { StallRetriesBeforeNotify = (int)(long)v }),
        ["failure_alert_threshold"] = (Kind.Integer, (p, v) => p with { FailureAlertThreshold = (int)(long)v }),
        // Keys of the original that Decide does not use: checked, not applied.
        ["history_lines"] = (Kind.Integer, null),
        ["notify_only_on_confirmation"] = (Kind.Boolean, null),
        ["metrics_port"] = (Kind.Integer, null),
        ["metrics_host"] = (Kind.String, null),
        ["command_timeout_seconds"] = (Kind.Float, null),
        ["delegate_to_codex"] = (Kind.Boolean, null),
    };

    /// <summary>The policy in the file at <paramref name="path"/>, on top of the original's defaults.</summary>
    /// <exception cref="PolicyFileException">The file is missing, not TOML, or a policy key has the wrong type.</exception>
    public static OrchestratorPolicy Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception x) when (x is IOException or UnauthorizedAccessException) { throw new PolicyFileException($"{path}: {x.Message}"); }
        return Parse(text, path);
    }

    /// <summary>The policy in <paramref name="text"/>; <paramref name="path"/> names the file in errors.</summary>
    public static OrchestratorPolicy Parse(string text, string path)
    {
        var doc = SyntaxParser.Parse(text, path);
        if (doc.HasErrors)
        {
            var e = doc.Diagnostics.First(d => d.Kind == DiagnosticMessageKind.Error);
            throw new PolicyFileException($"{At(path, e.Span)}: {e.Message}");
        }
        var policy = OrchestratorPolicy.Default;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kv in doc.KeyValues)
        {
            if (kv.Key is null || kv.Value is null || kv.Key.DotKeys.ChildrenCount > 0) continue;
            var name = KeyName(kv.Key.Key);
            if (name is null || !Keys.TryGetValue(name, out var key)) continue;
            if (!seen.Add(name)) throw new PolicyFileException($"{At(path, kv.Span)}: {name}: defined twice");
            var value = Convert(kv.Value, key.Kind) ?? throw new PolicyFileException(
                $"{At(path, kv.Value.Span)}: {name}: expected {Expected(key.Kind)}, got {Found(kv.Value)}");
            if (key.Kind == Kind.Integer && (long)value is < int.MinValue or > int.MaxValue)
                throw new PolicyFileException($"{At(path, kv.Value.Span)}: {name}: {value} is out of range");
            if (key.Set is not null) policy = key.Set(policy, value);
        }
        return policy;
    }

    private static string? KeyName(BareKeyOrStringValueSyntax? key) => key switch
    {
        BareKeySyntax b => b.Key?.Text,
        StringValueSyntax s => s.Value,
        _ => null,
    };

    private static object? Convert(ValueSyntax v, Kind kind) => (kind, v) switch
    {
        (Kind.Float, FloatValueSyntax f) => f.Value,
        (Kind.Float, IntegerValueSyntax i) => (double)i.Value,
        (Kind.Integer, IntegerValueSyntax i) => i.Value,
        (Kind.String, StringValueSyntax s) => s.Value,
        (Kind.Boolean, BooleanValueSyntax b) => b.Value,
        _ => null,
    };

    private static string Expected(Kind k) => k switch
    {
        Kind.Float => "a number",
        Kind.Integer => "an integer",
        Kind.String => "a string",
        _ => "true or false",
    };

    private static string Found(ValueSyntax v) => v switch
    {
        StringValueSyntax s => $"\"{s.Value}\"",
        FloatValueSyntax f => f.Value.ToString(CultureInfo.InvariantCulture),
        IntegerValueSyntax i => i.Value.ToString(CultureInfo.InvariantCulture),
        BooleanValueSyntax b => b.Value ? "true" : "false",
        ArraySyntax => "an array",
        InlineTableSyntax => "a table",
        _ => v.ToString()?.Trim() ?? "?",
    };

    private static string At(string path, SourceSpan span) => $"{path}:{span.Start.Line + 1}:{span.Start.Column + 1}";
}

/// <summary>A policy file that cannot be used (exit code 2); the message names file, line and key.</summary>
internal sealed class PolicyFileException(string message) : Exception(message);
