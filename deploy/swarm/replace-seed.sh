#!/usr/bin/env bash
# Replaces a seed of the stack (gossipsim.yml) by a new one through the seeds' vote (docs/deployment.md, "Changing the seed set"),
# e.g. one whose host is gone for good:
#   1. the new seed's key, beside the others in SECRETS, and its Docker secret;
#   2. the new seed's service: the stack's seed command with --joining, on the stack's network, its state in a volume of its own;
#   3. the operator's change, signed with SECRETS/operator.key (make-secrets.sh made it; the seed list pins its public half) and
#      handed to a running seed of the set (--via) from a one-off container beside it, the key passed on its standard input:
#      `seed-set replace`, which waits for the seeds to decide (a majority of the set in force, then of the new set).
# Run it against the engine where the --via seed runs (DOCKER_HOST), as a swarm manager. The replaced seed's service stays: remove
# it (docker service rm gossipsim_OLD) once the change is decided.
#   usage: deploy/swarm/replace-seed.sh SECRETS OLD NEW [--via SEED] [--constraint EXPR]... [--stack NAME] [--wait SECONDS]
#   e.g.   deploy/swarm/replace-seed.sh deploy/swarm/secrets seed-2 seed-3 --via seed-0 --constraint node.hostname==host-4
set -euo pipefail
usage="usage: deploy/swarm/replace-seed.sh SECRETS OLD NEW [--via SEED] [--constraint EXPR]... [--stack NAME] [--wait SECONDS]"
case "${1:-}" in -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac
[ $# -ge 3 ] || { echo "error: $usage" >&2; exit 2; }
secrets=$1 old=$2 new=$3
shift 3
via=seed-0 stack=gossipsim wait=120 constraints=()
while [ $# -gt 0 ]; do
  case "$1" in
    --via) via=$2; shift 2 ;;
    --constraint) constraints+=(--constraint "$2"); shift 2 ;;
    --stack) stack=$2; shift 2 ;;
    --wait) wait=$2; shift 2 ;;
    *) echo "error: unknown option $1 ($usage)" >&2; exit 2 ;;
  esac
done
image=${GOSSIPSIM_IMAGE:-gossipsim-node:latest}
port=5001
fail() { echo "error: $*" >&2; exit 2; }
[ -f "$secrets/operator.key" ] && [ -f "$secrets/seeds.txt" ] || fail "$secrets has no operator.key and seeds.txt (deploy/swarm/make-secrets.sh makes them)"
grep -q '^operator ' "$secrets/seeds.txt" || fail "$secrets/seeds.txt pins no operator key: its seeds refuse every change (make-secrets.sh writes that line)"
grep -q "^$old:$port " "$secrets/seeds.txt" || fail "OLD: $secrets/seeds.txt names no seed $old:$port"
[[ "$new" =~ ^[a-z0-9][a-z0-9-]*$ ]] || fail "NEW: '$new' is not a host name (letters, digits and '-')"
! grep -q "^$new:$port " "$secrets/seeds.txt" || fail "NEW: $new is in the seed list already"
[[ "$wait" =~ ^[0-9]+$ ]] || fail "--wait: expected seconds, got '$wait'"
docker ps -q --filter "name=${stack}_$via\." | grep -q . \
  || fail "--via: seed $via runs in no container of this engine (${DOCKER_HOST:-the local one}): name the engine where it runs with DOCKER_HOST"

# 1. The new seed's key: made in a container and read from its output, so the engine may be on another machine.
if [ ! -s "$secrets/$new.key" ]; then
  pub=$( (umask 077; docker run --rm --entrypoint sh "$image" -c \
    '/opt/gossipsim/GossipSim.RealNet keygen --node --out /tmp/seed.key | sed -n "s/^public key: //p" >&2 && cat /tmp/seed.key' \
    2>&1 >"$secrets/$new.key") )
  [ -n "$pub" ] && [ -s "$secrets/$new.key" ] || fail "the new seed's key was not made: $pub"
  printf '%s\n' "$pub" >"$secrets/$new.pub"
fi
pub=$(cat "$secrets/$new.pub")
docker secret inspect "${stack}_$new-key" >/dev/null 2>&1 \
  || docker secret create --label "com.docker.stack.namespace=$stack" "${stack}_$new-key" "$secrets/$new.key" >/dev/null

# 2. The new seed, as the stack's seeds are, started with --joining: the seed list does not name it.
if ! docker service inspect "${stack}_$new" >/dev/null 2>&1; then
  docker service create --detach --quiet --name "${stack}_$new" --hostname "$new" --network "${stack}_gossip" --endpoint-mode dnsrr \
    --label "com.docker.stack.namespace=$stack" --container-label "com.docker.stack.namespace=$stack" \
    --restart-condition on-failure --restart-delay 2s --stop-grace-period 15s "${constraints[@]}" \
    --secret "source=${stack}_cluster-key,target=/run/secrets/cluster.key,uid=10001,gid=10001,mode=0400" \
    --secret "source=${stack}_seeds,target=/etc/gossipsim/seeds.txt,mode=0444" \
    --secret "source=${stack}_$new-key,target=/run/secrets/seed.key,uid=10001,gid=10001,mode=0400" \
    --mount "type=volume,source=${stack}_$new-state,target=/data" --mount "type=volume,source=${stack}_output,target=/out" \
    "$image" seed --listen "auto:$port" --seeds /etc/gossipsim/seeds.txt --seeds-wait 120 --out "/out/$new" --state-dir /data \
    --key /run/secrets/seed.key --cluster-key /run/secrets/cluster.key --quiet --joining >/dev/null
fi
for _ in $(seq 120); do
  docker service ps "${stack}_$new" --filter desired-state=running --format '{{.CurrentState}}' | grep -q '^Running' && break
  sleep 1
done
docker service ps "${stack}_$new" --filter desired-state=running --format '{{.CurrentState}}' | grep -q '^Running' \
  || fail "the new seed's service ${stack}_$new did not start within 120 s: $(docker service ps --no-trunc --format '{{.Node}} {{.CurrentState}} {{.Error}}' "${stack}_$new" | head -3 | tr '\n' ';')"
echo "seed $new runs (key $pub)"

# 3. The vote, handed to seed $via through its state volume; the new seed's name is looked up on the stack's network.
docker run --rm -i --network "${stack}_gossip" --mount "type=volume,source=${stack}_$via-state,target=/data" \
  -e "SEEDS=$(cat "$secrets/seeds.txt")" --entrypoint sh "$image" -c \
  'umask 077 && cat >/tmp/operator.key && printf "%s\n" "$SEEDS" >/tmp/seeds.txt && exec /opt/gossipsim/GossipSim.RealNet seed-set replace --state-dir /data --operator-key /tmp/operator.key --seeds /tmp/seeds.txt --replaces "$0" --address "$1" --key "$2" --wait "$3"' \
  "$old:$port" "$new:$port" "$pub" "$wait" <"$secrets/operator.key"
echo "next: docker service rm ${stack}_$old (the replaced seed), once its members moved to the others (two membership refreshes)"
