using System.Text;
using CsCheck;
using TmuxAgent.Core.Audit;
using TmuxAgent.Config;
using TmuxAgent.Host.Config;
using TmuxAgent.Host.Decisions;
using TmuxAgent.Host.LocalBus;
using TmuxAgent.Tests.Host;

namespace TmuxAgent.Tests.Hostile;

/// <summary>Random and mutated input: every case is accepted or rejected with a message; none throws an unexpected exception or hangs.</summary>
public class HostileInputTests
{
    private const string ValidDecision = """{"summary":"s","commands":[{"text":"npm test","enter":true,"risk_level":"low","input_mode":"shell","keys":["Escape"]}],"requires_confirmation":false,"phase":"testing","blockers":["b"]}""";
    private const string ValidConfirmation = """{"id":"c1","ts":1763900000.5,"branch":"a/b","action":"approve","command_id":"cmd-1","meta":{"who":"me"}}""";
    private const string ValidToml = "poll_interval = 45.0\nmax_commands_per_cycle = 2\nmetrics_port = 9108\n[codex]\nbin = \"codex\"\nextra_args = [\"--x\"]\n[[tasks]]\nbranch = \"a/b\"\nphases = [\"planning\", \"done\"]\ndepends_on = []\n";
    private const string ValidYaml = "poll_interval_ms: 1500\ntmux_bin: tmux\nbus_dir: /tmp/bus\nnotify: local_bus\nhosts:\n  - name: local\n    tmux:\n      socket: s\n      session_filters: [\"^agent-\"]\n      capture_lines: 2000\n";

    private static readonly Gen<char> Chars = Gen.Char["{}[]\":,\\ \n\rabc0123.-eE\u00e9\u0000tfnul`$#=\t'"];

    /// <summary>A valid text with random edits: deletions, insertions, duplications and truncations.</summary>
    private static Gen<string> Mutated(string valid) =>
        Gen.Select(Gen.Int[0, valid.Length], Gen.Int[0, 20], Gen.String[Chars, 0, 12], Gen.Int[0, 3]).Select((at, cut, insert, kind) => kind switch
        {
            0 => valid[..at] + insert + valid[at..],
            1 => valid.Remove(at, Math.Min(cut, valid.Length - at)),
            2 => valid[..at],
            _ => valid[..at] + valid[at..] + valid[..at],
        });

    [Test]
    public void Decision_output_random_bytes_or_mutated_json_is_a_decision_or_a_named_error()
    {
        Gen.OneOf(Gen.Byte.Array[0, 300], Mutated(ValidDecision).Select(Encoding.UTF8.GetBytes), Gen.String[Chars, 0, 200].Select(Encoding.UTF8.GetBytes))
            .Sample(bytes =>
            {
                var (decision, kind, message) = Bounded.Run(() => DecisionJson.Parse(bytes), "decision JSON");
                if (decision is null) { kind.Should().NotBeNullOrEmpty(); message.Should().NotBeNullOrEmpty(); }
            }, iter: 3000);
    }

    [Test]
    public void Deeply_nested_decision_output_is_rejected_not_a_stack_overflow()
    {
        var deep = Encoding.UTF8.GetBytes("{\"summary\":" + new string('[', 100_000) + new string(']', 100_000) + ",\"commands\":[]}");
        var (decision, kind, _) = Bounded.Run(() => DecisionJson.Parse(deep), "nested decision");
        (decision is not null || kind is not null).Should().BeTrue();
    }

    [Test]
    public void LocalBus_confirmation_records_are_parsed_or_rejected_with_a_message()
    {
        Gen.OneOf(Mutated(ValidConfirmation), Gen.String[Chars, 0, 200]).Sample(json =>
        {
            var (record, error) = Bounded.Run(() => ConfirmationRecord.Parse(json, 7), "confirmation record");
            if (record is null) error.Should().NotBeNullOrEmpty();
        }, iter: 3000);
    }

    [Test]
    public void Orchestrator_toml_mutations_load_or_fail_with_a_positioned_config_error()
    {
        Mutated(ValidToml).Sample(text =>
        {
            var outcome = Bounded.Run(() => Load(() => OrchestratorConfigLoader.Parse(text, "orchestrator.toml", "/tmp/orchestrator.toml")), "toml");
            outcome.Should().BeNull($"only ConfigException may come out of the loader for:\n{text}");
        }, iter: 2000);
    }

    [Test]
    public void Agent_yaml_mutations_load_or_fail_with_a_positioned_config_error()
    {
        Mutated(ValidYaml).Sample(text =>
        {
            var outcome = Bounded.Run(() => Load(() => AgentConfigLoader.Parse(text, "agent-config.yaml", "/tmp/agent-config.yaml")), "yaml");
            outcome.Should().BeNull($"only ConfigException may come out of the loader for:\n{text}");
        }, iter: 2000);
    }

    [Test]
    public void Audit_log_files_of_random_lines_are_read_to_the_end_every_line_accounted_for()
    {
        using var dir = new TempDir();
        var path = dir["actions.jsonl"];
        Gen.OneOf(Mutated("""{"ts": 1763900002.71, "branch": "w/b", "event": "queued", "payload": {"text": "npm test", "meta": {"queue_id": "q"}}, "seq": 3, "id": "e"}"""),
                Gen.String[Chars, 0, 120]).List[0, 30]
            .Sample(lines =>
            {
                File.WriteAllText(path, string.Join("\n", lines));
                var entries = Bounded.Run(() => new AuditLogReader().ReadFile(path).ToList(), "audit log");
                entries.Count.Should().BeLessThanOrEqualTo(lines.Sum(l => l.Count(c => c is '\n' or '\r') + 1) + 1);
            }, iter: 500, threads: 1);
    }

    /// <summary>Null when the loader accepted the text or rejected it with a <see cref="ConfigException"/> naming file and line; else the surprise.</summary>
    private static Exception? Load<T>(Func<ConfigLoad<T>> load)
    {
        try { load(); return null; }
        catch (ConfigException e) { return e.Message.Contains(".toml") || e.Message.Contains(".yaml") ? null : e; }
        catch (Exception e) { return e; }
    }
}
