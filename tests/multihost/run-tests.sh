#!/usr/bin/env bash
# The multi-host tests: installs iproute2/nftables when missing (as root), then runs
# tests/Multihost.Tests. Tests that need namespaces skip themselves, with the reason, where
# the machine does not allow them (not root, `ip netns add` refused); the rest always run.
set -euo pipefail
cd "$(dirname "$0")/../.."
"$(dirname "$0")/install-deps.sh"
dotnet test tests/Multihost.Tests -c Release --logger "console;verbosity=normal" "$@"
