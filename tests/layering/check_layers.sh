#!/usr/bin/env bash
# Proves that core's layering holds at build time (core/CMakeLists.txt, DESIGN.md): each core library
# sees the headers of its own folder and of the libraries below it, and an include running the other
# way does not compile.
#   bash tests/layering/check_layers.sh [BUILD_DIR]     (default build/native, configured)
# For every library and every core folder it preprocesses (-E, fast) a one-line file
#   #include "core/<folder>/<header>.hpp"
# with the include flags the build uses for a source of that library (from compile_commands.json):
# the include must succeed when the folder is in the library's table below and fail with "not found"
# otherwise. A wrong link added in CMake (say store -> api), or a folder exposed to a library that must
# not see it, fails a check. Ends with "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build/native}
case $build in /*) ;; *) build=$root/$build ;; esac
db=$build/compile_commands.json
[ -f "$db" ] || { echo "missing $db (configure $build first)"; echo "0 passed, 1 failed"; exit 1; }

# What each library may see (its own folder first). The one-way order of DESIGN.md:
#   base <- store <- api <- org <- accounts ;  org <- ivd/sheet ;  api <- files ;
#   accounts, ivd/sheet, files <- ivd ;  accounts, files <- supply ;  accounts <- exports ;
#   ivd, supply <- offline ;  ivd, supply, exports, offline <- core <- demo
declare -A sees=(
  [core_base]="base"
  [core_store]="store base"
  [core_api]="api store base"
  [core_org]="org api store base"
  [core_accounts]="accounts org api store base"
  [core_ivd_sheet]="ivd/sheet org api store base"
  [core_files]="files api store base"
  [core_ivd]="ivd ivd/sheet files accounts org api store base"
  [core_supply]="supply files accounts org api store base"
  [core_exports]="exports accounts org api store base"
  [core_offline]="offline ivd ivd/sheet supply files accounts org api store base"
  [core]="ivd ivd/sheet supply exports offline files accounts org api store base"
  [core_demo]="demo ivd ivd/sheet supply exports offline files accounts org api store base"
)
# A source of each library, whose compile command gives the library's flags.
declare -A source_of=(
  [core_base]=core/base/csv.cpp
  [core_store]=core/store/db.cpp
  [core_api]=core/api/dispatcher.cpp
  [core_org]=core/org/phone.cpp
  [core_accounts]=core/accounts/sessions.cpp
  [core_ivd_sheet]=core/ivd/sheet/quantity.cpp
  [core_files]=core/files/files.cpp
  [core_ivd]=core/ivd/review.cpp
  [core_supply]=core/supply/supply_scope.cpp
  [core_exports]=core/exports/export_jobs.cpp
  [core_offline]=core/offline/snapshot.cpp
  [core]=core/routes.cpp
  [core_demo]=core/demo/org_demo.cpp
)
folders="base store api org accounts ivd/sheet files ivd supply exports offline demo"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

# The compiler and its include/define/standard flags for one source: one per line.
flags_for() {
  python3 - "$db" "$root/$1" <<'PY'
import json, shlex, sys
db, src = sys.argv[1], sys.argv[2]
for e in json.load(open(db)):
    if e["file"] != src:
        continue
    args = e.get("arguments") or shlex.split(e["command"])
    out = [args[0]] if "ccache" not in args[0] else [args[1]]
    i = 1
    while i < len(args):
        a = args[i]
        if a in ("-I", "-isystem", "-iquote", "-D"):
            out += [a, args[i + 1]]; i += 2; continue
        if a.startswith(("-I", "-isystem", "-iquote", "-D", "-std=")):
            out.append(a)
        i += 1
    print("\n".join(out))
    break
PY
}

# One header of each folder (the first in name order): including it runs its own includes too.
declare -A header_of
for f in $folders; do
  h=$(cd "$root" && ls core/$f/*.hpp 2>/dev/null | head -1)
  [ -n "$h" ] || { fail "no header in core/$f"; continue; }
  header_of[$f]=$h
done

for lib in core_base core_store core_api core_org core_accounts core_ivd_sheet core_ivd core_supply core_exports core_offline core core_demo; do
  mapfile -t cmd < <(flags_for "${source_of[$lib]}")
  if [ ${#cmd[@]} -lt 2 ]; then fail "$lib: no compile command for ${source_of[$lib]} in $db"; continue; fi
  for f in $folders; do
    h=${header_of[$f]:-}
    [ -n "$h" ] || continue
    printf '#include "%s"\n' "$h" >"$tmp/probe.cpp"
    "${cmd[@]}" -E -o /dev/null "$tmp/probe.cpp" 2>"$tmp/err"; rc=$?
    case " ${sees[$lib]} " in
      *" $f "*)
        if [ $rc = 0 ]; then passed=$((passed + 1)); else fail "$lib must see $h:"; head -3 "$tmp/err"; fi ;;
      *)
        if [ $rc != 0 ] && grep -q "$h.*\(No such file\|not found\)" "$tmp/err"; then
          passed=$((passed + 1))
        else
          fail "$lib must not see $h (include up the layers compiles)"; head -3 "$tmp/err"
        fi ;;
    esac
  done
done
echo "$passed passed, $failed failed"
[ $failed = 0 ]
