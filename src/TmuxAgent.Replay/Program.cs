Console.WriteLine("tmux-agent-orchestrator-replay: not yet implemented");
return 0;
