#!/usr/bin/env bash
# Startup, memory and idle CPU of the real window under Xvfb, against an empty eframe
# window built the same way (examples/empty_window.rs). Prints medians.
#   bash benches/startup_memory_idle.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v Xvfb >/dev/null || { apt-get update -qq && apt-get install -y -qq xvfb >/dev/null; }
cargo build --release --quiet --bin apig-explorer --example empty_window --example synthetic_catalog
app=target/release/apig-explorer
empty=target/release/examples/empty_window
big=$(mktemp -d)/100k.toml
target/release/examples/synthetic_catalog "$big" >/dev/null

Xvfb :91 -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
export DISPLAY=:91
sleep 1
state=$(mktemp -d)
export XDG_DATA_HOME=$state XDG_CACHE_HOME=$state/cache

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Process start to first frame presented: each program prints the wall-clock moment
# its first frame is on screen (the next frame starting), then closes itself.
shown_ms() {
  local t0 shown
  t0=$(date +%s%N)
  shown=$("$@" --exit-after-first-frame 2>/dev/null | awk '/first frame presented/ {print $5}')
  echo $(((shown - t0) / 1000000))
}

# Process start to the moment a catalog file's rows are searchable in the window.
searchable_ms() {
  local t0 at
  t0=$(date +%s%N)
  at=$("$@" --exit-when-searchable 2>/dev/null | awk '/rows searchable/ {print $4}')
  echo $(((at - t0) / 1000000))
}

# Medians of 21 runs of the empty window, the app, and the app with a 100,000-row catalog
# file to load, alternating so all three see the same machine. The window does not wait
# for the file; the first run writes the catalog cache, the others read it. (The big one
# has its own data directory: the file would be remembered for the runs below.)
startup_ms() {
  local runs
  runs=$(mktemp)
  for _ in $(seq 21); do
    echo "$(shown_ms $empty) $(shown_ms $app) $(XDG_DATA_HOME=$state/big shown_ms $app --catalog "$big")"
  done >"$runs"
  echo "empty window $(cut -d' ' -f1 "$runs" | median), app $(cut -d' ' -f2 "$runs" | median), app with a 100k-row catalog to load $(cut -d' ' -f3 "$runs" | median)"
}

# CPU time (ns) of every thread of $1, and of its threads other than the "blocking-N"
# pool that eframe's dependencies start (present in the empty window too).
cpu_ns() {
  local all=0 own=0 t ns
  for t in /proc/"$1"/task/*; do
    ns=$(awk '{print $1}' "$t/schedstat")
    all=$((all + ns))
    [[ $(cat "$t/comm") == blocking-* ]] || own=$((own + ns))
  done
  echo "$all $own"
}

# Resident memory (KiB) after the window has settled, and CPU time (µs) over 10 idle
# seconds: all threads, and the program's own.
rss_and_idle() {
  "$@" >/dev/null 2>&1 &
  local pid=$!
  sleep 4
  local rss all0 own0 all1 own1
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  echo "threads of $*: $(ls "/proc/$pid/task" | wc -l)" >&2
  read -r all0 own0 < <(cpu_ns "$pid")
  sleep 10
  read -r all1 own1 < <(cpu_ns "$pid")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$rss $(((all1 - all0) / 1000)) $(((own1 - own0) / 1000))"
}

echo "startup to first frame presented, median of 21 (ms): $(startup_ms)"
cold=$(for _ in 1 2 3 4 5; do rm -rf "$XDG_CACHE_HOME/apig-explorer"; XDG_DATA_HOME=$state/big searchable_ms $app --catalog "$big"; done | median)
warm=$(for _ in 1 2 3 4 5; do XDG_DATA_HOME=$state/big searchable_ms $app --catalog "$big"; done | median)
echo "start to 100k rows searchable, median of 5 (ms): cold (no catalog cache) $cold, warm $warm"
read -r rss_empty all_empty own_empty < <(rss_and_idle $empty)
read -r rss_app all_app own_app < <(rss_and_idle $app)
read -r rss_big all_big own_big < <(rss_and_idle $app --catalog "$big")
echo "resident memory (MiB): empty window $((rss_empty / 1024)), app $((rss_app / 1024)), app with 100k rows $((rss_big / 1024))"
echo "CPU over 10 idle seconds, µs (all threads / without the blocking-N pool): empty window $all_empty / $own_empty, app $all_app / $own_app, app with 100k rows $all_big / $own_big"
