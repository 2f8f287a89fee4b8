#!/usr/bin/env bash
# Undoes deploy/engines/up.sh: every engine's containers, swarm membership and daemon, the namespaces, the bridge, the FORWARD
# rule, and the engines' data. As root. A swarm manager takes up to ~35 s to stop here.
set -u
[ "$(id -u)" = 0 ] || { echo "error: deploy/engines/down.sh needs root" >&2; exit 2; }
for s in /run/gse/h*.sock; do
  [ -S "$s" ] || continue
  docker -H "unix://$s" ps -aq 2>/dev/null | xargs -r docker -H "unix://$s" rm -f >/dev/null 2>&1
  docker -H "unix://$s" swarm leave --force >/dev/null 2>&1
done
pkill -f "dockerd --data-root /var/lib/gse/" 2>/dev/null
for _ in $(seq 120); do pgrep -f "dockerd --data-root /var/lib/gse/" >/dev/null || break; sleep 0.5; done
for ns in $(ip netns list | grep -o '^gse-h[0-9]*'); do ip netns del "$ns"; done
for v in $(ip -o link show | grep -o 'gse-v[0-9]*' | sort -u); do ip link del "$v" 2>/dev/null; done
ip link del gse-br0 2>/dev/null
while iptables -D FORWARD -i gse-br0 -o gse-br0 -j ACCEPT 2>/dev/null; do :; done
rm -rf /var/lib/gse /run/gse
echo "engines stopped, namespaces and bridge removed"
