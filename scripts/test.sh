#!/usr/bin/env bash
# Runs every test of the solution: unit, real SQLite, real tmux, HTTP, promtool, Prometheus, PostgreSQL,
# sshd and headless Chromium. Installs missing programs first (scripts/ensure-deps.sh).
# Extra arguments go to `dotnet test` (e.g. --filter "Category!=browser").
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash scripts/ensure-deps.sh all
dotnet test TmuxAgent.sln -c Release "$@"
