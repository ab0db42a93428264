#!/usr/bin/env bash
# What the gateway costs: the same read, straight to one content-service instance, through nginx as a
# reverse proxy, through a bare Spring Cloud Gateway route (infra/bare-gateway: the floor of the framework
# DESIGN names), and through the gateway with every filter on. Prints throughput and CPU per request
# side by side. The four take turns, round after round, and the medians count: this machine's figures
# drift by a third between runs a minute apart, so one run of each would compare different moments.
# The ratios are the medians of each round's own ratios. Needs a running local stack (./learnscale run)
# and wrk + nginx (Debian: apt-get install -y wrk nginx-light). Start the stack with --benchmark, so the
# gateway's rate limits do not answer 429 instead. Traffic goes to 127.0.0.1 only.
#   infra/bench/edge-cost.sh [seconds per run, default 10] [connections, default 16] [rounds, default 3]
# WARMUP (seconds, default 15) warms direct and nginx before the rounds; GATEWAY_WARMUP (default 90) each gateway.
set -euo pipefail
cd "$(dirname "$0")/../.."
source infra/bench/lib.sh # needs, cpu_ticks, hz, jvm_flags, await_answer, one_content_instance, instance_url, instance_pid, bare_gateway_jar
seconds=${1:-10}
connections=${2:-16}
rounds=${3:-3}
path=/api/topics/horizontal-scaling

needs "wrk nginx-light python3" wrk nginx python3

# One content instance, so every path reaches the same single backend.
status=$(one_content_instance)
backend=$(instance_url "$status" content-service-1)
gateway=$(instance_url "$status" gateway-1)
gateway_pid=$(instance_pid "$status" gateway-1)
backend_pid=$(instance_pid "$status" content-service-1)

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
trap 'nginx -p "$PWD/$work" -c "$PWD/$work/nginx.conf" -s stop 2>/dev/null || true; kill ${bare_pid:-} 2>/dev/null || true' EXIT
sleep 1
nginx_pids() { echo "$(cat "$work/nginx.pid") $(pgrep -P "$(cat "$work/nginx.pid")" | tr '\n' ' ')"; }

# The bare route runs on the same JVM, with the same -X flags as gateway-1.
bare=http://127.0.0.1:18090
bare_jar=$(bare_gateway_jar)
mapfile -t flags < <(jvm_flags "$gateway_pid")
SERVER_PORT=${bare##*:} BACKEND_URL=$backend "$(readlink -f "/proc/$gateway_pid/exe")" "${flags[@]}" -jar "$bare_jar" \
  >.data/logs/bare-gateway.log 2>&1 &
bare_pid=$!
await_answer "$bare_pid" "$bare$path" .data/logs/bare-gateway.log

warm() { # url: let the JIT finish
  wrk -t1 -c"$connections" -d"${WARMUP:-15}s" "$1$path" >/dev/null 2>&1
}

measure() { # label url pids... → "label rps cpu-µs errors"
  local label=$1 url=$2; shift 2
  local before after out requests rps errors
  before=$(cpu_ticks "$@")
  out=$(wrk -t1 -c"$connections" -d"${seconds}s" "$url$path")
  after=$(cpu_ticks "$@")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  python3 -c "print('$label', $rps, ($after - $before) / $hz * 1e6 / $requests, ${errors:-0})"
}

echo "GET $path, wrk -t1 -c$connections, ${seconds}s each, $rounds rounds of direct, nginx, bare, gateway in turn, $(nproc) cores"
warm "$backend"
warm "http://127.0.0.1:18080"
# a gateway's JIT needs minutes: the bare one has just started, gateway-1 may have too (benchmarks.sh)
WARMUP=${GATEWAY_WARMUP:-90} warm "$bare"
WARMUP=${GATEWAY_WARMUP:-90} warm "$gateway"
results=$(
  for round in $(seq "$rounds"); do
    measure direct "$backend" "$backend_pid"
    measure nginx "http://127.0.0.1:18080" $(nginx_pids)
    measure bare "$bare" "$bare_pid"
    measure gateway "$gateway" "$gateway_pid"
  done
)
python3 - "$results" <<'PY'
import statistics, sys
runs = {}
for line in sys.argv[1].splitlines():
    label, rps, cpu, errors = line.split()
    runs.setdefault(label, []).append((float(rps), float(cpu), int(errors)))
names = {"direct": "direct (content-service-1)", "nginx": "nginx reverse proxy", "bare": "bare SCG lb:// route",
         "gateway": "gateway (all filters)"}
for label, measured in runs.items():
    print(f"  {label:<8} each round: " + ", ".join(f"{rps:.0f} rps {cpu:.0f} µs" for rps, cpu, _ in measured))
median = {}
for label, measured in runs.items():
    median[label] = (statistics.median(m[0] for m in measured), statistics.median(m[1] for m in measured))
    errors = sum(m[2] for m in measured)
    print(f"{names[label]:<28} {median[label][0]:>10.0f} rps   {median[label][1]:>7.1f} CPU-µs/request "
          f"(of the measured process; medians)   non-2xx {errors}")
rounds = list(zip(runs["direct"], runs["nginx"], runs["bare"], runs["gateway"]))
def ratio(of):  # the median of each round's own ratio
    return statistics.median(of(*round) for round in rounds)
print(f"gateway ÷ direct throughput      {ratio(lambda d, n, b, g: g[0] / d[0]):.2f}   (target ≥ 0.40)")
print(f"gateway ÷ nginx CPU per request  {ratio(lambda d, n, b, g: g[1] / n[1]):.1f}×  (target ≤ 4×)")
print(f"bare ÷ direct throughput         {ratio(lambda d, n, b, g: b[0] / d[0]):.2f}   (the framework's floor)")
print(f"bare ÷ nginx CPU per request     {ratio(lambda d, n, b, g: b[1] / n[1]):.1f}×")
print(f"gateway ÷ bare CPU per request   {ratio(lambda d, n, b, g: g[1] / b[1]):.1f}×  (what every filter adds)")
PY
./learnscale scale content-service 2 >/dev/null
