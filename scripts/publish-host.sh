#!/usr/bin/env bash
# Publishes the lean tmux-agent-orchestrator: a Native AOT binary (no .NET runtime needed; about half the memory of the
# dotnet build, bench/README.md "Where the RSS goes"), with libe_sqlite3.so beside it, then checks that it starts.
# Usage: scripts/publish-host.sh [OUTDIR]      (default: artifacts/host-native; the binary is OUTDIR/tmux-agent-orchestrator)
# Install it by copying OUTDIR (docs/deploy.md). The dotnet tool package (dotnet pack src/TmuxAgent.Host) is unaffected
# and stays framework-dependent.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-artifacts/host-native}")
build=$(realpath -m "${HOST_NATIVE_BUILD_DIR:-artifacts/host-native-build}")
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash scripts/ensure-deps.sh aot
# Its own artifacts path: the RID-specific restore and build never touch the obj/ and bin/ of the normal build.
dotnet publish src/TmuxAgent.Host -c Release -p:PublishProfile=native --artifacts-path "$build" -o "$out" -v:q -nologo
# Symbols, docs and the dev-time static web assets manifest are not needed to run it.
rm -f "$out"/*.pdb "$out"/*.xml "$out"/*.dbg "$out"/*.staticwebassets.endpoints.json
bin="$out/tmux-agent-orchestrator"
if ! "$bin" --help | grep -q -- '--orchestrator-config'; then
  echo "publish-host: $bin --help does not print the options" >&2; exit 1
fi
echo "$bin"
