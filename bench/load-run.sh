#!/usr/bin/env bash
# Load run: N branches (default 200), plan decider, --dry-run, each with its own idle shell pane on a private tmux
# server, for DURATION seconds (default 600). Samples the host's RSS and CPU from /proc every 5 s and the heartbeat
# spread of the branches' heartbeats (metrics port) as the length of one cycle over every branch. The host runs at debug
# level, which logs each cycle's wall time split into tmux and the loop's own share, and its GC heap; those lines are
# summarised at the end, with the machine's load average (the bench box is shared) and where the RSS is (anon/file/shmem).
# Usage: bench/load-run.sh [branches=200] [duration_s=600]   (KEEP_LOG=file keeps the host's debug log)
#        HOST_BIN=path runs that binary (e.g. the Native AOT host of scripts/publish-host.sh) instead of a fresh
#        Release build run with `dotnet`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-200}; duration=${2:-600}
work=$(mktemp -d); sock=ta-load-$$; port=$((20000 + $$ % 20000))
trap 'kill $pid 2>/dev/null || true; tmux -L $sock kill-server 2>/dev/null || true; [ -n "${KEEP_LOG:-}" ] && cp "$work/run.log" "$KEEP_LOG"; rm -rf "$work"' EXIT
if [ -n "${HOST_BIN:-}" ]; then host=("$(realpath "$HOST_BIN")")
else dotnet build "$root/src/TmuxAgent.Host" -c Release -v q -o "$work/bin" >/dev/null; host=(dotnet bin/tmux-agent-orchestrator.dll); fi
{
  echo "poll_interval = 1"; echo "cooldown_seconds = 0"; echo "session_cooldown_seconds = 0"
  echo "decision_source = \"plan\""; echo "metrics_port = $port"; echo "metrics_host = \"127.0.0.1\""
  echo "dashboard_port = 0"; echo "portal_port = 0"
  for i in $(seq 1 "$n"); do
    printf '[[tasks]]\nbranch = "load/b%d"\nphases = ["build", "test", "done"]\n[tasks.plan]\nbuild = ["echo build %d"]\ntest = ["echo test %d"]\n' "$i" "$i" "$i"
  done
} >"$work/orchestrator.toml"
printf 'bus_dir: %s/bus\nhosts:\n  - name: local\n    tmux:\n      socket: %s\n' "$work" "$sock" >"$work/agent-config.yaml"
for i in $(seq 1 "$n"); do tmux -L "$sock" new-session -d -s "agent-load-b$i" sh; done
cd "$work"
"${host[@]}" --config agent-config.yaml --orchestrator-config orchestrator.toml --dry-run --log-level debug >run.log 2>&1 &
pid=$!
tick=$(getconf CLK_TCK); end=$(( $(date +%s) + duration )); maxrss=0; samples=0; rsssum=0
beats=(); loads=()
while [ "$(date +%s)" -lt "$end" ] && kill -0 $pid 2>/dev/null; do
  sleep 5
  rss=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
  [ "$rss" -gt "$maxrss" ] && maxrss=$rss; rsssum=$((rsssum + rss)); samples=$((samples + 1))
  # One cycle visits every branch in order: the spread of the branches' heartbeats is the length of a cycle.
  spread=$(curl -s "http://127.0.0.1:$port/metrics" | awk '/^orchestrator_heartbeat_timestamp_seconds\{/{v=$2+0; if(min==""||v<min)min=v; if(v>max)max=v; n++} END{if(n>1) printf "%.3f", max-min}')
  [ -n "$spread" ] && beats+=("$spread")
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
done
if ! kill -0 $pid 2>/dev/null; then
  rc=0; wait $pid || rc=$?; echo "the host exited early (status $rc) after $(( $(date +%s) - end + duration )) s; last log lines:"; tail -20 run.log; exit 1
fi
where=$(awk '/^(RssAnon|RssFile|RssShmem)/{printf "%s %.1f MB  ", $1, $2/1024}' /proc/$pid/status)
read -r ut st < <(awk '{print $14, $15}' /proc/$pid/stat)
cpu_s=$(echo "($ut + $st) / $tick" | bc -l)
echo "branches=$n duration_s=$duration"
echo "rss_max_mb=$(echo "$maxrss/1024" | bc -l | xargs printf '%.1f') rss_avg_mb=$(echo "$rsssum/$samples/1024" | bc -l | xargs printf '%.1f')"
echo "rss_at_end: $where"
echo "cpu_seconds=$(printf '%.1f' "$cpu_s") cpu_avg_percent=$(echo "100*$cpu_s/$duration" | bc -l | xargs printf '%.1f')"
printf '%s\n' "${beats[@]}" | sort -n | awk '{a[NR]=$1} END{if(NR) printf "cycle_s median=%s max=%s samples=%d\n", a[int((NR+1)/2)], a[NR], NR}' 
printf '%s\n' "${loads[@]}" | sort -n | awk '{a[NR]=$1} END{if(NR) printf "load_average_1m min=%s median=%s max=%s\n", a[1], a[int((NR+1)/2)], a[NR]}'
# "cycle over N branches: W ms; tmux C calls T ms; loop's own O ms; process CPU P ms; GC heap H MB, committed M MB"
grep -o 'cycle over .*' run.log >cycles.txt || true
stat() { awk -v f="$1" '{print $f}' cycles.txt | sort -n | awk -v name="$2" '{a[NR]=$1} END{if(NR){q=int(NR*0.95); if(q<1)q=1; printf "%s median=%s p95=%s max=%s\n", name, a[int((NR+1)/2)], a[q], a[NR]}}'; }
echo "cycles logged: $(wc -l < cycles.txt)"
stat 5 "cycle_wall_ms"; stat 8 "tmux_calls_per_cycle"; stat 10 "tmux_ms"; stat 14 "own_ms (wall - tmux)"; stat 18 "process_cpu_ms"; stat 22 "gc_heap_mb"
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^orchestrator_commands_total' || true
echo "audit lines: $(wc -l < .tmuxagent/logs/orchestrator-actions.jsonl 2>/dev/null || echo 0)"
grep -iE 'error|fail' run.log | grep -vc 'cycle over'  | xargs echo "error lines in the log:"
