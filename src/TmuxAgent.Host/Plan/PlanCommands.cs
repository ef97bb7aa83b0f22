using System.CommandLine;

namespace TmuxAgent.Host.Plan;

/// <summary>The <c>plan</c> command with <c>check</c> and <c>test</c>: register it on the root command. Starts no listeners.</summary>
public static class PlanCommands
{
    /// <summary>The <c>plan</c> command.</summary>
    public static Command Create()
    {
        var plan = new Command("plan", "Check a task plan and run its regression scenarios (no tmux, model or listeners needed).");
        plan.Subcommands.Add(Check());
        plan.Subcommands.Add(Test());
        return plan;
    }

    private static Command Check()
    {
        var config = new Option<string>("--orchestrator-config")
        {
            Description = "The orchestrator configuration whose [[tasks]] are checked.",
            DefaultValueFactory = _ => PlanTestCommand.DefaultConfig,
            HelpName = "PATH",
        };
        var check = new Command("check",
            "Static checks of [[tasks]]: dependency cycles, unknown dependencies, duplicate branches, phases lacking completion_phase, "
            + "unknown or empty phases, tmux sessions claimed twice. Exit 0 clean, 1 findings, 2 unreadable configuration.");
        check.Options.Add(config);
        check.SetAction(r => PlanCheckCommand.Execute(r.GetValue(config)!, r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));
        return check;
    }

    private static Command Test()
    {
        var scenarios = new Argument<string>("SCENARIOS.yaml") { Description = "Scenario file (schema: docs/schemas/plan-scenarios.schema.json)." };
        var config = new Option<string?>("--orchestrator-config")
        {
            Description = $"The orchestrator configuration (tasks and policy). Default: the scenario file's orchestrator_config, else {PlanTestCommand.DefaultConfig}.",
            HelpName = "PATH",
        };
        var junit = new Option<string?>("--junit") { Description = "Also write the results as JUnit XML to this file.", HelpName = "out.xml" };
        var test = new Command("test",
            "Run declarative scenarios through the real Decide/Evolve with the configured policy. "
            + "Exit 0 all pass, 1 a scenario failed, 2 bad scenario file or configuration.");
        test.Arguments.Add(scenarios);
        test.Options.Add(config);
        test.Options.Add(junit);
        test.SetAction(r => PlanTestCommand.Execute(r.GetValue(scenarios)!, r.GetValue(config), r.GetValue(junit),
            r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));
        return test;
    }
}
