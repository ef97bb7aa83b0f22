#!/usr/bin/env bash
# Installs the programs the tests and the demo use, only when missing (Debian/Ubuntu, as root or with sudo).
# Usage: scripts/ensure-deps.sh [tmux|aot|all]   (aot: the C toolchain of a Native AOT publish, scripts/publish-replay.sh and publish-host.sh)
set -uo pipefail
want=${1:-all}
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
