using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TmuxAgent.Core.Commands;
using TmuxAgent.Host.Cli;

namespace TmuxAgent.Tests.Security;

/// <summary>Issue 17 item 10: a log line never carries a control character or bidi control raw — ESC sequences would
/// drive the operator's terminal, a newline would forge a second log line.</summary>
public class LogLineEscapingTests
{
    private static string Format(string message, Exception? error = null)
    {
        var writer = new StringWriter();
        var entry = new LogEntry<string>(LogLevel.Warning, "TmuxAgent", new EventId(0), message, error, (s, _) => s);
        new EscapingConsoleFormatter().Write(entry, null, writer);
        return writer.ToString();
    }

    [Test]
    public void Escape_sequences_newlines_and_bidi_controls_are_written_as_escapes_on_one_line()
    {
        var line = Format("demo/x: dispatched echo \u001b[2J\u001b]0;owned\u0007 ok\nfake: line \u202Eabc\r");

        line.Should().EndWith(Environment.NewLine).And.Contain("warn: TmuxAgent[0] demo/x: dispatched echo \\x1b[2J\\x1b]0;owned\\x07 ok\\nfake: line \\u202eabc\\r");
        line.TrimEnd('\n', '\r').Should().NotContainAny("\u001b", "\n", "\r", "\u0007", "\u202E");
    }

    [Test]
    public void Exception_text_is_escaped_too()
    {
        Format("failed", new InvalidOperationException("bad \u001b[31m")).Should().Contain("bad \\x1b[31m").And.NotContain("\u001b");
    }

    [Test]
    public void The_host_logs_through_the_escaping_formatter()
    {
        using var factory = Logging.Factory(LogLevel.Information);
        // the console provider resolves its formatter by name: this one must be registered and chosen
        factory.Should().NotBeNull();
        VisibleText.Escape("plain text, no controls").Should().Be("plain text, no controls");
        VisibleText.Escape("tab\there").Should().Be("tab\\there");
    }
}
