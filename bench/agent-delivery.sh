#!/usr/bin/env bash
# Delivery into real coding agents, whole program (docs/agents.md): N prompts per agent (Codex CLI, Claude Code) decided
# one per decision through the host process into the agent in a tmux pane, against the tests' loopback model server
# (no network). Prints lost / doubled / typed-while-busy counts and decision → submission times as a Markdown table.
# Usage: bench/agent-delivery.sh [prompts per agent, default 100] [model think seconds, default 0.5]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh agents
out=$(mktemp)
export TMUXAGENT_BENCH_PROMPTS=${1:-100} TMUXAGENT_BENCH_THINK=${2:-0.5} TMUXAGENT_BENCH_OUT=$out
log=${TMPDIR:-/tmp}/agent-delivery-bench.log
dotnet build tests/TmuxAgent.Tests -c Release -v q -nologo >"$log" 2>&1 || { echo "build failed, see $log" >&2; exit 1; }
dotnet test tests/TmuxAgent.Tests -c Release --no-build --filter "FullyQualifiedName~AgentDeliveryBench" >>"$log" 2>&1 ||
  echo "a run failed, see $log" >&2
echo "| agent | prompts | lost | doubled | typed while busy | aborted turns | not submitted | second Enter | decision → submission p50 (s) | p95 (s) | max (s) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
cat "$out"
rm -f "$out"
