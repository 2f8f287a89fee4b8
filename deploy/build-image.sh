#!/usr/bin/env bash
# Builds the node image gossipsim-node:latest from local parts only (no image registry):
#   1. the base, gossipsim-base:bookworm: a Debian minbase root made by debootstrap (from Debian's
#      package mirror) and loaded with `docker import`; made once, skipped when it exists with
#      the packages named below (its label says which it has);
#   2. the node, published on this machine self-contained for linux-x64 (native, NativeAOT,
#      when clang is installed; else on the JIT), into deploy/.build/node;
#   3. `docker build --target local` of deploy/Dockerfile from deploy/.build (cached when nothing changed).
# With --host DIR --entry FILE, step 2 and 3 make a GossipSim host's image instead (a user's project that is its own node
# program, docs/extending.md): the host's own build in DIR and this machine's .NET runtime, on the same base, by
# deploy/Dockerfile.host; its nodes run `FILE node ...`. The docker runtime of a host calls it so (this script ships in the
# GossipSim.Scenarios package, into the host's output folder).
# With --base-only, step 1 alone (CI makes the base beside the build, as debootstrap waits on the mirror, not the cores).
# Needs root (debootstrap) and a running Docker engine: the one DOCKER_HOST names, when it does
# (the base is made here and imported there; the image is built there). Any failing step is named in one line.
#   usage: deploy/build-image.sh [--tag gossipsim-node:latest] [--mirror http://deb.debian.org/debian] [--host DIR --entry FILE]
#          deploy/build-image.sh --base-only [--mirror URL]
set -euo pipefail
cd "$(dirname "$0")/.."
tag=gossipsim-node:latest
base=gossipsim-base:bookworm
mirror=http://deb.debian.org/debian
host=""
entry=""
base_only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) tag=$2; shift 2 ;;
    --mirror) mirror=$2; shift 2 ;;
    --host) host=$2; shift 2 ;;
    --entry) entry=$2; shift 2 ;;
    --base-only) base_only=1; shift ;;
    *) echo "error: unknown option $1 (usage: deploy/build-image.sh [--tag NAME:TAG] [--mirror URL] [--host DIR --entry FILE | --base-only])" >&2; exit 2 ;;
  esac
done
step() { echo "== $*"; }
fail() { echo "error: image build failed at step '$1': $2" >&2; exit 1; }
# When this build was made, as the image's label gossipsim.made (the docker runtime reads it): a build from unchanged parts is
# Docker's cached image, whose own creation time is the first build's, so a run that finds sources touched since (a fresh clone,
# a checkout) would rebuild it at every run. Taken at the start: a source edited while the build runs still counts as newer.
made=$(date -u +%Y-%m-%dT%H:%M:%SZ)
if [ -n "$host$entry" ]; then
  [ -n "$host" ] && [ -n "$entry" ] || fail "options" "--host and --entry go together (the host's build folder and its program's file in it)"
  [ -f "$host/$entry" ] || fail "options" "$host/$entry does not exist (build the host first: dotnet build)"
fi

docker info >/dev/null 2>&1 || fail "docker engine" "no Docker engine answers: apt-get install docker.io, then start dockerd (dockerd >/var/log/dockerd.log 2>&1 &)"

# libssl3: the node's keys and sealed sessions (ECDSA, AES-GCM) use OpenSSL. nftables: the docker
# runtime's partitions and loss, entered into a node's container with `docker exec` (about 2 MB).
packages=libssl3,nftables
if [ "$(docker image inspect -f '{{index .Config.Labels "gossipsim.base.packages"}}' "$base" 2>/dev/null)" = "$packages" ]; then
  step "base $base exists (docker rmi $base to make it again)"
else
  step "base $base: debootstrap --variant=minbase --include=$packages bookworm from $mirror"
  command -v debootstrap >/dev/null || fail "base" "debootstrap is not installed: apt-get install debootstrap"
  root=$(mktemp -d /tmp/gossipsim-base.XXXXXX)
  trap 'rm -rf "$root"' EXIT
  log=$(mktemp)
  debootstrap --variant=minbase --include=$packages bookworm "$root" "$mirror" >"$log" 2>&1 \
    || fail "base" "debootstrap failed: $(tail -1 "$log")"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -c . | docker import -c 'CMD ["/bin/bash"]' -c "LABEL gossipsim.base.packages=$packages" - "$base" >/dev/null || fail "base" "docker import failed"
  rm -rf "$root"
  trap - EXIT
fi

[ -n "$base_only" ] && exit 0

