using Microsoft.Extensions.Logging;

namespace TmuxAgent.Tests.Reliability;

/// <summary>A logger that keeps what was logged at information level and above.</summary>
public sealed class ListLogger : ILogger
{
    public List<string> Errors { get; } = [];
    public List<string> Warnings { get; } = [];
    public List<string> Infos { get; } = [];
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Error) Errors.Add(formatter(state, exception));
        else if (logLevel == LogLevel.Warning) Warnings.Add(formatter(state, exception));
        else if (logLevel == LogLevel.Information) Infos.Add(formatter(state, exception));
    }
}
