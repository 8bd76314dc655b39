#!/usr/bin/env bash
# Whole-process search over a 100,000-row catalog file, against `fzf --filter` over the
# same rows as plain lines. Budgets (issue #14): cold, with an empty catalog cache, at most
# 1.0x fzf; warm, from the cache, at most 0.25x. Prints the median of 5 runs per query,
# form and case, the ratios, and the medians over the queries.
#   bash benches/cold_search.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v fzf >/dev/null || { apt-get update -qq && apt-get install -y -qq fzf >/dev/null; }
cargo build --release --quiet --bin apig-explorer --example synthetic_catalog
app=target/release/apig-explorer
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for form in rst toml txt; do
  target/release/examples/synthetic_catalog "$dir/100k.$form" >/dev/null
done
export XDG_CACHE_HOME=$dir/cache XDG_DATA_HOME=$dir/data

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ms() {
  local t0
  t0=$(date +%s%N)
  "$@" >/dev/null
  echo $((($(date +%s%N) - t0) / 1000000))
}

cold() { rm -rf "$XDG_CACHE_HOME"; ms "$@"; }
warm() { ms "$@"; }

queries=(timeout "access denied" throttling certificate "backend unavailable")
declare -A all
for q in "${queries[@]}"; do
  line=$(printf '%-22s' "\"$q\"")
  f=$(for _ in 1 2 3 4 5; do ms fzf --filter "$q" < "$dir/100k.txt"; done | median)
  all[fzf]+="$f "
  line+=$(printf ' fzf %5d ms' "$f")
  for form in rst toml; do
    search=("$app" search --catalog "$dir/100k.$form" "$q" --json --limit 20)
    c=$(for _ in 1 2 3 4 5; do cold "${search[@]}"; done | median)
    "${search[@]}" >/dev/null
    w=$(for _ in 1 2 3 4 5; do warm "${search[@]}"; done | median)
    all[$form-cold]+="$c " all[$form-warm]+="$w "
    line+=$(printf ' | %s cold %5d (%.2fx) warm %4d (%.2fx)' "$form" "$c" "$(echo "$c / $f" | bc -l)" "$w" "$(echo "$w / $f" | bc -l)")
  done
  echo "$line"
done
f=$(printf '%s\n' ${all[fzf]} | median)
for key in rst-cold rst-warm toml-cold toml-warm; do
  m=$(printf '%s\n' ${all[$key]} | median)
  printf 'median over the queries, %-9s %5d ms = %.2fx fzf (%d ms)\n' "$key:" "$m" "$(echo "$m / $f" | bc -l)" "$f"
done
