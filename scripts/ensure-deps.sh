#!/usr/bin/env bash
# Installs the programs the tests and the demo use, only when missing (Debian/Ubuntu, as root or with sudo).
# Usage: scripts/ensure-deps.sh [tmux|aot|agents|all]   (aot: the C toolchain of a Native AOT publish, scripts/publish-replay.sh
# and publish-host.sh; agents: Codex CLI and Claude Code from npm, pinned, under $TMUXAGENT_AGENTS_DIR, default /opt/tmuxagent-agents)
set -uo pipefail
want=${1:-all}

# The real coding agents the agent tests drive in tmux panes (docs/agents.md): npm packages with their native binaries.
ensure_agents() {
  local prefix=${TMUXAGENT_AGENTS_DIR:-/opt/tmuxagent-agents} pkgs=()
  [[ -x $prefix/node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex ]] &&
    grep -q '"version": "0.169.0"' "$prefix/node_modules/@openai/codex/package.json" 2>/dev/null || pkgs+=(@openai/codex@0.169.0)
  [[ -x $prefix/node_modules/@anthropic-ai/claude-code-linux-x64/claude ]] &&
    grep -q '"version": "2.1.328"' "$prefix/node_modules/@anthropic-ai/claude-code/package.json" 2>/dev/null || pkgs+=(@anthropic-ai/claude-code@2.1.328)
  ((${#pkgs[@]})) || return 0
  if ! command -v npm >/dev/null; then
    local sudo=""; [[ $(id -u) == 0 ]] || sudo="sudo"
    echo "ensure-deps: installing npm" >&2
    ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm) >"${TMPDIR:-/tmp}/tmuxagent-apt-npm.log" 2>&1
  fi
  echo "ensure-deps: installing ${pkgs[*]} into $prefix" >&2
  mkdir -p "$prefix" && npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "${pkgs[@]}" >"${TMPDIR:-/tmp}/tmuxagent-npm.log" 2>&1 ||
    echo "ensure-deps: npm install failed (see ${TMPDIR:-/tmp}/tmuxagent-npm.log); the agent tests will fail" >&2
}
if [[ $want == agents || $want == all ]]; then ensure_agents; fi
[[ $want == agents ]] && exit 0
need=()
[[ $want == aot ]] || command -v tmux >/dev/null || need+=(tmux)
if [[ $want == aot || $want == all ]]; then
  command -v clang >/dev/null || need+=(clang)
  [[ -e /usr/include/zlib.h ]] || need+=(zlib1g-dev)
fi
if [[ $want == all ]]; then
  command -v promtool >/dev/null || need+=(prometheus)
  command -v chromium >/dev/null || need+=(chromium)
  command -v logrotate >/dev/null || [[ -x /usr/sbin/logrotate ]] || need+=(logrotate)
  command -v amtool >/dev/null || need+=(prometheus-alertmanager)
  command -v shellcheck >/dev/null || need+=(shellcheck)
  command -v systemd-analyze >/dev/null || need+=(systemd)
  command -v curl >/dev/null || need+=(curl)
  command -v sshd >/dev/null || [[ -x /usr/sbin/sshd ]] || need+=(openssh-server)
  command -v pg_ctlcluster >/dev/null || need+=(postgresql)
fi
((${#need[@]})) || exit 0
sudo=""; [[ $(id -u) == 0 ]] || sudo="sudo"
if ! command -v apt-get >/dev/null; then
  echo "ensure-deps: please install ${need[*]} (no apt-get here)" >&2; exit 0
fi
echo "ensure-deps: installing ${need[*]}" >&2
log=${TMPDIR:-/tmp}/tmuxagent-apt.log
if ! ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}") >"$log" 2>&1; then
  echo "ensure-deps: apt-get failed (see $log); tests needing ${need[*]} will fail" >&2
fi
