#!/usr/bin/env bash
# What one gateway feature costs: a second gateway from the same jar, on port 8090, started like the running
# gateway-1 plus the given JVM options (a feature switched off), pinned to one core with wrk and the backend on the
# other, warmed up, then measured: requests per second and its CPU per request on the cached topic read. Run it once
# without options for the baseline, then once per option; compare within the same hour only. Needs a running local
# stack (./learnscale run --benchmark), wrk and taskset. Traffic goes to 127.0.0.1 only.
#   infra/bench/gateway-features.sh [warm-up seconds, default 90] [-Dproperty=value ...]
#   infra/bench/gateway-features.sh [warm-up seconds] bare     (the floor: infra/bare-gateway, every feature off)
# e.g. -Dlogging.level.io.learnscale.gateway.access=WARN (no access log), -Dlearnscale.rate-limit.enabled=false,
#      -Dmanagement.observations.enable.all=false (no observations: no http.server.requests, no spans)
set -euo pipefail
cd "$(dirname "$0")/../.."
source infra/bench/lib.sh # needs, cpu_ticks, hz, jvm_flags, await_answer, one_content_instance, instance_url, instance_pid, bare_gateway_jar
warmup=90
if [[ ${1:-} =~ ^[0-9]+$ ]]; then warmup=$1; shift; fi
path=/api/topics/horizontal-scaling
port=8090

needs "wrk util-linux" wrk taskset
# one content instance, warm: a second one, just started, would be measured instead
status=$(one_content_instance)
gateway_pid=$(instance_pid "$status" gateway-1)
backend=$(instance_url "$status" content-service-1)
backend_pid=$(instance_pid "$status" content-service-1)
java=$(readlink -f "/proc/$gateway_pid/exe")
jar=$(tr '\0' '\n' <"/proc/$gateway_pid/cmdline" | grep -m1 '\.jar$')
label=${*:-(as configured)}
if [ "${1:-}" = bare ]; then
  shift
  jar=$(bare_gateway_jar)
  label="bare (a Spring Cloud Gateway lb:// route, nothing else)"
fi
mapfile -t flags < <(jvm_flags "$gateway_pid")
mapfile -t environment < <(tr '\0' '\n' <"/proc/$gateway_pid/environ" | grep -E '^(LEARNSCALE|REDIS|SPRING|KAFKA|PATH|HOME)')

# core 1 for the gateway under test, core 0 for wrk and the backend; the rest of the stack, idle, where it likes
# (crowding it onto core 0 too slows the backend, and a gateway that waits longer per request costs more per request)
all_cores=0-$(($(nproc) - 1))
trap 'kill ${pid:-} 2>/dev/null; taskset -a -pc "$all_cores" "$backend_pid" >/dev/null 2>&1 || true' EXIT
taskset -a -pc 0 "$backend_pid" >/dev/null
log=.data/logs/gateway-features.log
env "${environment[@]}" BACKEND_URL="$backend" SERVER_PORT=$port MANAGEMENT_SERVER_PORT=$((port + 1000)) LEARNSCALE_INSTANCE_ID=gateway-features \
  taskset -c 1 "$java" "${flags[@]}" "$@" -jar "$jar" >"$log" 2>&1 &
pid=$!
await_answer "$pid" "http://127.0.0.1:$port$path" "$log"

taskset -c 0 wrk -t1 -c16 -d"${warmup}s" "http://127.0.0.1:$port$path" >/dev/null 2>&1
before=$(cpu_ticks "$pid"); backend_before=$(cpu_ticks "$backend_pid")
out=$(taskset -c 0 wrk -t1 -c16 -d10s "http://127.0.0.1:$port$path")
after=$(cpu_ticks "$pid"); backend_after=$(cpu_ticks "$backend_pid")
requests=$(awk '/requests in/ {print $1}' <<<"$out")
rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
python3 -c "print(f'gateway $label: {$rps:.0f} rps, {($after - $before) / $hz * 1e6 / $requests:.0f} CPU-µs/request (backend {($backend_after - $backend_before) / $hz * 1e6 / $requests:.0f}), non-2xx ${errors:-0}')"
