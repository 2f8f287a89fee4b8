#!/usr/bin/env bash
# Several Docker engines on this one machine, each in its own network, mount and host-name namespace with its own data and exec
# roots, joined into one swarm over a bridge: separate "hosts" for trying a swarm of several hosts without several machines
# (docs/deployment.md, "A swarm of several engines on one machine"). As root. Undo with deploy/engines/down.sh.
#
#   deploy/engines/up.sh [N]          # N engines (default 3), all managers; engine i is gse-h<i>, at 10.77.0.1<i>
#                                     # (again after deploy/engines/kill.sh I: engine I comes back)
#   docker -H unix:///run/gse/h1.sock node ls
#
# Each engine gets the image this machine's engine holds (gossipsim-node:latest, or GOSSIPSIM_DOCKER_IMAGE), loaded once.
set -euo pipefail
n=${1:-3}
image=${GOSSIPSIM_DOCKER_IMAGE:-gossipsim-node:latest}
[ "$(id -u)" = 0 ] || { echo "error: deploy/engines/up.sh needs root (namespaces, a bridge, dockerd)" >&2; exit 2; }
[[ "$n" =~ ^[1-9]$ ]] || { echo "error: N: expected 1 to 9 engines, got '$n'" >&2; exit 2; }
command -v dockerd >/dev/null || { echo "error: dockerd not found: apt-get install docker.io" >&2; exit 2; }
sock() { echo "unix:///run/gse/h$1.sock"; }

ip link add gse-br0 type bridge 2>/dev/null || true
ip addr replace 10.77.0.1/24 dev gse-br0
ip link set gse-br0 up
# Docker on this machine sets the FORWARD policy to DROP, and bridged frames pass iptables (br_netfilter): without this rule the
# engines cannot reach each other (a join times out).
iptables -C FORWARD -i gse-br0 -o gse-br0 -j ACCEPT 2>/dev/null || iptables -I FORWARD 1 -i gse-br0 -o gse-br0 -j ACCEPT

for i in $(seq 1 "$n"); do
  ns=gse-h$i
  if ! ip netns list | grep -qw "$ns"; then
    ip netns add "$ns"
    ip link add "gse-v$i" type veth peer name "gse-p$i"
    ip link set "gse-p$i" netns "$ns"
    ip link set "gse-v$i" master gse-br0 up
    ip netns exec "$ns" ip link set lo up
    ip netns exec "$ns" ip link set "gse-p$i" name eth0
    ip netns exec "$ns" ip addr add "10.77.0.1$i/24" dev eth0
    ip netns exec "$ns" ip link set eth0 up
    ip netns exec "$ns" ip route add default via 10.77.0.1
  fi
  # An engine deploy/engines/kill.sh killed comes back here: its link up again, its engine started on its own data root (it
  # rejoins the swarm by itself, with what it held when it died).
  ip link set "gse-v$i" up
  docker -H "$(sock "$i")" info >/dev/null 2>&1 && continue
  mkdir -p "/var/lib/gse/h$i" "/run/gse/h$i"
  # nsenter, not `ip netns exec`: the latter mounts a fresh /sys, which hides the cgroup mounts dockerd needs. The engine's exec
  # root lives on a tmpfs of its own mount namespace; its socket, outside, is how the others reach it.
  nsenter --net="/var/run/netns/$ns" unshare --mount --uts --propagation private sh -c \
    "hostname $ns && mount -t tmpfs tmpfs /run/gse/h$i && exec dockerd --data-root /var/lib/gse/h$i --exec-root /run/gse/h$i/exec \
     --pidfile /run/gse/h$i/docker.pid -H $(sock "$i") --bridge none" >"/var/log/gse-h$i.log" 2>&1 &
done

for i in $(seq 1 "$n"); do
  for _ in $(seq 120); do docker -H "$(sock "$i")" info >/dev/null 2>&1 && break; sleep 0.5; done
  docker -H "$(sock "$i")" info >/dev/null 2>&1 || { echo "error: engine gse-h$i did not start (/var/log/gse-h$i.log):" >&2; tail -5 "/var/log/gse-h$i.log" >&2; exit 1; }
done

d1=$(sock 1)
if [ "$(docker -H "$d1" info --format '{{.Swarm.LocalNodeState}}')" != active ]; then
  docker -H "$d1" swarm init --advertise-addr 10.77.0.11 --listen-addr 10.77.0.11:2377 >/dev/null
fi
token=$(docker -H "$d1" swarm join-token -q manager)
swarm_state() { docker -H "$(sock "$1")" info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null; }
for i in $(seq 2 "$n"); do
  # An engine that comes back (after kill.sh) is "pending" while it finds the swarm's leader again: waited for, not joined anew.
  for _ in $(seq 120); do [ "$(swarm_state "$i")" = pending ] || break; sleep 0.5; done
  [ "$(swarm_state "$i")" = active ] && continue
  docker -H "$(sock "$i")" swarm join --token "$token" --advertise-addr "10.77.0.1$i" --listen-addr "10.77.0.1$i:2377" 10.77.0.11:2377 >/dev/null
done

if docker image inspect "$image" >/dev/null 2>&1; then
  id=$(docker image inspect -f '{{.Id}}' "$image")
  for i in $(seq 1 "$n"); do
    [ "$(docker -H "$(sock "$i")" image inspect -f '{{.Id}}' "$image" 2>/dev/null)" = "$id" ] && continue
    docker save "$image" | docker -H "$(sock "$i")" load >/dev/null
  done
  echo "image $image on every engine"
else
  echo "note: this machine's engine has no $image (deploy/build-image.sh makes it); the engines start without it"
fi
docker -H "$d1" node ls --format '{{.Hostname}} {{.Status}} {{.ManagerStatus}}'
