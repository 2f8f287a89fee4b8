#!/usr/bin/env bash
# Removes what namespace beds left behind (normally nothing: a bed is removed at the end of a
# run, on Ctrl-C, and by its watchdog when the launcher is killed). Kills the processes in
# every bed namespace (named gs<pid>b<n>-...) whose launcher is gone, then deletes them.
# --all: also the beds of launchers that are still running.
set -euo pipefail
all=false
[ "${1:-}" = "--all" ] && all=true
removed=0
for ns in $(ip netns list | awk '{print $1}' | grep -E '^gs[0-9]+b[0-9]+-(sw|s[0-9]+|p[0-9]+)$' || true); do
    pid=$(echo "$ns" | sed -E 's/^gs([0-9]+)b.*/\1/')
    if ! $all && kill -0 "$pid" 2>/dev/null; then continue; fi
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null && removed=$((removed + 1))
done
echo "removed $removed bed namespaces"
