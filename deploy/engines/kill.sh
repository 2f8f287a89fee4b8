#!/usr/bin/env bash
# A host's death on the swarm of deploy/engines/up.sh: engine I's link to the bridge is cut first (from then on nothing of it
# reaches the others, as when a machine loses power), then its containers and its engine (dockerd, containerd, the containers'
# shims) are killed with SIGKILL. The swarm's other managers see the node go down and reschedule its tasks. As root.
#   deploy/engines/kill.sh I        # I: 1 to 9, engine gse-h<I>; deploy/engines/down.sh removes what is left of it
set -euo pipefail
i=${1:-}
case "$i" in -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac
[ "$(id -u)" = 0 ] || { echo "error: deploy/engines/kill.sh needs root" >&2; exit 2; }
[[ "$i" =~ ^[1-9]$ ]] || { echo "error: I: expected the engine's number, 1 to 9, got '$i' (usage: deploy/engines/kill.sh I)" >&2; exit 2; }
ip link show "gse-v$i" >/dev/null 2>&1 || { echo "error: engine gse-h$i has no link gse-v$i: is it up (deploy/engines/up.sh)?" >&2; exit 2; }
ip link set "gse-v$i" down
sock="unix:///run/gse/h$i.sock"
docker -H "$sock" ps -q 2>/dev/null | xargs -r docker -H "$sock" kill >/dev/null 2>&1 || true
# Every process of the engine names its exec root (/run/gse/hI/...) on its command line: dockerd, containerd and the shims.
pkill -9 -f "/run/gse/h$i/" || true
for _ in $(seq 60); do pgrep -f "/run/gse/h$i/" >/dev/null || break; sleep 0.5; done
if pgrep -f "/run/gse/h$i/" >/dev/null; then echo "error: engine gse-h$i's processes still run: $(pgrep -f "/run/gse/h$i/" | tr '\n' ' ')" >&2; exit 1; fi
echo "engine gse-h$i killed: its link cut, its containers and engine gone"
