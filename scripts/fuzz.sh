#!/usr/bin/env bash
# Fuzzes core with libFuzzer (tests/fuzz/fuzz_core.cpp), outside the ordinary test run and CI.
#   bash scripts/fuzz.sh [libFuzzer flags...]   fuzz; default -max_total_time=600, one process
#   bash scripts/fuzz.sh merge                  add the inputs found so far that reach new code to the
#                                               committed corpus (tests/fuzz/corpus), minimised
# Installs clang and its libFuzzer runtime when missing (Debian: clang, libclang-rt-14-dev), builds
# build/fuzz with -fsanitize=fuzzer,address,undefined (undefined behaviour aborts like a crash), and
# fuzzes starting from the committed corpus. New inputs go to build/fuzz/corpus, crashes to
# build/fuzz/artifacts/. Reproduce one with: build/fuzz/fuzz_core build/fuzz/artifacts/crash-...
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# ---- clang with libFuzzer ----------------------------------------------------------------------
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
has_libfuzzer() {
  command -v clang++ >/dev/null &&
    printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }\n' >"$probe/p.cpp" &&
    clang++ -fsanitize=fuzzer,address,undefined "$probe/p.cpp" -o "$probe/p" >/dev/null 2>&1
}
if ! has_libfuzzer; then
  echo "fuzz: installing clang and libFuzzer (Debian packages clang, libclang-rt-14-dev)"
  [ "$(id -u)" = 0 ] || { echo "fuzz: need root to install clang" >&2; exit 1; }
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev >/dev/null
  has_libfuzzer || { echo "fuzz: clang cannot link -fsanitize=fuzzer" >&2; exit 1; }
fi

# ---- build ---------------------------------------------------------------------------------------
build=build/fuzz
if [ ! -f $build/CMakeCache.txt ]; then
  CC=clang CXX=clang++ cmake -S . -B $build -DCMAKE_BUILD_TYPE=Release -DIVD_FUZZ=ON >/dev/null
fi
cmake --build $build -j"${FUZZ_BUILD_JOBS:-2}" --target fuzz_core
mkdir -p $build/corpus $build/artifacts

# ---- run -------------------------------------------------------------------------------------------
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}  # the API world is built once and kept on purpose
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
if [ "${1:-}" = merge ]; then
  # -merge=1 copies into the first folder only the inputs that add coverage to what it holds, smallest
  # first; the new ones join the committed corpus as found-<sha1>.
  rm -rf $build/merge && mkdir -p $build/merge && cp tests/fuzz/corpus/* $build/merge/
  # -use_counters=0: an input joins for an edge it reaches first, not for hit counts (a smaller set).
  $build/fuzz_core -merge=1 -use_counters=0 $build/merge $build/corpus
  for f in $build/merge/*; do
    name=$(basename "$f")
    [ -e "tests/fuzz/corpus/$name" ] || cp "$f" "tests/fuzz/corpus/found-$name"
  done
  echo "fuzz: tests/fuzz/corpus holds $(ls tests/fuzz/corpus | wc -l) files, $(cat tests/fuzz/corpus/* | wc -c) bytes"
  exit 0
fi
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(-max_total_time=600)
exec $build/fuzz_core -dict=tests/fuzz/fuzz_core.dict -artifact_prefix=$build/artifacts/ -print_final_stats=1 \
  "${args[@]}" $build/corpus tests/fuzz/corpus
