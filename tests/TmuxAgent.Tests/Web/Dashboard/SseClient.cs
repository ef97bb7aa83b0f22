using System.Text;

namespace TmuxAgent.Tests.Web.Dashboard;

/// <summary>One Server-Sent Events message.</summary>
public sealed record SseMessage(string? Id, string Event, string Data);

/// <summary>A plain SSE client over HttpClient: reads messages as the server flushes them (no browser involved).</summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseClient(HttpResponseMessage response, StreamReader reader) => (_response, _reader) = (response, reader);

    public System.Net.HttpStatusCode Status => _response.StatusCode;

    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    /// <summary>GET <paramref name="url"/>, sending <c>Last-Event-ID</c> when given (as a browser does on reconnect).</summary>
    public static async Task<SseClient> OpenAsync(HttpClient http, Uri url, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new SseClient(response, new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8));
    }

    /// <summary>The next message (comments skipped), or null when none came within <paramref name="seconds"/>.</summary>
    public async Task<SseMessage?> NextAsync(double seconds = 15)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        string? id = null, name = null;
        var data = new StringBuilder();
        try
        {
            while (await _reader.ReadLineAsync(cts.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Length == 0 && id is null && name is null) continue;
                    return new SseMessage(id, name ?? "message", data.ToString());
                }
                if (line.StartsWith(':')) continue;
                var colon = line.IndexOf(':');
                var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
                switch (field)
                {
                    case "id": id = value; break;
                    case "event": name = value; break;
                    case "data": data.Append(data.Length > 0 ? "\n" : "").Append(value); break;
                }
            }
        }
        catch (OperationCanceledException) { }
        return null;
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
