#!/usr/bin/env bash
# Publishes the fast tmux-agent-orchestrator-replay: a Native AOT binary (no .NET runtime needed, ~20 ms start-up),
# then checks it against the shared sample's expected output.
# Usage: scripts/publish-replay.sh [OUTDIR]      (default: artifacts/replay-native; the binary is OUTDIR/tmux-agent-orchestrator-replay)
# The dotnet tool package (dotnet pack src/TmuxAgent.Replay) is unaffected and stays framework-dependent.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-artifacts/replay-native}")
build=$(realpath -m "${REPLAY_NATIVE_BUILD_DIR:-artifacts/replay-native-build}")
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash scripts/ensure-deps.sh aot
# Its own artifacts path: the RID-specific restore and build never touch the obj/ and bin/ of the normal build.
dotnet publish src/TmuxAgent.Replay -c Release -p:PublishProfile=native --artifacts-path "$build" -o "$out" -v:q -nologo
bin="$out/tmux-agent-orchestrator-replay"
samples=tests/TmuxAgent.Tests/Replay/Samples
check() { # expected-file args...
  local expected=$samples/$1; shift
  if ! diff <(cd "$samples" && TZ=UTC "$bin" "$@" | head -n "$(wc -l < "$(basename "$expected")")") "$expected" >/dev/null; then
    echo "publish-replay: $bin $* does not print $expected" >&2; exit 1
  fi
}
check original-audit.replay.txt --log original-audit.jsonl
check original-audit.weather-bot-limit200.replay.txt --log original-audit.jsonl --branch weather/bot --limit 200
echo "$bin"