if [ -n "$host" ]; then
  step "host: $entry and its folder $host, with this machine's .NET runtime"
  context=$(mktemp -d /tmp/gossipsim-host-image.XXXXXX)
  trap 'rm -rf "$context"' EXIT
  mkdir -p "$context/app"
  # The host's build, without the recipe this script ships there.
  tar -C "$host" --exclude=./deploy -c . | tar -C "$context/app" -x || fail "host" "copying $host failed"
  case "$entry" in
    *.dll)
      # A framework-dependent host: the muxer, its resolver and the shared frameworks it names (runtimeconfig.json), newest of each.
      root=$(dirname "$(readlink -f "$(command -v dotnet)")")
      [ -x "$root/dotnet" ] || fail "host" "no .NET runtime found beside the dotnet command ($root)"
      mkdir -p "$context/dotnet/host" "$context/dotnet/shared"
      cp -p "$root/dotnet" "$context/dotnet/" && cp -rp "$root/host/fxr" "$context/dotnet/host/" || fail "host" "copying the .NET host from $root failed"
      config="$host/${entry%.dll}.runtimeconfig.json"
      for fw in $(grep -o '"name": *"[^"]*"' "$config" 2>/dev/null | sed 's/.*"\([^"]*\)"$/\1/'); do
        newest=$(ls "$root/shared/$fw" 2>/dev/null | sort -V | tail -1)
        [ -n "$newest" ] || fail "host" "the framework $fw the host names is not installed in $root"
        mkdir -p "$context/dotnet/shared/$fw"
        cp -rp "$root/shared/$fw/$newest" "$context/dotnet/shared/$fw/" || fail "host" "copying $fw $newest failed"
      done
      printf '#!/bin/sh\nexec /opt/dotnet/dotnet /opt/gossipsim/app/%s node "$@"\n' "$entry" >"$context/node" ;;
    *)
      mkdir -p "$context/dotnet"   # a self-contained host has its runtime in its own folder
      printf '#!/bin/sh\nexec /opt/gossipsim/app/%s node "$@"\n' "$entry" >"$context/node" ;;
  esac
  cp -p deploy/healthy "$context/healthy"
  chmod 755 "$context/node" "$context/healthy"
  step "image $tag (deploy/Dockerfile.host, on $base)"
  previous=$(docker image inspect -f '{{.Id}}' "$tag" 2>/dev/null || true)
  log=$(mktemp)
  docker build -q --build-arg LOCAL_BASE="$base" --label "gossipsim.made=$made" -f deploy/Dockerfile.host -t "$tag" "$context" >"$log" 2>&1 \
    || fail "docker build" "$(grep -vE '^(DEPRECATED|Install the buildx|  *|$)' "$log" | tail -1)"
  if [ -n "$previous" ] && [ "$previous" != "$(docker image inspect -f '{{.Id}}' "$tag")" ]; then docker rmi "$previous" >/dev/null 2>&1 || true; fi
  step "built $tag ($(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}'), host $entry)"
  exit 0
fi

step "node: dotnet publish RealNet -r linux-x64 --self-contained into deploy/.build/node"
# With the properties the build's native node is published with (Scenarios.csproj, PublishNativeNode: the same linker, heap
# cap and RealNet's own PublishAot), so that after `dotnet build -p:NodeNative=true` this publish is incremental: 4 s, not the
# 30 s of a NativeAOT compile with other global properties (2026-12-02), and the same executable byte for byte.
if command -v clang >/dev/null 2>&1; then native=(-p:CppCompilerAndLinker=clang)
elif command -v clang-14 >/dev/null 2>&1; then native=(-p:CppCompilerAndLinker=clang-14)
else native=(-p:PublishAot=false); fi
mkdir -p deploy/.build
log=$(mktemp)
dotnet publish RealNet -c Release -r linux-x64 --self-contained "${native[@]}" -p:NodeGCHeapHardLimit=268435456 \
  -o deploy/.build/node.new >"$log" 2>&1 || fail "publish" "$(grep -E 'error' "$log" | head -1)"
rm -f deploy/.build/node.new/*.dbg deploy/.build/node.new/*.pdb
# Only a changed node changes the build context: the image build below is then cached.
if [ -d deploy/.build/node ] && diff -rq deploy/.build/node deploy/.build/node.new >/dev/null 2>&1; then
  rm -rf deploy/.build/node.new
else
  rm -rf deploy/.build/node && mv deploy/.build/node.new deploy/.build/node
fi
cp -p deploy/healthy deploy/.build/healthy

step "image $tag (deploy/Dockerfile, target local, on $base)"
previous=$(docker image inspect -f '{{.Id}}' "$tag" 2>/dev/null || true)
log=$(mktemp)
docker build -q --target local --build-arg LOCAL_BASE="$base" --label "gossipsim.made=$made" -f deploy/Dockerfile -t "$tag" deploy/.build >"$log" 2>&1 \
  || fail "docker build" "$(grep -vE '^(DEPRECATED|Install the buildx|  *|$)' "$log" | tail -1)"
# The image this one replaces, untagged now, is removed (unless a container still uses it).
if [ -n "$previous" ] && [ "$previous" != "$(docker image inspect -f '{{.Id}}' "$tag")" ]; then docker rmi "$previous" >/dev/null 2>&1 || true; fi
step "built $tag ($(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}'), node $([ "${native[0]}" = -p:PublishAot=false ] && echo JIT || echo native))"
