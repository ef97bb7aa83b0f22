#!/usr/bin/env bash
# Starts the demo: a private tmux server with shell panes, the orchestrator on the embedded SQLite store.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh tmux
exec dotnet run --project src/TmuxAgent.Host -c Release -- demo "$@"
