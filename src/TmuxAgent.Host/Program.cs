Console.WriteLine("tmux-agent-orchestrator: not yet implemented");
return 0;
