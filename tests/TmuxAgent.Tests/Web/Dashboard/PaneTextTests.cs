using TmuxAgent.Host.Web.Dashboard.Branches;

namespace TmuxAgent.Tests.Web.Dashboard;

/// <summary>What the branch page may show of a pane (<see cref="PaneText"/>): no escape sequences, no control characters,
/// the last lines only, a bounded number of characters.</summary>
public class PaneTextTests
{
    [Test]
    public void Escape_sequences_and_control_characters_are_removed_and_tabs_and_lines_kept()
    {
        var captured = "\u001b[31mred\u001b[0m\tdone\n\u001b]0;title\u0007$ \u001b(Bls\u0007\u0008\n\u009b\n\n  \n";

        var lines = PaneText.Tail(captured, out var truncated);

        lines.Should().Equal("red\tdone", "$ ls");
        truncated.Should().BeFalse();
        string.Concat(lines).Should().NotContainAny("\u001b", "\u0007", "\u0008", "\u009b");
    }

    [Test]
    public void Only_the_last_lines_and_characters_are_kept_and_the_cut_is_reported()
    {
        var many = string.Join('\n', Enumerable.Range(1, 100).Select(i => "line " + i));
        var wide = string.Join('\n', Enumerable.Range(1, 10).Select(i => new string((char)('a' + i), 2000)));

        var last = PaneText.Tail(many, out var cut);
        var capped = PaneText.Tail(wide, out var cutWide);

        (last.Count, last[0], last[^1], cut).Should().Be((PaneText.MaxLines, "line 61", "line 100", true));
        capped.Sum(l => l.Length + 1).Should().BeLessThanOrEqualTo(PaneText.MaxChars + 1);
        capped[^1].Should().Be(new string('k', 2000));
        cutWide.Should().BeTrue();
    }
}
