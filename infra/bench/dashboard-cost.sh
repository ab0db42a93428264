#!/usr/bin/env bash
# What the live dashboard costs the instances it watches. While anyone has the page (or its feed) open, the gateway
# scrapes every instance once a second, asking only for the three metric families the page shows. This measures:
#   1. the CPU one such scrape costs a content-service instance, next to a full Prometheus scrape of it;
#   2. the CPU of the gateway and of all instances together with no viewer, one viewer and five viewers (the
#      scrapes are shared, so five viewers should cost what one does);
#   3. reads through the gateway at full speed, without and with a viewer: throughput and the content instances'
#      CPU per request.
# Needs a running stack (./learnscale run --benchmark, so the rate limits stay out of the way) and wrk (Debian:
# apt-get install -y wrk). Nobody else should watch the dashboard meanwhile. Traffic goes to 127.0.0.1 only.
#   infra/bench/dashboard-cost.sh [seconds per run, default 20] [data folder, default .data] [gateway, default http://127.0.0.1:8080]
set -euo pipefail
cd "$(dirname "$0")/../.."
source infra/bench/lib.sh # needs, cpu_ticks, hz
seconds=${1:-20}
data=${2:-.data}
gateway=${3:-http://127.0.0.1:8080}
read_path=/api/topics/horizontal-scaling
# what the feed asks for (gateway dashboard/Reading): the families and their sample names
families="cache_gets,cache_gets_total,http_server_requests_seconds,http_server_requests_seconds_bucket"
families="$families,http_server_requests_seconds_count,learnscale_consumer_lag"

needs "wrk curl python3 iproute2" wrk curl python3 ss
[ -f "$data/instances.json" ] || { echo "no $data/instances.json: start the stack first (./learnscale run --benchmark)"; exit 1; }
curl -sf -o /dev/null "$gateway/dashboard" || { echo "no dashboard at $gateway/dashboard"; exit 1; }

pid_on() { # the pid listening on a URL's port
  local port=${1##*:}
  ss -ltnpH "sport = :${port%%/*}" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2
}

# service id managementUrl, one line each
instances=$(python3 -c 'import json,sys; [print(i["service"], i["id"], i["managementUrl"]) for i in json.load(open(sys.argv[1]))]' "$data/instances.json")
instance_pids=$(while read -r _ _ management; do pid_on "$management"; done <<<"$instances" | tr '\n' ' ')
content_management=$(awk '$1 == "content-service" {print $3; exit}' <<<"$instances")
content_id=$(awk '$1 == "content-service" {print $2; exit}' <<<"$instances")
content_pid=$(pid_on "$content_management")
content_pids=$(awk '$1 == "content-service" {print $3}' <<<"$instances" | while read -r m; do pid_on "$m"; done | tr '\n' ' ')
gateway_pid=$(pid_on "$gateway")
echo "$(wc -l <<<"$instances") instances, gateway $gateway (pid $gateway_pid), ${seconds}s per run, $(nproc) cores"

viewers=()
open_viewers() { local n; for ((n = 0; n < $1; n++)); do curl -sN "$gateway/dashboard/feed" >/dev/null & viewers+=($!); done; }
close_viewers() {
  [ ${#viewers[@]} -eq 0 ] || kill "${viewers[@]}" 2>/dev/null || true
  viewers=()
  sleep 12 # the feed goes on 10 s after its last viewer left (learnscale.dashboard.linger)
}
trap 'close_viewers >/dev/null 2>&1 || true' EXIT

# some reads first, so the instances have the request histograms a scrape then carries
for path in $read_path /api/topics /api/quizzes/scaling-techniques '/api/search?q=scaling'; do
  wrk -t1 -c2 -d3s "$gateway$path" >/dev/null 2>&1
done

echo
echo "1. One scrape of $content_id, CPU of that instance (wrk -t1 -c1, after a 5 s warm-up)"
scrape() { # label url
  local label=$1 url=$2 before after out requests bytes
  wrk -t1 -c1 -d5s "$url" >/dev/null 2>&1
  bytes=$(curl -s "$url" | wc -c)
  before=$(cpu_ticks "$content_pid")
  out=$(wrk -t1 -c1 -d"${seconds}s" "$url")
  after=$(cpu_ticks "$content_pid")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  python3 -c 'import sys; l,b,a,hz,n,by=sys.argv[1:]; print(f"   {l:<34} {(int(a)-int(b))/int(hz)*1e6/int(n):>8.0f} CPU-µs per scrape, {int(by)/1024:>6.1f} KiB")' \
    "$label" "$before" "$after" "$hz" "$requests" "$bytes"
}
scrape "the dashboard's (3 families)" "$content_management/actuator/prometheus?includedNames=$families"
scrape "Prometheus' (everything)" "$content_management/actuator/prometheus"

echo
echo "2. CPU used while idle, per viewer count (ms of CPU per second = 0.1 % of one core)"
watch_cost() { # viewers
  open_viewers "$1"
  sleep 3
  local g0 i0 g1 i1
  g0=$(cpu_ticks "$gateway_pid"); i0=$(cpu_ticks $instance_pids)
  sleep "$seconds"
  g1=$(cpu_ticks "$gateway_pid"); i1=$(cpu_ticks $instance_pids)
  python3 -c 'import sys; v,g0,g1,i0,i1,hz,s=sys.argv[1:]; f=lambda a,b: (int(b)-int(a))/int(hz)*1000/int(s); print(f"   {v} viewer(s): gateway {f(g0,g1):6.1f} ms/s, all instances together {f(i0,i1):6.1f} ms/s")' \
    "$1" "$g0" "$g1" "$i0" "$i1" "$hz" "$seconds"
  close_viewers
}
watch_cost 0
watch_cost 1
watch_cost 5

echo
echo "3. Reads through the gateway (wrk -t1 -c8 GET $read_path), without and with a viewer"
load() { # viewers
  open_viewers "$1"
  sleep 3
  wrk -t1 -c8 -d5s "$gateway$read_path" >/dev/null 2>&1
  local before after out requests rps
  before=$(cpu_ticks $content_pids)
  out=$(wrk -t1 -c8 -d"${seconds}s" "$gateway$read_path")
  after=$(cpu_ticks $content_pids)
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  python3 -c 'import sys; v,rps,n,b,a,hz,s=sys.argv[1:]; t=(int(a)-int(b))/int(hz); print(f"   {v} viewer(s): {float(rps):7.0f} req/s, content instances {t*1e6/int(n):6.0f} CPU-µs per request, {t*100/int(s):5.1f} % of a core")' \
    "$1" "$rps" "$requests" "$before" "$after" "$hz" "$seconds"
  close_viewers
}
load 0
load 1
