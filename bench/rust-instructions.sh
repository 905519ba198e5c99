#!/usr/bin/env bash
# Instructions per call (callgrind): validate_json + normalize of the seed example, and of the
# seed with local times (both ends resolved in the event's zone: the time zone lookups), against
# a serde_json::Value parse of the seed, in one run. Steady where times move with the load.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is not installed: skipping the instruction counts"; exit 0; }
cargo build -q --profile bench --example seed_loop
count() {
  N=$2 W=$1 valgrind --tool=callgrind --callgrind-out-file=/dev/null ./target/release/examples/seed_loop 2>&1 |
    sed -n 's/.*I *refs: *//p' | tr -d ,
}
# The difference between 3,000 and 1,000 rounds leaves out start-up and the first call's work.
ours=$(( ($(count validate 3000) - $(count validate 1000)) / 2000 ))
local=$(( ($(count local 3000) - $(count local 1000)) / 2000 ))
peer=$(( ($(count value 3000) - $(count value 1000)) / 2000 ))
echo "| per call (callgrind) | instructions | ratio |"
echo "|---|---|---|"
echo "| validate_json + normalize, seed | $ours | $(awk "BEGIN { printf \"%.3fx\", $ours / $peer }") |"
echo "| validate_json + normalize, seed with local times | $local | $(awk "BEGIN { printf \"%.3fx\", $local / $peer }") |"
echo "| serde_json::Value parse, seed | $peer | 1.000x |"
