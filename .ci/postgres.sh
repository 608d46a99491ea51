#!/usr/bin/env bash
# Runs a command with GESTCO_TEST_DB pointing at a throwaway PostgreSQL cluster (loopback,
# C collation, a password over TCP as a shop's server has), stopped and removed afterwards. Without a PostgreSQL server on
# the machine it says so loudly and runs nothing (never a silent pass).
set -euo pipefail
initdb=$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | tail -n 1 || true)
if [ -z "$initdb" ]; then
  echo "############ PostgreSQL server not found: the PostgreSQL test run is SKIPPED ############"
  exit 0
fi
bin=$(dirname "$initdb")
port=${GESTCO_PG_PORT:-55433}
# GESTCO_PG_EXTRA: more server settings, e.g. "-c autovacuum=off" to see a test without it.
dir=$(mktemp -d)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"
password="test-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
echo "$password" > "$dir/pw"
[ "$(id -u)" = 0 ] && chown postgres "$dir/pw"
as_pg "$bin/initdb" -D "$dir/data" -U gestco --auth-local=trust --auth-host=scram-sha-256 \
  --pwfile="$dir/pw" --locale=C.UTF-8 -E UTF8 >/dev/null
export PGPASSWORD="$password"  # for psql below only: GESTCO gets it inside its URL
as_pg "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 ${GESTCO_PG_EXTRA:-}" -w -l "$dir/log" start >/dev/null
trap 'as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$dir"' EXIT
"$bin/psql" -h 127.0.0.1 -p "$port" -U gestco -d postgres -qc "CREATE DATABASE gestco_test" 2>/dev/null \
  || psql -h 127.0.0.1 -p "$port" -U gestco -d postgres -qc "CREATE DATABASE gestco_test"
echo "PostgreSQL test server on 127.0.0.1:$port"
# For the test that stops the server in the middle of a burst of orders and starts it again.
runner=""; [ "$(id -u)" = 0 ] && runner="runuser -u postgres --"
export GESTCO_PG_STOP="$runner $bin/pg_ctl -D $dir/data -m fast -w stop"
export GESTCO_PG_START="$runner $bin/pg_ctl -D $dir/data -o '-p $port -k $dir -c listen_addresses=127.0.0.1' -w -l $dir/log start"
unset PGPASSWORD
GESTCO_TEST_DB="postgresql://gestco:$password@127.0.0.1:$port/gestco_test" "$@"
