#!/usr/bin/env bash
# What the gateway costs: the same read, straight to one content-service instance, through nginx as a
# reverse proxy, and through the gateway with every filter on. Prints throughput and CPU per request
# side by side, from one run on this machine. Needs a running local stack (./learnscale run) and
# wrk + nginx (Debian: apt-get install -y wrk nginx-light). Start the stack with --benchmark, so the
# gateway's rate limits do not answer 429 instead. Traffic goes to 127.0.0.1 only.
#   infra/bench/edge-cost.sh [seconds per run, default 10] [connections, default 16]
set -euo pipefail
cd "$(dirname "$0")/../.."
source infra/bench/lib.sh # cpu_ticks, hz
seconds=${1:-10}
connections=${2:-16}
path=/api/topics/horizontal-scaling

for tool in wrk nginx python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (Debian: apt-get install -y wrk nginx-light)"; exit 1; }
done
[ -f .data/launcher.json ] || { echo "start the stack first: ./learnscale run --benchmark"; exit 1; }

# One content instance, so direct, nginx and gateway all reach the same single backend.
./learnscale scale content-service 1 >/dev/null
status=$(./learnscale status)
backend=$(awk '$1 == "content-service-1" {print $2}' <<<"$status")
gateway=$(awk '$1 == "gateway-1" {print $2}' <<<"$status")
gateway_pid=$(awk '$1 == "gateway-1" {print $4}' <<<"$status")
backend_pid=$(awk '$1 == "content-service-1" {print $4}' <<<"$status")

work=.data/bench/nginx
mkdir -p "$work/logs"
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $PWD/$work/nginx.pid;
error_log $PWD/$work/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  upstream content { server ${backend#http://}; keepalive 64; }
  server {
    listen 127.0.0.1:18080;
    location / {
      proxy_pass http://content;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
CONF
nginx -p "$PWD/$work" -c "$PWD/$work/nginx.conf"
trap 'nginx -p "$PWD/$work" -c "$PWD/$work/nginx.conf" -s stop 2>/dev/null || true' EXIT
sleep 1
nginx_pids() { echo "$(cat "$work/nginx.pid") $(pgrep -P "$(cat "$work/nginx.pid")" | tr '\n' ' ')"; }

run() { # label url pids...
  local label=$1 url=$2; shift 2
  wrk -t1 -c"$connections" -d"${WARMUP:-15}s" "$url$path" >/dev/null 2>&1 # warm-up: let the JIT finish
  local before after out requests rps
  before=$(cpu_ticks "$@")
  out=$(wrk -t1 -c"$connections" -d"${seconds}s" "$url$path")
  after=$(cpu_ticks "$@")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  local errors; errors=$(awk '/Non-2xx/ {print $5}' <<<"$out"); errors=${errors:-0}
  python3 - "$label" "$rps" "$requests" "$before" "$after" "$hz" "$errors" <<'PY'
import sys
label, rps, requests, before, after, hz, errors = sys.argv[1:]
cpu_us = (int(after) - int(before)) / int(hz) * 1e6 / int(requests)
print(f"{label:<28} {float(rps):>10.0f} rps   {cpu_us:>7.1f} CPU-µs/request (of the measured process)   non-2xx {errors}")
PY
}

echo "GET $path, wrk -t1 -c$connections, ${seconds}s each, $(nproc) cores"
direct=$(run "direct (content-service-1)" "$backend" "$backend_pid")
echo "$direct"
proxied=$(run "nginx reverse proxy" "http://127.0.0.1:18080" $(nginx_pids))
echo "$proxied"
edge=$(run "gateway (all filters)" "$gateway" "$gateway_pid")
echo "$edge"
python3 - "$direct" "$proxied" "$edge" <<'PY'
import re, sys
def parse(line):
    rps, cpu = re.findall(r"([\d.]+) (?:rps|CPU)", line)
    return float(rps), float(cpu)
direct, nginx, gateway = (parse(l) for l in sys.argv[1:])
print(f"gateway ÷ direct throughput      {gateway[0] / direct[0]:.2f}   (target ≥ 0.40)")
print(f"gateway ÷ nginx CPU per request  {gateway[1] / nginx[1]:.1f}×  (target ≤ 4×)")
PY
./learnscale scale content-service 2 >/dev/null
