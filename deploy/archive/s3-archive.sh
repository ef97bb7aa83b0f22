#!/usr/bin/env bash
# Archive rotated TmuxAgent audit logs to S3 (aws cli) or any rclone remote.
#
# Uploads only rotated, compressed files (orchestrator-actions.jsonl-YYYYMMDD-EPOCH.gz): complete files that
# never change again. The live file and the newest rotated one (kept plain by delaycompress) are never touched.
# Idempotent: files already archived are skipped (aws s3 sync compares size and time; rclone --immutable
# refuses to overwrite an archived file that differs). Nothing is deleted here; logrotate keeps 45 days locally.
#
# Usage:
#   s3-archive.sh --dest s3://bucket/tmuxagent/HOST [--log-dir DIR] [--dry-run] [--storage-class STANDARD_IA]
#   s3-archive.sh --tool rclone --dest remote:bucket/tmuxagent/HOST [--log-dir DIR] [--dry-run]
# Cron (after logrotate, daily):
#   30 3 * * * /opt/tmuxagent/deploy/archive/s3-archive.sh --dest s3://ops-archive/tmuxagent/$(hostname -s) --log-dir /srv/tmuxagent/.tmuxagent/logs
# Exit codes: 0 done (or nothing to do), 1 the upload failed, 2 bad usage.
set -euo pipefail

readonly PATTERN='orchestrator-actions.jsonl-*.gz'

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
}

die_usage() {
    printf 's3-archive.sh: %s\n' "$1" >&2
    printf "Try 's3-archive.sh --help'.\n" >&2
    exit 2
}

tool=aws
dest=
log_dir=.tmuxagent/logs
dry_run=false
storage_class=STANDARD_IA

while (($# > 0)); do
    case "$1" in
        --dest) dest=${2:-}; shift 2 || die_usage "--dest needs a value" ;;
        --log-dir) log_dir=${2:-}; shift 2 || die_usage "--log-dir needs a value" ;;
        --tool) tool=${2:-}; shift 2 || die_usage "--tool needs a value" ;;
        --storage-class) storage_class=${2:-}; shift 2 || die_usage "--storage-class needs a value" ;;
        --dry-run) dry_run=true; shift ;;
        -h | --help) usage; exit 0 ;;
        *) die_usage "unknown argument: $1" ;;
    esac
done

[[ -n "$dest" ]] || die_usage "--dest is required (s3://bucket/prefix or rclone remote:path)"
[[ -d "$log_dir" ]] || die_usage "--log-dir $log_dir is not a directory"
case "$tool" in
    aws) [[ "$dest" == s3://* ]] || die_usage "--dest must start with s3:// for --tool aws" ;;
    rclone) ;;
    *) die_usage "--tool must be aws or rclone, not $tool" ;;
esac
command -v "$tool" > /dev/null || die_usage "$tool is not installed"

shopt -s nullglob
files=("$log_dir"/orchestrator-actions.jsonl-*.gz)
if ((${#files[@]} == 0)); then
    printf 's3-archive.sh: nothing to archive in %s\n' "$log_dir"
    exit 0
fi
mode=
$dry_run && mode=' (dry run)'
printf 's3-archive.sh: %d rotated file(s) in %s -> %s%s\n' "${#files[@]}" "$log_dir" "$dest" "$mode"

cmd=()
case "$tool" in
    aws)
        cmd=(aws s3 sync "$log_dir" "$dest" --exclude '*' --include "$PATTERN"
            --storage-class "$storage_class" --no-progress)
        $dry_run && cmd+=(--dryrun)
        ;;
    rclone)
        cmd=(rclone copy "$log_dir" "$dest" --include "$PATTERN" --immutable)
        $dry_run && cmd+=(--dry-run)
        ;;
esac

printf '+ %s\n' "${cmd[*]}"
"${cmd[@]}" || { printf 's3-archive.sh: %s failed\n' "$tool" >&2; exit 1; }
