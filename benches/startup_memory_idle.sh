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
export XDG_DATA_HOME=$state

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Process start to first frame presented: each program prints the wall-clock moment
# its first frame is on screen (the next frame starting), then closes itself.
shown_ms() {
  local t0 shown
  t0=$(date +%s%N)
  shown=$("$@" --exit-after-first-frame 2>/dev/null | awk '/first frame presented/ {print $5}')
  echo $(((shown - t0) / 1000000))
}

# Medians of 21 runs, empty window and app alternating so both see the same machine.
startup_ms() {
  local runs
  runs=$(mktemp)
  for _ in $(seq 21); do echo "$(shown_ms $empty) $(shown_ms $app)"; done >"$runs"
  echo "empty window $(cut -d' ' -f1 "$runs" | median), app $(cut -d' ' -f2 "$runs" | median)"
}

# Resident memory (KiB) after the window has settled, and CPU ticks over 10 idle seconds.
rss_and_idle() {
  "$@" >/dev/null 2>&1 &
  local pid=$!
  sleep 4
  local rss ticks0 ticks1
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  ticks0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  sleep 10
  ticks1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$rss $((ticks1 - ticks0))"
}

echo "startup to first frame presented, median of 21 (ms): $(startup_ms)"
read -r rss_empty idle_empty < <(rss_and_idle $empty)
read -r rss_app idle_app < <(rss_and_idle $app)
read -r rss_big idle_big < <(rss_and_idle $app --catalog "$big")
echo "resident memory (MiB): empty window $((rss_empty / 1024)), app $((rss_app / 1024)), app with 100k rows $((rss_big / 1024))"
echo "CPU ticks (1/100 s) over 10 idle seconds: empty window $idle_empty, app $idle_app, app with 100k rows $idle_big"
