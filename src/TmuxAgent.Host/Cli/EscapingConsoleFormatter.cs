using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using TmuxAgent.Core.Commands;

namespace TmuxAgent.Host.Cli;

/// <summary>
/// The simple console format on one line, UTC time stamp (<c>2026-01-01T00:00:00Z info: Category[0] message</c>), with every control
/// character and bidi control of the message and exception written as an escape (<see cref="VisibleText"/>): command
/// text from a model can hold ESC sequences or newlines, and a log line must neither drive the operator's terminal nor
/// forge a second line.
/// </summary>
public sealed class EscapingConsoleFormatter() : ConsoleFormatter(Name)
{
    /// <summary>The formatter's name in <see cref="ConsoleLoggerOptions.FormatterName"/>.</summary>
    public new const string Name = "escaped";

    /// <inheritdoc />
    public override void Write<TState>(in LogEntry<TState> entry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = entry.Formatter(entry.State, entry.Exception);
        if (message is null && entry.Exception is null) return;
        textWriter.Write(DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ ", System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write(Level(entry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(entry.Category);
        textWriter.Write('[');
        textWriter.Write(entry.EventId.Id);
        textWriter.Write("] ");
        textWriter.Write(VisibleText.Escape(message));
        if (entry.Exception is { } e)
        {
            textWriter.Write(' ');
            textWriter.Write(VisibleText.Escape(e.ToString()));
        }
        textWriter.Write(Environment.NewLine);
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
