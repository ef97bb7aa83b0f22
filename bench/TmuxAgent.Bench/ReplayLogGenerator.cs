using System.Globalization;
using System.Text;

namespace TmuxAgent.Bench;

/// <summary>
/// Writes an audit log in the original orchestrator's format, like <c>shared/samples/original-audit.jsonl</c>:
/// six branches, the four event shapes in the sample's proportions (~260 bytes a line), queue ids that commands
/// drain, plus blank lines, lines that are not JSON and a torn last line. Deterministic for a given seed.
/// </summary>
public static class ReplayLogGenerator
{
    private static readonly string[] Branches =
        ["storyapp/feature-x", "storyapp/orchestrator", "storyapp/tts-delivery", "storyapp/ci-hardening", "storyapp/mongo-launch", "weather/bot"];

    private static readonly string[] Texts =
        ["npm test", "git status", "DONE", "echo 修复完成", "npm run build", "rm -rf node_modules && npm ci", "pytest -q tests/test_api.py",
         "bash -lc 'find docs -mindepth 1 -maxdepth 1'", "git push origin HEAD"];

    public static void Write(string path, int events, int seed = 42)
    {
        var rnd = new Random(seed);
        var queues = Branches.ToDictionary(b => b, _ => new Queue<(string Id, string Text, double At)>());
        var pending = Branches.ToDictionary(b => b, _ => new List<string>());
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        var ts = 1763900000.0;
        for (var i = 0; i < events; i++)
        {
            ts += rnd.NextDouble() * 3;
            var branch = Branches[rnd.Next(Branches.Length)];
            var session = "agent-" + branch.Replace('/', '-');
            var t = ts.ToString("R", CultureInfo.InvariantCulture);
            var roll = rnd.Next(100);
            if (roll < 30)
            {
                var id = "queue-" + Hex(rnd);
                var text = Texts[rnd.Next(Texts.Length)];
                queues[branch].Enqueue((id, text, ts));
                w.Write($"{{\"ts\": {t}, \"branch\": \"{branch}\", \"event\": \"queued\", \"payload\": {{\"session\": \"{session}\", \"text\": \"{text}\", \"enter\": true, \"meta\": {{\"risk_level\": \"low\", \"queue_id\": \"{id}\", \"queued_at\": {t}}}}}}}\n");
            }
            else if (roll < 43)
            {
                var text = rnd.Next(2) == 0 ? "git push origin HEAD" : "rm -rf node_modules && npm ci";
                pending[branch].Add(text);
                w.Write($"{{\"ts\": {t}, \"branch\": \"{branch}\", \"event\": \"pending_confirmation\", \"payload\": {{\"session\": \"{session}\", \"text\": \"{text}\", \"enter\": true, \"meta\": {{\"risk_level\": \"high\"}}}}}}\n");
            }
            else if (roll < 52 && pending[branch].Count > 0)
            {
                var text = pending[branch][0];
                pending[branch].RemoveAt(0);
                var status = rnd.Next(4) == 0 ? "denied" : "approved";
                w.Write($"{{\"ts\": {t}, \"branch\": \"{branch}\", \"event\": \"confirmation\", \"status\": \"{status}\", \"command\": \"{text}\", \"meta\": {{\"who\": \"ops\", \"channel\": \"portal\"}}}}\n");
            }
            else if (queues[branch].Count > 0 && rnd.Next(3) > 0)
            {
                var (id, text, at) = queues[branch].Dequeue();
                var qa = at.ToString("R", CultureInfo.InvariantCulture);
                w.Write($"{{\"ts\": {t}, \"branch\": \"{branch}\", \"event\": \"command\", \"payload\": {{\"session\": \"{session}\", \"text\": \"{text}\", \"enter\": true, \"meta\": {{\"risk_level\": \"low\", \"queue_id\": \"{id}\", \"queued_at\": {qa}}}}}, \"queued\": true}}\n");
            }
            else
            {
                var text = Texts[rnd.Next(Texts.Length)];
                var dry = rnd.Next(5) == 0 ? ", \"dry_run\": true" : "";
                w.Write($"{{\"ts\": {t}, \"branch\": \"{branch}\", \"event\": \"command\", \"payload\": {{\"session\": \"{session}\", \"text\": \"{text}\", \"enter\": true, \"meta\": {{\"risk_level\": \"low\", \"command_id\": \"cmd-{Hex(rnd)}\"}}}}{dry}}}\n");
            }
            if (rnd.Next(1000) == 0) w.Write(rnd.Next(2) == 0 ? "\n" : "{not json\n");
        }
        w.Write("{\"ts\": 1763999999.5, \"branch\": \"weather/bot\", \"event\": \"comm");
    }

    private static string Hex(Random rnd)
    {
        Span<byte> b = stackalloc byte[16];
        rnd.NextBytes(b);
        return Convert.ToHexStringLower(b);
    }
}
