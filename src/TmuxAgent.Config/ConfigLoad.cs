namespace TmuxAgent.Config;

/// <summary>A loaded configuration with its warnings and the referenced files that do not exist
/// (warnings under <c>--check-config</c>, errors when the daemon starts).</summary>
public sealed record ConfigLoad<T>(T Config, IReadOnlyList<ConfigDiagnostic> Warnings, IReadOnlyList<ConfigDiagnostic> MissingFiles);
