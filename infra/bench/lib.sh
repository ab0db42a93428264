# Sourced by the benchmark scripts in this folder (after they cd to the repository root): CPU time of processes,
# read from /proc, so a run can say how much CPU each request or scrape cost.

cpu_ticks() { # user+system clock ticks of the given pids
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
hz=$(getconf CLK_TCK) # clock ticks per second
