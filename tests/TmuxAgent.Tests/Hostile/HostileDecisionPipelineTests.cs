using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;
using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Policy;
using TmuxAgent.Host;
using TmuxAgent.Host.Decisions;
using TmuxAgent.Host.Processes;
using TmuxAgent.Host.Tmux;
using TmuxAgent.Host.Tmux.Transport;
using TmuxAgent.Tests.Host.Loop;

namespace TmuxAgent.Tests.Hostile;

/// <summary>
/// Issue 17: hostile model output and hostile LocalBus confirmation records thrown at the real loop (decision parsing →
/// Decide → typing into a real tmux pane, every tmux invocation recorded). Properties: nothing reaches branch A's pane
/// that is not a dispatched command which either needed no approval under the policy or was approved by a recorded
/// approval; every key sent is a tmux key name and typed text holds no control character; branch B, whose model behaves,
/// is served every cycle; no cycle throws.
/// </summary>
[Category("tmux")]
public class HostileDecisionPipelineTests
{
    private static Gen<T> Pick<T>(params T[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private const string SessionA = "agent-hostile-a", SessionB = "agent-hostile-b";

    /// <summary>The local transport, recording the arguments of every tmux invocation.</summary>
    private sealed class RecordingTransport : ITmuxTransport
    {
        private readonly LocalTmuxTransport _local = new();
        public ConcurrentQueue<IReadOnlyList<string>> Calls { get; } = new();

        public Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, CancellationToken ct = default)
        {
            Calls.Enqueue(argv);
            return _local.RunAsync(argv, ct);
        }

        public string Describe() => "recording";
    }

    /// <summary>Answers branch A with the parse of hostile stdout, branch B with a harmless echo.</summary>
    private sealed class Source(Func<byte[]> hostile) : IDecisionSource
    {
        public int CallsB { get; private set; }

        public Task<DecisionOutcome> DecideAsync(DecisionContext context, CancellationToken ct)
        {
            if (context.Task.Branch == "hostile/b")
                return Task.FromResult<DecisionOutcome>(new DecisionAnswered(new Decision("fine", [CommandSpec.Of($"echo served-{++CallsB}")]), TimeSpan.Zero));
            var (decision, kind, message) = DecisionJson.Parse(hostile());
            return Task.FromResult<DecisionOutcome>(decision is null
                ? new DecisionFailure(kind!, message!, TimeSpan.Zero)
                : new DecisionAnswered(decision, TimeSpan.Zero));
        }
    }

    private static readonly Gen<string> Risk = Pick("low", "high", "High ", "hgh", "", "critical", " medium", "LOW");
    private static readonly Gen<string> Key = Pick("Escape", "Enter", "C-c", "F5", "PageUp", "M-x", "echo SMUGGLED", "Enter\n", " C-c", "ls", "\u0000", "C-");
    private static readonly Gen<string> Tail = Gen.String[Gen.Char["abc 'x\"\t\n\u0000\u001b\u202e\u007f\u0003;|&"], 0, 12];
    private static readonly Gen<string> Body = Pick("", " rm -rf nothing", " sudo nothing", " git push --force nowhere", " ok");

    private static readonly Gen<JsonObject> Command =
        Gen.Select(Gen.Int[0, 99_999], Body, Tail, Key.List[0, 3], Risk, Gen.Bool, Gen.Bool)
            .Select((n, body, tail, keys, risk, enter, noText) =>
            {
                var o = new JsonObject { ["risk_level"] = risk, ["enter"] = enter };
                if (!noText) o["text"] = $"echo HX{n}{body}{tail}";
                if (keys.Count > 0) o["keys"] = new JsonArray(keys.Select(k => (JsonNode)k!).ToArray());
                return o;
            });

    private static readonly Gen<string> DecisionJsonText =
        Gen.Select(Command.List[0, 3], Gen.Bool, Gen.Int[0, 3]).Select((cmds, confirm, wrap) =>
        {
            var json = new JsonObject { ["summary"] = "s", ["commands"] = new JsonArray(cmds.Select(c => (JsonNode)c).ToArray()), ["requires_confirmation"] = confirm }.ToJsonString();
            return wrap switch
            {
                0 => json,
                1 => "Sure {here} is it:\n```json\n" + json + "\n```",
                2 => json[..(json.Length / 2)],
                _ => "{/*" + json,
            };
        });

    private static readonly Gen<byte[]> Output = Gen.Frequency(
        (6, DecisionJsonText.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Byte.Array[0, 200]),
        (1, Gen.String[Gen.Char["{}[]\":,/*\\ \nax"], 0, 300].Select(Encoding.UTF8.GetBytes)));

    /// <summary>A LocalBus line: junk, or an approval or denial by an id that exists nowhere or by a text a decision may have.</summary>
    private static readonly Gen<string> ConfirmationLine = Gen.Frequency(
        (2, Gen.String[Gen.Char["{}[]\":,ab \u0000"], 0, 80]),
        (3, Gen.Select(Gen.Int[0, 99_999], Body, Pick("approve", "ok", "deny", "bogus"), Gen.Bool).Select((n, body, action, byId) =>
            new JsonObject
            {
                ["branch"] = "hostile/a", ["action"] = action,
                [byId ? "command_id" : "command"] = byId ? $"cmd-{n:x}" : $"echo HX{n}{body}",
            }.ToJsonString())));

    private sealed record Step(byte[] Output, IReadOnlyList<string> Confirmations);

    private static readonly Gen<Step> Steps = Gen.Select(Output, ConfirmationLine.List[0, 3]).Select((o, c) => new Step(o, c));

    [Test]
    public void Hostile_output_and_approval_records_never_type_anything_unapproved_and_the_other_branch_is_served()
    {
        Steps.List[4, 10].Sample(steps => RunAsync(steps).GetAwaiter().GetResult(), iter: 6, threads: 1);
    }

    private static async Task RunAsync(IReadOnlyList<Step> steps)
    {
        using var h = new LoopHarness();
        h.Tmux.NewSession(SessionA);
        h.Tmux.NewSession(SessionB);
        var transport = new RecordingTransport();
        var config = h.Config(LoopHarness.Task("hostile/a") + LoopHarness.Task("hostile/b"));
        var current = steps[0];
        var source = new Source(() => current.Output);
        var settings = new LoopSettings(config, h.Agent, false, h.AuditPath, h.Dir["state/localbus-offsets.json"], source)
        {
            TmuxClientFor = host => new TmuxClient("tmux", host.Tmux.Socket) { Transport = transport },
        };
        var loop = new OrchestratorLoop(settings, h.Store, [h.Observer], h.Inbox, NullLogger.Instance);
        await loop.LoadAsync();
        var paneA = h.Tmux.Run(["display-message", "-p", "-t", "=" + SessionA + ":", "#{pane_id}"]).Trim();
        Directory.CreateDirectory(h.BusDir);

        var cycles = 0;
        foreach (var step in steps)
        {
            current = step;
            File.AppendAllLines(Path.Combine(h.BusDir, "confirmations.jsonl"), step.Confirmations);
            await loop.RunCycleAsync(CancellationToken.None);   // throws: the property fails
            cycles++;
            source.CallsB.Should().Be(cycles, "branch B gets a decision every cycle whatever branch A's model prints");
        }
        (await TmuxServer.WaitFor(() => h.Tmux.Capture(SessionB).Contains($"\nserved-{cycles}"))).Should().BeTrue("B's commands reach B's pane");

        var events = h.Observer.Events.Where(e => e.Branch == "hostile/a").ToList();
        var approved = events.OfType<ConfirmationApproved>().Select(a => a.CommandId).ToHashSet();
        var dispatched = events.OfType<CommandDispatched>().ToList();
        foreach (var d in dispatched)
        {
            var needsApproval = RiskLevels.ApprovalReason(d.Spec.RiskLevel, OrchestratorPolicy.Default) is not null
                || OrchestratorPolicy.Default.Risk.FirstMatch(d.Spec.Text, d.Spec.Keys) is not null
                || events.OfType<DecisionReceived>().Any(r => r.RequiresConfirmation && r.Commands.Contains(d.Spec));
            if (needsApproval) approved.Should().Contain(d.CommandId, $"\"{d.Spec.Display}\" was dispatched");
            CommandRules.Problem(d.Spec, 0).Should().BeNull();
        }

        var typedIntoA = transport.Calls.Select(c => c.ToList()).Where(c => c.Contains("send-keys") && c.Contains(paneA)).ToList();
        var allowedTexts = dispatched.Select(d => PaneTyper.TypedText(d.Spec, d.CommandId, config.CommandTimeoutSeconds)).OfType<string>().ToHashSet();
        var allowedKeys = dispatched.SelectMany(d => d.Spec.Keys.Select(k => PaneTyper.MapKey(k, d.Spec.InputMode))).Append("Enter").ToHashSet();
        foreach (var call in typedIntoA)
        {
            for (var i = 0; i < call.Count; i++)
            {
                if (call[i] != "send-keys") continue;
                var literal = call[i + 3] == "-l";
                var arg = literal ? call[i + 5] : call[i + 3];
                if (literal) allowedTexts.Should().Contain(arg, "only the text of a dispatched command is typed");
                else
                {
                    TmuxKeyNames.IsKeyName(arg).Should().BeTrue($"\"{arg}\" was sent as a key");
                    allowedKeys.Should().Contain(arg);
                }
            }
        }
    }
}
