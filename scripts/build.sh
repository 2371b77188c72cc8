#!/usr/bin/env bash
# Installs what is missing, then builds both targets from the same sources:
#   build/native  - core, server, native tests (benchmarks: scripts/bench.sh)
#   build/wasm    - core, the browser app (built in build/wasm/web, served from build/wasm/webroot), core tests for node
# Reuses the build folders and ccache, so a second run only rebuilds what changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh
export NODE_PATH=/usr/share/nodejs   # the emscripten optimizer needs Debian's acorn
jobs=$(nproc 2>/dev/null || echo 2)
t0=$(date +%s)
[ -f build/native/CMakeCache.txt ] || cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native -j"$jobs"
t1=$(date +%s)
[ -f build/wasm/CMakeCache.txt ] || emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/wasm -j"$jobs"
t2=$(date +%s)
echo "build: native $((t1 - t0)) s, wasm $((t2 - t1)) s"
