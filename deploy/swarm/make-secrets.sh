#!/usr/bin/env bash
# Makes what the stack file (gossipsim.yml) hands out as Docker secrets, with the node image
# itself: a cluster key, one node key per seed, and the seed list that names each seed by host
# (seed-0:5001) pinned by its public key; and the operator's key, whose public half the list pins
# ("operator KEY") so that the seed set can change by vote (replace-seed.sh; no node gets its
# private half).   usage: make-secrets.sh DIR [SEEDS (3)]
# Keep DIR private (mode 700): whoever holds the cluster key can join the network, whoever holds
# operator.key can change the seed set.
set -euo pipefail
dir=${1:?usage: make-secrets.sh DIR [SEEDS]}
seeds=${2:-3}
image=${GOSSIPSIM_IMAGE:-gossipsim-node:latest}
mkdir -p "$dir" && chmod 700 "$dir"
dir=$(cd "$dir" && pwd)
keygen() { docker run --rm --user "$(id -u):$(id -g)" -v "$dir:/keys" "$image" keygen "$@"; }
[ -e "$dir/cluster.key" ] || keygen --out /keys/cluster.key >/dev/null
list="# GossipSim seed list: seeds by host name on the stack's network, each pinned by its public key"$'\n'
for i in $(seq 0 $((seeds - 1))); do
  if [ ! -e "$dir/seed-$i.key" ]; then
    keygen --node --out "/keys/seed-$i.key" | sed -n 's/^public key: //p' >"$dir/seed-$i.pub"
  fi
  list+="seed-$i:5001 $(cat "$dir/seed-$i.pub")"$'\n'
done
if [ ! -e "$dir/operator.key" ]; then
  keygen --node --out /keys/operator.key | sed -n 's/^public key: //p' >"$dir/operator.pub"
fi
list+="operator $(cat "$dir/operator.pub")"$'\n'
printf '%s' "$list" >"$dir/seeds.txt"
echo "wrote $dir: cluster.key, seed-0..$((seeds - 1)).key, operator.key and seeds.txt ($seeds seeds, pinned, and the operator's key)"
