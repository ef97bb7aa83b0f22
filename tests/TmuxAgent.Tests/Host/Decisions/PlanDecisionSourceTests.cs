using TmuxAgent.Core.Branches;
using TmuxAgent.Core.Commands;
using TmuxAgent.Core.Policy;
using TmuxAgent.Config;
using TmuxAgent.Host.Decisions;

namespace TmuxAgent.Tests.Host.Decisions;

public class PlanDecisionSourceTests
{
    private static readonly TaskConfig Task = new()
    {
        Branch = "demo/api", Phases = ["build", "test", "done"], Location = default,
        Plan = new Dictionary<string, IReadOnlyList<CommandSpec>>
        {
            ["build"] = [CommandSpec.Of("make a"), CommandSpec.Of("make b"), CommandSpec.Of("make c")],
            ["test"] = [CommandSpec.Of("make test", "high")],
        },
    };

    [Test]
    public void A_phase_sends_its_commands_up_to_the_cycle_limit_then_the_rest()
    {
        var first = Next(State("build"));
        first.Commands.Select(c => c.Text).Should().Equal("make a", "make b");
        first.Phase.Should().BeNull();

        Next(State("build", lastCommand: "make b")).Commands.Select(c => c.Text).Should().Equal("make c");
    }

    [Test]
    public void After_the_last_command_the_branch_moves_to_the_next_phase()
    {
        var d = Next(State("build", lastCommand: "make c"));
        d.Commands.Should().BeEmpty();
        d.Phase.Should().Be("test");
    }

    [Test]
    public void Nothing_is_sent_while_a_command_is_in_flight()
    {
        var running = State("build", lastCommand: "make b") with
        {
            Running = [new CommandRef("cmd-1", "s", CommandSpec.Of("make b"), DateTimeOffset.UnixEpoch)],
        };
        Next(running).Commands.Should().BeEmpty();
        Next(running).Phase.Should().BeNull();
    }

    [Test]
    public void A_branch_outside_its_phases_starts_at_the_first_one()
    {
        var d = Next(State("planning"));
        d.Commands.Should().BeEmpty();
        d.Phase.Should().Be("build");
    }

    [Test]
    public void The_completion_phase_ends_the_plan()
    {
        var d = Next(State("done"));
        d.Commands.Should().BeEmpty();
        d.Phase.Should().BeNull();
    }

    private static Decision Next(BranchState s) =>
        PlanDecisionSource.Next(new DecisionContext(s, Task, "", "bash", false, OrchestratorPolicy.Default));

    private static BranchState State(string phase, string? lastCommand = null) =>
        BranchState.New(Task.Branch) with { Plan = Task.ToPlan(), Phase = phase, LastCommand = lastCommand };
}
