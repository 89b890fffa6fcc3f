#!/usr/bin/env bash
# Runs every test: unit and story tests on SQLite and on a throwaway PostgreSQL server,
# the browser tests in headless Chromium, the official documents printed to PDF by
# LibreOffice, and the API against its OpenAPI document by schemathesis. Installs what is
# missing (Debian packages; schemathesis from PyPI into a virtualenv).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || missing+=(postgresql)
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
# Thai fonts; its Laksaman also stands in for TH Sarabun (fontconfig alias shipped by Debian)
[ -d /usr/share/fonts/truetype/tlwg ] || missing+=(fonts-thai-tlwg)
# Word and Excel files printed to PDF, PDF pages drawn to PNG (the -nogui builds: ~95 MB
# download, ~295 MB installed, ~15 s)
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui libreoffice-calc-nogui)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
# the PostgreSQL cluster runs under a Thai UTF-8 locale, as a national deployment would
[ -f /usr/share/i18n/locales/th_TH ] || missing+=(locales)
# schemathesis (PyPI) tests the API against its OpenAPI document, from a virtualenv
command -v python3 >/dev/null || missing+=(python3)
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

locale -a 2>/dev/null | grep -qix 'th_TH.utf8' || as_root localedef -i th_TH -c -f UTF-8 th_TH.UTF-8

# schemathesis, pinned, in a virtualenv kept between runs (~40 s the first time)
venv="${ONEPLAN_SCHEMATHESIS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/oneplan/schemathesis-4.32.5}"
if [ ! -x "$venv/bin/schemathesis" ]; then
  echo "installing schemathesis 4.32.5 into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check schemathesis==4.32.5
fi
export ONEPLAN_SCHEMATHESIS="$venv/bin/schemathesis"

# A throwaway PostgreSQL cluster on loopback, removed on exit. PostgreSQL refuses to run as
# root, so as root the cluster belongs to the 'postgres' user the package created.
tmp=$(mktemp -d /tmp/oneplan-pg.XXXXXX)
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$tmp"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() {
  run_pg "$pg_bin/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
run_pg "$pg_bin/initdb" -D "$tmp/data" -U oneplan --auth=trust --locale=th_TH.UTF-8 -E UTF8 >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
export ONEPLAN_TEST_POSTGRES="postgres://oneplan@127.0.0.1:$port/postgres"
export ONEPLAN_REQUIRE_POSTGRES=1
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

cargo test --locked "$@"
