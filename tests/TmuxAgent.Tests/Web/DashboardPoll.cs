using System.Text.Json.Nodes;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Web;

/// <summary>Polls a running daemon's dashboard API.</summary>
public static class DashboardPoll
{
    /// <summary>The id of the first pending command of the first branch on the dashboard at <paramref name="port"/>,
    /// once there is one; null after <paramref name="seconds"/> (the daemon may still be starting: refused connections
    /// are retried).</summary>
    public static async Task<string?> FirstPendingIdAsync(HttpClient http, int port, double seconds = 40)
    {
        string? id = null;
        await TmuxServer.WaitFor(() =>
        {
            try
            {
                var b = JsonNode.Parse(http.GetStringAsync($"http://127.0.0.1:{port}/api/orchestrator").GetAwaiter().GetResult())!["branches"]![0]!;
                id = (string?)b["pending"]!.AsArray().FirstOrDefault()?["id"];
            }
            catch (HttpRequestException) { }
            return id is not null;
        }, seconds);
        return id;
    }
}
