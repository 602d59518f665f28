#!/usr/bin/env bash
# A launch storm: APPS apps of PER_APP instances each (default 10 x 100) POSTed at once on 1,000 virtual agents, each
# instance cpus $CPUS (default 1: 4 per agent; 0.01 packs hundreds per agent), mem 8 and a 1 MiB root volume. Prints
# progress, then what a user would check: every instance running, once, on one volume, no stray kill, and the
# master still answering /master/state promptly. TIMEOUT (default 300 s) bounds the wait. The stack: lib.sh.
set -euo pipefail
APPS="${APPS:-10}" PER_APP="${PER_APP:-100}" CPUS="${CPUS:-1}" TIMEOUT="${TIMEOUT:-300}"
N=$((APPS * PER_APP))
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
start_stack

running() { field /v2/apps 'sum(a["tasksRunning"] for a in json.load(sys.stdin)["apps"])'; }

start=$(date +%s.%N)
posts=()
for i in $(seq 1 "$APPS"); do
  curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' "$API/v2/apps" --data "{\"id\": \"/storm-$i\",
    \"cmd\": \"sleep 100000\", \"cpus\": $CPUS, \"mem\": 8, \"disk\": 0, \"instances\": $PER_APP,
    \"container\": {\"type\": \"MESOS\", \"volumes\": [{\"containerPath\": \"data\", \"mode\": \"RW\",
    \"persistent\": {\"type\": \"root\", \"size\": 1}}]}}" &
  posts+=($!)
done
wait "${posts[@]}"
last=0
until [ "$(running)" = "$N" ] || [ "$(elapsed "$start" | cut -d. -f1)" -ge "$TIMEOUT" ]; do
  sleep 2
  now=$(elapsed "$start" | cut -d. -f1)
  if [ $((now / 10)) -gt $((last / 10)) ]; then echo "  ${now} s: $(running) of $N running"; last=$now; fi
done
took=$(elapsed "$start")
read -r reserved volumes <<<"$(held)"
log="$MOORING_HOME/logs/offer-service.log"
relaunched=$(for i in $(seq 1 "$APPS"); do curl -s "$API/v2/apps/storm-$i/tasks"; done | python3 -c '
import json, sys
text = sys.stdin.read().replace("}{", "}\n{")
print(sum(1 for line in text.splitlines() for t in json.loads(line)["tasks"] if not t["id"].endswith("._app.1")))')
twice=$(grep -o 'accepted offer .* for \[.*\]' "$log" | sed 's/.* for \[\(.*\)\]/\1/' | tr ',' '\n' | tr -d ' ' |
  sort | uniq -d | wc -l)
state=$(curl -s -o /dev/null -w '%{time_total} s, %{size_download} bytes' "$MASTER/master/state")
health=$(curl -s -o /dev/null -w '%{time_total} s' -X POST -H 'Content-Type: application/json' \
  -H 'Accept: application/json' "$MASTER/api/v1" -d '{"type":"GET_HEALTH"}')
echo "storm of $N instances at cpus $CPUS: $(running) running after $took s"
echo "  Mesos holds $volumes volumes and $reserved reserved resources"
echo "  instances accepted in two offers: $twice; tasks past their first incarnation: $relaunched;" \
  "stray kills: $(grep -c 'killing stray task' "$log" || true); claims refused:" \
  "$(grep -c 'claim of .* refused' "$log" || true)"
echo "  /master/state answered in $state; GET_HEALTH in $health"
