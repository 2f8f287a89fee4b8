#!/usr/bin/env bash
# Installs what the namespace test bed needs (iproute2 for `ip netns`, veth and bridges;
# nftables for partitions), only when a tool is missing. Safe to run any number of times.
# Without root it installs nothing and says so: the bed's tests then skip themselves.
set -euo pipefail

missing=()
command -v ip  >/dev/null 2>&1 || missing+=(iproute2)
command -v nft >/dev/null 2>&1 || missing+=(nftables)

if [ ${#missing[@]} -eq 0 ]; then
    echo "multihost deps: iproute2 and nftables already installed"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "multihost deps: missing ${missing[*]}, but not root: not installing (the namespace tests will be skipped)" >&2
    exit 0
fi
echo "multihost deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
    apt-get update >/dev/null
    apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
}
command -v ip >/dev/null && command -v nft >/dev/null
echo "multihost deps: installed ${missing[*]}"
