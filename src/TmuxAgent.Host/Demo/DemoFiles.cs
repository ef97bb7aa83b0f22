namespace TmuxAgent.Host.Demo;

/// <summary>The demo's configuration: three branches (api → web → deploy), the last one needing an approval.</summary>
public static class DemoFiles
{
    /// <summary>orchestrator.toml of the demo; the portal reads its token from <paramref name="approvalTokenFile"/>.</summary>
    public static string OrchestratorToml(string approvalTokenFile) => $$"""
        # tmux-agent-orchestrator demo: the built-in plan decider drives three shell panes.
        poll_interval = 2.0
        cooldown_seconds = 0
        session_cooldown_seconds = 1
        command_timeout_seconds = 60
        stall_timeout_seconds = 120
        decision_source = "plan"
        dashboard_port = 8702
        dashboard_host = "127.0.0.1"
        portal_port = 8787
        portal_host = "127.0.0.1"
        approval_token_file = "{{approvalTokenFile}}"

        [[tasks]]
        branch = "demo/api"
        title = "Build and test the API"
        phases = ["build", "test", "done"]
        [tasks.plan]
        build = ["echo building the api... && sleep 2 && echo api built"]
        test = ["echo running api tests... && sleep 2 && echo 12 tests passed"]

        [[tasks]]
        branch = "demo/web"
        title = "Build the web front end against the API"
        depends_on = ["demo/api"]
        phases = ["build", "done"]
        [tasks.plan]
        build = ["echo building the web app against the api... && sleep 2 && echo web built"]

        [[tasks]]
        branch = "demo/deploy"
        title = "Deploy (needs a human's approval)"
        depends_on = ["demo/web"]
        phases = ["release", "done"]
        [tasks.plan]
        release = [{ text = "echo deploying to staging... && sleep 1 && echo deployed", risk_level = "high" }]
        """;

    /// <summary>The text of the command that needs approval.</summary>
    public const string ApprovalCommand = "echo deploying to staging... && sleep 1 && echo deployed";

    /// <summary>agent-config.yaml of the demo.</summary>
    public static string AgentYaml(string socket, string busDir) => $"""
        poll_interval_ms: 1500
        tmux_bin: tmux
        bus_dir: {busDir}
        notify: local_bus
        hosts:
          - name: demo
            tmux:
              socket: {socket}
              session_filters: ["^agent-demo-"]
              capture_lines: 500
        """;

    /// <summary>The demo's tmux sessions.</summary>
    public static readonly string[] Sessions = ["agent-demo-api", "agent-demo-web", "agent-demo-deploy"];
}
