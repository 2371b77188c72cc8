#!/usr/bin/env bash
# Native/wasm parity of the sheet rules (DESIGN.md "Same answer everywhere"): runs sheet_parity built
# natively and built to wasm (under node) on the same generated sheets and compares their outputs,
# which hold counts per rule and an FNV-1a digest of every item, message and incremental diff.
#
#   tests/parity/run_parity.sh [NATIVE_BUILD_DIR] [WASM_BUILD_DIR]     (default build/native build/wasm)
#   PARITY_SHEETS=3000 PARITY_SEED=20250601 tests/parity/run_parity.sh ...
#
# Builds the sheet_parity target in each folder first when the folder is a configured CMake build.
# Prints "1 passed, 0 failed" when both agree, else the difference and "0 passed, 1 failed" (exit 1).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
native_dir=${1:-build/native}
wasm_dir=${2:-build/wasm}
sheets=${PARITY_SHEETS:-3000}
seed=${PARITY_SEED:-20250601}
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}  # the emscripten optimizer needs Debian's acorn

fail() {
  echo "parity: FAILED: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

# Finds the program in a build folder (top level, or tests/parity for older layouts).
find_program() {
  local dir=$1 name=$2
  for p in "$dir/$name" "$dir/tests/parity/$name"; do
    [ -f "$p" ] && { echo "$p"; return 0; }
  done
  return 1
}

for dir in "$native_dir" "$wasm_dir"; do
  [ -d "$dir" ] || fail "build folder '$dir' does not exist (configure it: cmake -S . -B build/native; emcmake cmake -S . -B build/wasm)"
  if [ -f "$dir/CMakeCache.txt" ]; then
    if ! log=$(cmake --build "$dir" --target sheet_parity -j2 2>&1); then
      echo "$log" | tail -30 >&2
      fail "could not build sheet_parity in '$dir'"
    fi
  fi
done

native_bin=$(find_program "$native_dir" sheet_parity) || fail "no sheet_parity in '$native_dir'"
wasm_js=$(find_program "$wasm_dir" sheet_parity.js) || fail "no sheet_parity.js in '$wasm_dir' (is it an emscripten build?)"

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$native_bin" "$sheets" "$seed" >"$out/native.txt" 2>"$out/native.err"
native_rc=$?
node --no-experimental-fetch "$wasm_js" "$sheets" "$seed" >"$out/wasm.txt" 2>"$out/wasm.err"
wasm_rc=$?

cat "$out/native.txt"
[ "$native_rc" -eq 0 ] || { cat "$out/native.err" >&2; fail "native sheet_parity exited $native_rc (incremental/full mismatch or JSON round trip failure, see counts above)"; }
[ "$wasm_rc" -eq 0 ] || { cat "$out/wasm.txt" "$out/wasm.err" >&2; fail "wasm sheet_parity exited $wasm_rc"; }
[ -s "$out/native.txt" ] || fail "native sheet_parity printed nothing"
if ! diff -u --label native "$out/native.txt" --label wasm "$out/wasm.txt" >"$out/diff.txt"; then
  cat "$out/diff.txt"
  fail "native and wasm builds give different sheet validation results on the same $sheets sheets (seed $seed)"
fi
echo "parity: native ($native_bin) and wasm ($wasm_js) agree on $sheets sheets: $(grep '^digest=' "$out/native.txt")"
echo "1 passed, 0 failed"
