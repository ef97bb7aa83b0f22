#!/usr/bin/env bash
# Longer crash soak: the CI crash test (tests/TmuxAgent.Tests/Reliability/CrashTests.cs) with more kill -9 rounds and
# several seeds. Usage: bench/crash-soak.sh [rounds=30] [seeds="1 2 3 4 5"]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-30}
seeds=${2:-"1 2 3 4 5"}
dotnet build tests/TmuxAgent.Tests -v q >/dev/null
for seed in $seeds; do
  start=$(date +%s)
  if TMUXAGENT_CRASH_ROUNDS=$rounds TMUXAGENT_CRASH_SEED=$seed dotnet test tests/TmuxAgent.Tests --no-build \
       --filter "FullyQualifiedName~Reliability.CrashTests" >"/tmp/crash-soak-$seed.log" 2>&1; then r=pass; else r=FAIL; fi
  echo "seed $seed rounds $rounds: $r ($(( $(date +%s) - start )) s) log /tmp/crash-soak-$seed.log"
done
