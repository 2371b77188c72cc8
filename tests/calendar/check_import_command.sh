#!/usr/bin/env bash
# `server import calendar FILE.csv` end to end on a fresh database: a bad file is refused with its lines
# and columns and writes nothing; a good one adds its year; the same file again changes nothing; a
# corrected file replaces the year. The database is read back with Debian's python3 (sqlite3 module).
# Ends with "N passed, N failed".
#   bash tests/calendar/check_import_command.sh [BUILD_DIR]      (default build/native)
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build/native}
case $build in /*) ;; *) build=$root/$build ;; esac
server=$build/server
[ -x "$server" ] || { echo "missing $server"; echo "0 passed, 1 failed"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/t.db
passed=0; failed=0
check() {  # name, then a command that must succeed
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $name"; fi
}
rows() { /usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$db" "$1"; }

"$server" init --db "$db" >/dev/null 2>&1 || { echo "server init failed"; echo "0 passed, 1 failed"; exit 1; }

printf 'date,kind\n2031-01-01,holiday\n2031-02-30,holiday\n2031-02-08,weekday\n' >"$tmp/bad.csv"
"$server" import calendar "$tmp/bad.csv" --db "$db" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "bad file refused" test "$rc" = 1
check "bad date reported at line 3 [date]" grep -q "line 3 \[date\]" "$tmp/err"
check "bad kind reported at line 4 [kind]" grep -q "line 4 \[kind\]" "$tmp/err"
check "nothing written" test "$(rows 'SELECT count(*) FROM calendar_days')" = 0

# UTF-8 with BOM, Chinese header, a note column, a working Saturday in December of the year before.
printf '\xef\xbb\xbf日期,类型,备注\n2030-12-28,workday,元旦调休\n2031-01-01,holiday,元旦\n2031-01-23,holiday,春节\n2031-01-24,holiday,春节\n' >"$tmp/ok.csv"
"$server" import calendar "$tmp/ok.csv" --db "$db" >"$tmp/out" 2>&1; rc=$?
check "good file imported" test "$rc" = 0
check "year 2031 updated" grep -q "已更新 2031" "$tmp/out"
check "2031 listed as covered" grep -q "covered: .*2031" "$tmp/out"
check "4 days stored for 2031" test "$(rows 'SELECT count(*) FROM calendar_days WHERE year = 2031')" = 4
check "one event" test "$(rows "SELECT count(*) FROM events WHERE entity = 'calendar'")" = 1

"$server" import calendar "$tmp/ok.csv" --db "$db" >"$tmp/out" 2>&1; rc=$?
check "same file again accepted" test "$rc" = 0
check "same file again unchanged" grep -q "未变化 2031" "$tmp/out"
check "no second event" test "$(rows "SELECT count(*) FROM events WHERE entity = 'calendar'")" = 1

printf 'date,kind\n2031-01-01,holiday\n' >"$tmp/fix.csv"
"$server" import calendar "$tmp/fix.csv" --db "$db" >"$tmp/out" 2>&1
check "corrected file replaces the year" test "$(rows 'SELECT count(*) FROM calendar_days')" = 1

"$server" import calendar "$tmp/missing.csv" --db "$db" >/dev/null 2>&1; rc=$?
check "missing file refused" test "$rc" = 1

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
