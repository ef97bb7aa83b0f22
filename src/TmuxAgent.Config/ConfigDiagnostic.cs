namespace TmuxAgent.Config;

/// <summary>A finding about a configuration file: an error (the file cannot be used) or a warning.</summary>
/// <param name="Location">Where, as <c>file:line:col</c>.</param>
/// <param name="Key">The key concerned (dotted, e.g. <c>codex.timeout</c>), or empty for a syntax error.</param>
/// <param name="Message">What is wrong, e.g. <c>expected an integer, got "two"</c>.</param>
/// <param name="IsError">True for errors, false for warnings.</param>
public sealed record ConfigDiagnostic(SourceLocation Location, string Key, string Message, bool IsError)
{
    /// <summary><c>file:line:col: key: message</c>.</summary>
    public override string ToString() => string.IsNullOrEmpty(Key) ? $"{Location}: {Message}" : $"{Location}: {Key}: {Message}";
}

/// <summary>A configuration file that cannot be used; <see cref="Errors"/> names file, line and key of each problem.</summary>
public sealed class ConfigException(IReadOnlyList<ConfigDiagnostic> errors, IReadOnlyList<ConfigDiagnostic>? warnings = null)
    : Exception(string.Join(Environment.NewLine, errors))
{
    /// <summary>The errors (at least one).</summary>
    public IReadOnlyList<ConfigDiagnostic> Errors { get; } = errors;

    /// <summary>Warnings found before giving up.</summary>
    public IReadOnlyList<ConfigDiagnostic> Warnings { get; } = warnings ?? [];

    /// <summary>One error.</summary>
    public static ConfigException At(SourceLocation where, string key, string message) => new([new ConfigDiagnostic(where, key, message, true)]);
}
