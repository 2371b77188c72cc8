#!/usr/bin/env bash
# Builds and runs every benchmark of tests/bench and prints their figures (the issue targets are in
# brackets in each program's output). Not part of the test run: timings depend on the machine.
#   bash scripts/bench.sh [quick]   quick: smaller data sets (a few seconds each)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/build.sh >/dev/null
export NODE_PATH=/usr/share/nodejs
jobs=$(nproc 2>/dev/null || echo 2)
cmake --build build/native -j"$jobs" --target sheet_bench import_bench user_query_bench ivd_http_bench supply_bench \
  documents_bench export_latency_bench >/dev/null
cmake --build build/wasm -j"$jobs" --target sheet_bench >/dev/null
cmake --build build/native -j"$jobs" --target calendar_bench >/dev/null
cmake --build build/wasm -j"$jobs" --target calendar_bench >/dev/null
cmake --build build/native -j"$jobs" --target offline_unlock_bench >/dev/null
cmake --build build/wasm -j"$jobs" --target offline_unlock_bench >/dev/null
if [ "${1:-}" = quick ]; then
  lines=1000 institutions=5000 users=10000 hospitals=2000 feedbacks=20000
else
  lines=5000 institutions=50000 users=100000 hospitals=50000 feedbacks=200000
fi
echo "== sheet validation, native"; build/native/sheet_bench "$lines" 1000
echo "== sheet validation, wasm under node"; (cd build/wasm && node --no-experimental-fetch sheet_bench.js "$lines" 1000)
echo "== institutions import"; build/native/import_bench "$institutions"
echo "== user query"; build/native/user_query_bench "$users" 200
echo "== working-day calendar: one deadline computation, native"; build/native/calendar_bench
echo "== working-day calendar: one deadline computation, wasm under node"; (cd build/wasm && node --no-experimental-fetch calendar_bench.js)
echo "== offline unlock: one check of a typed password, native"; build/native/offline_unlock_bench
echo "== offline unlock: one check of a typed password, wasm under node"; (cd build/wasm && node --no-experimental-fetch offline_unlock_bench.js)
echo "== IVD over HTTP"; build/native/ivd_http_bench "$hospitals" 300 3
echo "== supply feedback: scoped lists and the deadline sweep"; build/native/supply_bench "$feedbacks" 200
echo "== documents: national CSV / XLSX, province PDF of 2,000 注册证"; build/native/documents_bench "$hospitals" 300
echo "== 导出列表: ordinary requests while the largest export runs"; build/native/export_latency_bench "$hospitals" 300 400
echo "== browser: sheet frame work, keystroke to finding, open a 5,000-line sheet"; node tests/bench/sheet_frame_bench.mjs
echo "== browser: first-load size and first interactive frame at 2 Mbit/s, 100 ms"; node tests/bench/first_load_bench.mjs 3
echo "== kiosk: offline snapshot of a hospital (size, time)"; node tests/bench/kiosk_snapshot_bench.mjs
echo "== kiosk: offline 暂存 of a 5,000-line sheet, its storage, and its sync"; node tests/bench/kiosk_sync_bench.mjs
