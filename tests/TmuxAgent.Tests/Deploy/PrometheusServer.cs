using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace TmuxAgent.Tests.Deploy;

/// <summary>
/// A real Debian <c>prometheus</c> on a free loopback port, run with a temp copy of deploy/prometheus/prometheus.yml
/// (and the rule files it loads) whose scrape targets point at the given addresses and whose intervals are 1 s.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string OrchestratorJob = "tmux-agent-orchestrator";
    public const string DashboardJob = "tmux-agent-dashboard";

    private readonly Process _process;
    private readonly DirectoryInfo _dir;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, DirectoryInfo dir, Uri baseUri)
    {
        _process = process;
        _dir = dir;
        BaseUri = baseUri;
        _http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri BaseUri { get; }

    /// <param name="targets">host:port per job name of the shipped config (every job of the config must be given).</param>
    public static async Task<PrometheusServer> StartAsync(IReadOnlyDictionary<string, string> targets)
    {
        var prometheus = ExternalProgram.Require("prometheus", "prometheus");
        var dir = Directory.CreateTempSubdirectory("tmuxagent-prometheus-");
        var config = Yaml.Load("deploy/prometheus/prometheus.yml");
        var global = config.Map("global");
        global["scrape_interval"] = "1s";
        global["evaluation_interval"] = "1s";
        config.Remove("alerting");
        foreach (var job in config.List("scrape_configs").Maps())
        {
            var name = job.Str("job_name")!;
            if (!targets.TryGetValue(name, out var target)) throw new ArgumentException($"no target given for job {name}");
            job["static_configs"] = new List<object> { new Dictionary<object, object> { ["targets"] = new List<object> { target } } };
        }
        foreach (var rules in config.List("rule_files").Cast<string>())
            File.Copy(RepoFiles.PathOf("deploy/prometheus/" + rules), Path.Combine(dir.FullName, rules));
        var configPath = Path.Combine(dir.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(configPath, Yaml.Dump(config));

        var port = FreeLoopbackPort();
        var psi = new ProcessStartInfo(prometheus)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir.FullName,
        };
        foreach (var a in new[] { $"--config.file={configPath}", $"--storage.tsdb.path={Path.Combine(dir.FullName, "data")}",
                     $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn" })
            psi.ArgumentList.Add(a);
        var process = Process.Start(psi)!;
        var log = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new PrometheusServer(process, dir, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await server.WaitUntilAsync(async () => !process.HasExited && await server.IsReadyAsync(), "Prometheus to become ready",
                () => process.HasExited ? $"prometheus exited with {process.ExitCode}: {log}" : null);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary><c>/api/v1/query</c>: the <c>data.result</c> array of an instant query; fails on an API error.</summary>
    public async Task<JsonElement> QueryAsync(string promql)
    {
        var body = await GetAsync("api/v1/query?query=" + Uri.EscapeDataString(promql));
        return body.GetProperty("data").GetProperty("result");
    }

    /// <summary>An API GET whose <c>status</c> must be <c>success</c>.</summary>
    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(text).RootElement.Clone();
        if (json.GetProperty("status").GetString() != "success")
            throw new InvalidOperationException($"{path}: {text}");
        return json;
    }

    /// <summary>Polls until the query returns a non-empty result satisfying <paramref name="until"/>.</summary>
    public async Task<JsonElement> WaitForAsync(string promql, Func<JsonElement, bool>? until = null, TimeSpan? timeout = null)
    {
        JsonElement last = default;
        await WaitUntilAsync(async () =>
        {
            last = await QueryAsync(promql);
            return last.GetArrayLength() > 0 && (until?.Invoke(last) ?? true);
        }, $"a result for {promql}", () => null, timeout);
        return last;
    }

    /// <summary>Polls <c>/api/v1/alerts</c> until an alert with this name, state and label is active.</summary>
    public async Task<JsonElement> WaitForAlertAsync(string alertname, string state, string label, string value, TimeSpan? timeout = null)
    {
        JsonElement found = default;
        await WaitUntilAsync(async () =>
        {
            var alerts = (await GetAsync("api/v1/alerts")).GetProperty("data").GetProperty("alerts").EnumerateArray();
            found = alerts.FirstOrDefault(a => a.GetProperty("labels").GetProperty("alertname").GetString() == alertname
                && a.GetProperty("state").GetString() == state
                && a.GetProperty("labels").TryGetProperty(label, out var v) && v.GetString() == value);
            return found.ValueKind == JsonValueKind.Object;
        }, $"alert {alertname}{{{label}=\"{value}\"}} {state}", () => null, timeout);
        return found;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { _dir.Delete(recursive: true); } catch (IOException) { }
    }

    /// <summary>A loopback port nothing listens on (for a target that is down on purpose).</summary>
    public static int FreeLoopbackPort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private async Task<bool> IsReadyAsync()
    {
        try { return (await _http.GetAsync("-/ready")).IsSuccessStatusCode; }
        catch (HttpRequestException) { return false; }
    }

    private async Task WaitUntilAsync(Func<Task<bool>> condition, string what, Func<string?> fatal, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            if (fatal() is { } why) Assert.Fail(why);
            if (await condition()) return;
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for {what}");
            await Task.Delay(250);
        }
    }
}
