#!/usr/bin/env bash
# Command 2: install what is missing, build, and run every test suite:
#   core unit tests natively, the same tests as wasm under node, HTTP tests against the real server,
#   the replay of the fuzz corpus (natively and as wasm), the layering check of core's libraries,
#   an address/UB-sanitizer build of the core tests, the HTTP tests and the fuzz replay, the
#   native/wasm parity check, the working-day calendar against chinese-days, browser tests.
# Ends with one line "N passed, N failed" summing all suites; exits non-zero if anything failed.
# A suite whose binary or script is missing counts as a failure (never skipped silently).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
start=$(date +%s)
bash scripts/build.sh || { echo "0 passed, 1 failed"; exit 1; }
export NODE_PATH=/usr/share/nodejs
jobs=$(nproc 2>/dev/null || echo 2)

passed=0; failed=0
log_dir=build/test-logs; mkdir -p "$log_dir"

# Adds the counts of a Catch2 run (console reporter) to the totals; a run without a summary
# (crash, missing binary) counts as one failure.
count_catch2() {
  local name=$1 log=$2 rc=$3 p f
  if grep -q "All tests passed" "$log"; then
    p=$(grep -o "in [0-9]* test case" "$log" | tail -1 | grep -o "[0-9]*"); f=0
  elif grep -q "^test cases:" "$log"; then
    local line; line=$(grep "^test cases:" "$log" | tail -1)
    p=$(echo "$line" | grep -o "[0-9]* passed" | grep -o "[0-9]*" || echo 0)
    f=$(echo "$line" | grep -o "[0-9]* failed" | grep -o "[0-9]*" || echo 0)
    [ -n "$p" ] || p=0
  else
    p=0; f=1
  fi
  [ "$rc" = 0 ] || [ "$f" -gt 0 ] || f=1
  passed=$((passed + p)); failed=$((failed + f))
  echo "suite $name: $p passed, $f failed"
  [ "$f" = 0 ] || tail -40 "$log"
}

# Adds the counts of a suite that prints its own "N passed, N failed" line.
count_plain() {
  local name=$1 log=$2 rc=$3 line p f
  line=$(grep -E "^[0-9]+ passed, [0-9]+ failed" "$log" | tail -1)
  if [ -n "$line" ]; then
    p=$(echo "$line" | cut -d' ' -f1); f=$(echo "$line" | cut -d' ' -f3)
  else
    p=0; f=1
  fi
  [ "$rc" = 0 ] || [ "$f" -gt 0 ] || f=1
  passed=$((passed + p)); failed=$((failed + f))
  echo "suite $name: $p passed, $f failed"
  [ "$f" = 0 ] || tail -40 "$log"
}

# A sanitizer report fails the suite even when the run went on (UBSan reports and continues).
count_sanitizer_reports() {
  local name=$1 log=$2
  if grep -qE "runtime error:|ERROR: (Address|Leak|UndefinedBehavior)Sanitizer" "$log"; then
    failed=$((failed + 1))
    echo "suite $name: sanitizer report:"; grep -m5 -E "runtime error:|ERROR: [A-Za-z]*Sanitizer" "$log"
  fi
}

run_suite() {  # kind name command...
  local kind=$1 name=$2; shift 2
  local log="$log_dir/$name.log" t=$(date +%s) a
  # The program (or the script/JS file given to bash or node) must exist: a missing one is a failure.
  for a in "$@"; do
    case $a in
      -*|node|bash) continue ;;
      */*) if [ ! -e "$a" ]; then
             failed=$((failed + 1)); echo "suite $name: 0 passed, 1 failed (missing $a)"; return
           fi ;;
    esac
    break
  done
  "$@" >"$log" 2>&1; local rc=$?
  "count_$kind" "$name" "$log" "$rc"
  case $name in *-asan) count_sanitizer_reports "$name" "$log" ;; esac
  echo "      ($(( $(date +%s) - t )) s, log $log)"
}

run_suite catch2 core-native ./build/native/core_tests
run_suite catch2 core-wasm node --no-experimental-fetch build/wasm/core_tests.js
run_suite catch2 http ./build/native/http_tests
run_suite catch2 documents ./build/native/document_tests
run_suite plain fuzz-replay-native ./build/native/fuzz_replay tests/fuzz/corpus
run_suite plain fuzz-replay-wasm node --no-experimental-fetch build/wasm/fuzz_replay.js tests/fuzz/corpus
run_suite plain layering bash tests/layering/check_layers.sh build/native

# Sanitizer build (address + undefined behaviour) of the core tests, the HTTP tests and the fuzz replay.
[ -f build/asan/CMakeCache.txt ] || cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DIVD_SANITIZE=ON >/dev/null
asan_targets=(core_tests http_tests fuzz_replay)
if cmake --build build/asan -j"$jobs" --target "${asan_targets[@]}" >"$log_dir/asan-build.log" 2>&1; then
  export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
  run_suite catch2 core-asan ./build/asan/core_tests
  run_suite catch2 http-asan ./build/asan/http_tests
  run_suite plain fuzz-replay-asan ./build/asan/fuzz_replay tests/fuzz/corpus
else
  tail -30 "$log_dir/asan-build.log"; failed=$((failed + ${#asan_targets[@]}))
  echo "suite core-asan, http-asan, fuzz-replay-asan: build failed"
fi

run_suite plain parity bash tests/parity/run_parity.sh build/native build/wasm
# The working-day calendar of both builds against chinese-days' own isWorkday / findWorkday.
run_suite plain calendar-reference node tests/calendar/check_chinese_days.mjs build/native build/wasm
run_suite plain calendar-import bash tests/calendar/check_import_command.sh build/native
for t in tests/browser/*.test.mjs; do
  [ -f "$t" ] || continue
  run_suite plain "browser-$(basename "$t" .test.mjs)" node "$t"
done

echo "test run: $(( $(date +%s) - start )) s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
