using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Host.Approvals;

namespace TmuxAgent.Tests.Host.Snapshots;

/// <summary>The approvals asked are remembered per branch up to a bound (the host snapshot carries them), and a
/// snapshot's export restores them in order.</summary>
public class AskedConfirmationsTests
{
    private static ConfirmationRequested Asked(string branch, int i) =>
        new($"cmd-{i}", "s", CommandSpec.Of($"rm -rf {i}", "high"), "risk_level=high") { Branch = branch, At = DateTimeOffset.UnixEpoch };

    [Test]
    public void Given_more_approvals_than_the_bound_then_only_the_latest_are_remembered_per_branch()
    {
        var asked = new AskedConfirmations();
        for (var i = 0; i <= AskedConfirmations.KeptPerBranch; i++) asked.Record(Asked("a", i));
        asked.Record(Asked("b", 0));

        asked.Asked("a", "cmd-0", null).Should().BeFalse("the oldest of a was forgotten");
        asked.Asked("a", null, "rm -rf 0").Should().BeFalse();
        asked.Asked("a", "cmd-1", null).Should().BeTrue();
        asked.Asked("a", $"cmd-{AskedConfirmations.KeptPerBranch}", null).Should().BeTrue();
        asked.Asked("b", "cmd-0", null).Should().BeTrue("the bound is per branch");
    }

    [Test]
    public void An_export_restores_the_same_answers_and_order()
    {
        var asked = new AskedConfirmations();
        for (var i = 0; i < 5; i++) asked.Record(Asked("a", i));
        var restored = new AskedConfirmations();

        restored.Restore(asked.Export());

        restored.Export().Should().Equal(asked.Export());
        restored.Asked("a", null, "rm -rf 3").Should().BeTrue();
        restored.Asked("a", "cmd-9", null).Should().BeFalse();
    }
}
