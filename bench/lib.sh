# Shared by the whole-stack measurements: a stack of its own on other ports (8181, 5151, 2479, 92xx) with its data in
# $SCALE_HOME (default /tmp/mooring-scale), on $AGENTS virtual agents of the simulator; stopped when the script exits.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export MOORING_HOME="${SCALE_HOME:-/tmp/mooring-scale}" MOORING_MESOS_PORT=5151 MOORING_HTTP_PORT=8181 \
  MOORING_ETCD_PORT=2479 MOORING_ETCD_PEER_PORT=2480 MOORING_DEFINITION_PORT=9201 MOORING_RESERVATION_PORT=9202 \
  MOORING_OFFER_PORT=9203 MOORING_GC_PORT=9204
API=http://127.0.0.1:8181
MASTER=http://127.0.0.1:5151

start_stack() {
  rm -rf "$MOORING_HOME" && mkdir -p "$MOORING_HOME"
  "$ROOT/mooring" sim --agents="${AGENTS:-1000}" --runner=virtual >"$MOORING_HOME/sim.out" 2>&1 &
  SIM=$!
  trap '"$ROOT/mooring" down >/dev/null 2>&1 || true; kill $SIM 2>/dev/null || true' EXIT
  sleep 8
  "$ROOT/mooring" up --detach --mesos-master "$MASTER" >"$MOORING_HOME/up.out" 2>&1
}

# "reserved volumes": reserved resources and persistent volumes of every agent, from the operator API.
held() {
  curl -s -X POST -H 'Content-Type: application/json' -H 'Accept: application/json' "$MASTER/api/v1" \
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
