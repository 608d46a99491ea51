#!/usr/bin/env bash
# The bundle on a PostgreSQL server (run through .ci/postgres.sh): its own psycopg and libpq
# connect, the demo is copied over, checked, and dumped with the machine's pg_dump.
set -euo pipefail
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export GESTCO_DATA_DIR=$data
dist/gestco/gestco --db "$GESTCO_TEST_DB" demo --orders 1000 --clients 200
dist/gestco/gestco --db "$GESTCO_TEST_DB" check
dist/gestco/gestco --db "$GESTCO_TEST_DB" backup --to "$data/backups"
echo "bundle on the server: ok"
