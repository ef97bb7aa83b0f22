using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;

namespace TmuxAgent.Host.Cli;

/// <summary>Log output: one line per message on stderr (stdout stays for reports), control characters escaped.</summary>
public static class Logging
{
    /// <summary>Configures <paramref name="builder"/> for <paramref name="level"/>.</summary>
    public static void Configure(ILoggingBuilder builder, LogLevel level)
    {
        builder.ClearProviders();
        builder.SetMinimumLevel(level);
        builder.AddFilter("Microsoft", level > LogLevel.Warning ? level : LogLevel.Warning);
        builder.AddConsole(o => o.FormatterName = EscapingConsoleFormatter.Name);
        builder.Services.AddSingleton<ConsoleFormatter, EscapingConsoleFormatter>();
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }

    /// <summary>A standalone factory (for <c>--once</c>, <c>--check-config</c> and tests).</summary>
    public static ILoggerFactory Factory(LogLevel level) => LoggerFactory.Create(b => Configure(b, level));
}
