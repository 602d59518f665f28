#!/usr/bin/env bash
# Launches N moored instances (default 1,000, cpus 1 each) on 1,000 virtual agents of the simulator, deletes the app,
# and prints how long the launch and the clean-up took and what Mesos still holds; leftovers that no instance
# references (orphans) are then waited for until volume-gc-service destroys them (grace 30 s here). The stack: lib.sh.
set -euo pipefail
N="${N:-1000}"
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export MOORING_GC_INTERVAL="${MOORING_GC_INTERVAL:-2s}" MOORING_GC_ORPHAN_GRACE="${MOORING_GC_ORPHAN_GRACE:-30s}"
start_stack

start=$(date +%s.%N)
curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' "$API/v2/apps" --data "{\"id\": \"/scale\",
  \"cmd\": \"sleep 3600\", \"cpus\": 1, \"mem\": 32, \"instances\": $N,
  \"container\": {\"volumes\": [{\"containerPath\": \"data\", \"mode\": \"RW\", \"persistent\": {\"size\": 1}}]}}"
until [ "$(field /v2/apps/scale 'json.load(sys.stdin)["app"]["tasksRunning"]')" = "$N" ]; do sleep 1; done
read -r reserved volumes <<<"$(held)"
echo "launch: $N instances running after $(elapsed "$start") s; Mesos holds $volumes volumes, $reserved reserved resources"

start=$(date +%s.%N)
curl -sf -o /dev/null -X DELETE "$API/v2/apps/scale"
until [ "$(field /v2/deployments 'len(json.load(sys.stdin))')" = 0 ]; do sleep 1; done
read -r reserved volumes <<<"$(held)"
orphans=$(field "/v2/volumes?status=orphaned" 'len(json.load(sys.stdin)["volumes"])')
echo "delete: deployment finished after $(elapsed "$start") s; Mesos holds $volumes volumes, $reserved reserved" \
  "resources; $orphans orphans wait out the grace period"
echo "volume-gc-service: $(grep -c 'destroyed volumes' "$MOORING_HOME/logs/volume-gc-service.log") DESTROY calls," \
  "$(grep -c 'unreserved' "$MOORING_HOME/logs/volume-gc-service.log") UNRESERVE calls," \
  "$(grep -c ' WARN ' "$MOORING_HOME/logs/volume-gc-service.log") warnings"
if [ "$orphans" != 0 ]; then
  until [ "$(held)" = "0 0" ]; do sleep 2; done
  echo "orphans: destroyed and unreserved $(elapsed "$start") s after the delete; Mesos holds nothing of the app"
fi
