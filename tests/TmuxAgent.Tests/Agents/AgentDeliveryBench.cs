using System.Globalization;
using System.Text.Json.Nodes;
using TmuxAgent.Tests.Agents.Fixtures;

namespace TmuxAgent.Tests.Agents;

/// <summary>
/// The whole-program benchmark behind bench/agent-delivery.sh (not a test: run by name). N prompts per agent (every
/// tenth 2 kB, every seventh of three lines) decided one per decision through the host process into the real agent;
/// counts lost, doubled and typed-while-busy prompts and aborted turns, and times decision → submission. Appends a
/// Markdown table row per agent to <c>TMUXAGENT_BENCH_OUT</c>.
/// </summary>
[Explicit("benchmark: bench/agent-delivery.sh"), Category("bench")]
public sealed class AgentDeliveryBench
{
    private static int Prompts => int.Parse(Environment.GetEnvironmentVariable("TMUXAGENT_BENCH_PROMPTS") ?? "100", CultureInfo.InvariantCulture);
    private static double Think => double.Parse(Environment.GetEnvironmentVariable("TMUXAGENT_BENCH_THINK") ?? "0.5", CultureInfo.InvariantCulture);
    private static string Out => Environment.GetEnvironmentVariable("TMUXAGENT_BENCH_OUT") ?? Path.Combine(Path.GetTempPath(), "agent-delivery-bench.md");

    [TestCase("codex"), TestCase("claude")]
    public async Task Run(string agent)
    {
        var prompts = Enumerable.Range(1, Prompts).Select(Prompt).ToList();
        await using var run = await AgentHostRun.StartAsync(agent, prompts, TimeSpan.FromSeconds(Think), pollInterval: 0.5);
        await run.Server.WaitForTurnsAsync(prompts.Count, prompts.Count * 10);
        await Task.Delay(3000);

        var turns = run.Server.Turns;
        var hits = prompts.Select(p => turns.Count(t => t.Prompt.Contains(p, StringComparison.Ordinal))).ToList();
        var lines = run.AuditLines();
        var dispatched = run.DispatchTimes();
        var busyTyped = dispatched.Count(d => turns.Any(t => t.Covers(d)))
            + Enumerable.Range(1, Math.Max(0, turns.Count - 1)).Count(i => turns[i].Started < turns[i - 1].Finished);
        var latency = DecisionToSubmission(lines, prompts);
        var row = string.Join(" | ",
            agent, prompts.Count.ToString(CultureInfo.InvariantCulture),
            hits.Count(h => h == 0).ToString(CultureInfo.InvariantCulture),
            hits.Sum(h => Math.Max(0, h - 1)).ToString(CultureInfo.InvariantCulture),
            busyTyped.ToString(CultureInfo.InvariantCulture),
            turns.Count(t => t.Aborted).ToString(CultureInfo.InvariantCulture),
            lines.Count(l => (string?)l["event"] == "command_not_submitted").ToString(CultureInfo.InvariantCulture),
            lines.Count(l => (string?)l["event"] == "command_delivered" && (int?)l["data"]?["enter_presses"] == 2).ToString(CultureInfo.InvariantCulture),
            Seconds(latency, 0.5), Seconds(latency, 0.95), Seconds(latency, 1.0));
        await File.AppendAllTextAsync(Out, $"| {row} |\n");
        TestContext.Out.WriteLine($"| {row} |");
    }

    private static string Prompt(int i)
    {
        var tag = $"[b{i:000}]";
        if (i % 10 == 0) return tag + " " + string.Join(" ", Enumerable.Repeat("read this long paragraph carefully.", 58));
        if (i % 7 == 0) return $"{tag} a prompt\nwith a second line\nand a third";
        return $"{tag} do step {i}";
    }

    /// <summary>Seconds from the decision that proposed each prompt to its confirmed submission (audit log).</summary>
    private static List<double> DecisionToSubmission(IReadOnlyList<JsonObject> lines, IReadOnlyList<string> prompts)
    {
        double Ts(JsonObject l) => (double)l["ts"]!;
        var decided = lines.Where(l => (string?)l["event"] == "decision_received")
            .GroupBy(l => (string?)l["data"]!["summary"] ?? "").ToDictionary(g => g.Key, g => Ts(g.First()));
        var idOf = lines.Where(l => (string?)l["event"] == "command")
            .GroupBy(l => (string)l["payload"]!["text"]!).ToDictionary(g => g.Key, g => (string)g.First()["payload"]!["meta"]!["command_id"]!);
        var delivered = lines.Where(l => (string?)l["event"] == "command_delivered")
            .ToDictionary(l => (string)l["data"]!["command_id"]!, Ts);
        var result = new List<double>();
        for (var i = 0; i < prompts.Count; i++)
            if (decided.TryGetValue($"prompt {i + 1}", out var d) && idOf.TryGetValue(prompts[i], out var id) && delivered.TryGetValue(id, out var s))
                result.Add(s - d);
        return result;
    }

    private static string Seconds(List<double> values, double quantile)
    {
        if (values.Count == 0) return "—";
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(quantile * sorted.Count) - 1)].ToString("0.00", CultureInfo.InvariantCulture);
    }
}
