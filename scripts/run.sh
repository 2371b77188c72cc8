#!/usr/bin/env bash
# Command 1: install what is missing, build, and serve the product with a demo database on
# http://127.0.0.1:8080 (data/ivd.db is created with demo data on first start).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/build.sh
db=${IVD_DB:-data/ivd.db}
mkdir -p "$(dirname "$db")"
if [ ! -f "$db" ]; then
  echo "run: creating the demo database $db"
  ./build/native/server init --demo --db "$db"
fi
echo "run: open http://127.0.0.1:${IVD_PORT:-8080} (demo logins in README.md)"
exec ./build/native/server serve --db "$db" --host 127.0.0.1 --port "${IVD_PORT:-8080}" --web build/wasm/webroot
