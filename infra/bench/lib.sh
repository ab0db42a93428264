# Sourced by the benchmark scripts in this folder (after they cd to the repository root): CPU time of processes,
# read from /proc, so a run can say how much CPU each request or scrape cost; the tools a script needs; the local
# stack's instances.

needs() { # "Debian packages" tool...: stop unless every tool is on the PATH, naming the packages that bring them
  local packages=$1 tool
  shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "needs $tool (Debian: apt-get install -y $packages)" >&2; exit 1; }
  done
}

instance_url() { # status id: the URL of one instance, from the output of ./learnscale status
  awk -v id="$2" '$1 == id {print $2}' <<<"$1"
}

instance_pid() { # status id: its pid
  awk -v id="$2" '$1 == id {print $4}' <<<"$1"
}

cpu_ticks() { # user+system clock ticks of the given pids
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
hz=$(getconf CLK_TCK) # clock ticks per second

await_idle() { # pid: wait (at most 60 s) until the process uses under a tenth of a core, e.g. a worker whose backlog drained
  local _ before
  for _ in $(seq 60); do
    before=$(cpu_ticks "$1")
    sleep 1
    [ $(($(cpu_ticks "$1") - before)) -lt $((hz / 10)) ] && return
  done
}

until_steady() { # wrk-args...: 10 s windows of wrk -t1 -c16 until three in a row set no record (none beats the best
  # before it by more than 5 %; at most 24 windows); prints how many it took. A cold JVM's rate climbs for minutes while
  # the JIT compiles what the load runs, with short plateaus on the way (2026-12-07, attempts on a fresh stack:
  # 50 94 147 208 214 245 294 290 372 423 442 560 719 884 924 838 891 934 954 1051 1000 988 988 1009 req/s), so two
  # windows that agree are not yet steady
  local window rps best=0 calm=0
  for window in $(seq 1 24); do
    rps=$(wrk -t1 -c16 -d10s "$@" | awk '/Requests\/sec/ {print $2}')
    if python3 -c "import sys; sys.exit($rps <= 1.05 * $best)"; then
      calm=0
    else
      calm=$((calm + 1))
    fi
    best=$(python3 -c "print(max($rps, $best))")
    [ "$calm" -ge 3 ] && break
  done
  echo "$window"
}

median() { # numbers...: their median
  python3 -c "import statistics, sys; print(statistics.median(map(float, sys.argv[1:])))" "$@"
}

jvm_flags() { # the -X options a running JVM was started with, one per line: start another one like it
  tr '\0' '\n' <"/proc/$1/cmdline" | grep '^-X'
}

await_answer() { # pid url log: wait until the url answers 2xx; stop the script if the process dies first
  local _
  for _ in $(seq 120); do
    curl -sf -o /dev/null "$2" && return
    kill -0 "$1" 2>/dev/null || { echo "it did not start: $3"; exit 1; }
    sleep 1
  done
  echo "no answer from $2 within 120 s: $3"
  exit 1
}

one_content_instance() { # stop unless the local stack runs; scale content-service to one warm instance; print ./learnscale status
  [ -f .data/launcher.json ] || { echo "start the stack first: ./learnscale run --benchmark" >&2; exit 1; }
  ./learnscale scale content-service 1 >/dev/null
  ./learnscale status
}

bare_gateway_jar() { # the jar of infra/bare-gateway, built by ./learnscale run; stop if it is missing
  local jar
  jar=$(ls infra/bare-gateway/target/bare-gateway-*.jar 2>/dev/null | head -1)
  [ -n "$jar" ] || { echo "build it first: ./mvnw -B -q -pl infra/bare-gateway -am package -DskipTests" >&2; exit 1; }
  echo "$jar"
}
