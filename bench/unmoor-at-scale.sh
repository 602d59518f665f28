#!/usr/bin/env bash
# Launches N moored instances (default 1,000, cpus 1 each) on 1,000 virtual agents of the simulator, deletes the app,
# and prints how long the launch and the clean-up took and what Mesos still holds; leftovers that no instance
# references (orphans) are then waited for until volume-gc-service destroys them (grace 30 s here). Runs its own stack on other
# ports (8181, 5151, 2479, 92xx) with its data in $SCALE_HOME (default /tmp/mooring-scale); stops it at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${N:-1000}"
export MOORING_HOME="${SCALE_HOME:-/tmp/mooring-scale}" MOORING_MESOS_PORT=5151 MOORING_HTTP_PORT=8181 \
  MOORING_ETCD_PORT=2479 MOORING_ETCD_PEER_PORT=2480 MOORING_DEFINITION_PORT=9201 MOORING_RESERVATION_PORT=9202 \
  MOORING_OFFER_PORT=9203 MOORING_GC_PORT=9204 MOORING_GC_INTERVAL="${MOORING_GC_INTERVAL:-2s}" \
  MOORING_GC_ORPHAN_GRACE="${MOORING_GC_ORPHAN_GRACE:-30s}"
API=http://127.0.0.1:8181
rm -rf "$MOORING_HOME" && mkdir -p "$MOORING_HOME"
"$ROOT/mooring" sim --agents=1000 --runner=virtual >"$MOORING_HOME/sim.out" 2>&1 &
SIM=$!
trap '"$ROOT/mooring" down >/dev/null 2>&1 || true; kill $SIM 2>/dev/null || true' EXIT
sleep 8
"$ROOT/mooring" up --detach --mesos-master http://127.0.0.1:5151 >"$MOORING_HOME/up.out" 2>&1

# Reserved resources and volumes of the framework's role on every agent, from the operator API.
held() {
  curl -s -X POST -H 'Content-Type: application/json' -H 'Accept: application/json' http://127.0.0.1:5151/api/v1 \
    -d '{"type":"GET_AGENTS"}' | python3 -c '
import json, sys
reserved = volumes = 0
for agent in json.load(sys.stdin)["get_agents"]["agents"]:
    for r in agent.get("total_resources", []):
        if r.get("reservations"):
            reserved += 1
            volumes += 1 if r.get("disk", {}).get("persistence") else 0
print(reserved, volumes)'
}
field() { curl -s "$API$1" | python3 -c "import json, sys; print($2)"; }
elapsed() { python3 -c "import time; print(round(time.time() - $1, 1))"; }

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
