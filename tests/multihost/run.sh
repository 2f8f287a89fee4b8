#!/usr/bin/env bash
# Runs a scenario on the namespace test bed: every seed and peer a real node process in its
# own network namespace (its own host and address on 10.77.0.0/16), faults applied by the bed.
# Needs root. Usage, from anywhere:  tests/multihost/run.sh [scenario.json] [more Scenarios options]
# The default scenario is the headline, crash-hub.json. Results go to results/<name>/ as usual.
set -euo pipefail
cd "$(dirname "$0")/../.."
"$(dirname "$0")/install-deps.sh"
scenario="${1:-crash-hub.json}"
shift || true
dotnet build Scenarios -c Release -nologo -v quiet
exec dotnet Scenarios/bin/Release/net10.0/GossipSim.Scenarios.dll "$scenario" --runtime netns "$@"
