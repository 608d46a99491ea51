#!/usr/bin/env bash
# The bundle on a PostgreSQL server (run through .ci/postgres.sh): its own psycopg and libpq
# connect; a shop's file is copied over (`migrate-to -`, the URL on stdin, as the connection
# screen does it), checked, and dumped with the machine's pg_dump.
set -euo pipefail
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export GESTCO_DATA_DIR=$data
dist/gestco/gestco --db "$data/shop.sqlite3" demo --orders 1000 --clients 200
echo "$GESTCO_TEST_DB" | dist/gestco/gestco --db "$data/shop.sqlite3" migrate-to - 2>/dev/null
dist/gestco/gestco --db "$GESTCO_TEST_DB" check
dist/gestco/gestco --db "$GESTCO_TEST_DB" backup --to "$data/backups"
echo "bundle on the server: ok"
