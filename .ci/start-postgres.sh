#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster (pgvector installed) in a temporary folder on a free
# loopback port, so nothing else on the machine is touched. Meant to be sourced: exports
# TEST_DATABASE_URL (and TEST_PG_RESTART, which restarts it) and stops the cluster and removes its folder when the calling shell exits.
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
PG_TMP=$(mktemp -d /tmp/semantix-pg.XXXXXX)
chown postgres:postgres "$PG_TMP"
PG_PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

as_postgres() { runuser -u postgres -- "$@"; }
as_postgres "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres --auth=trust -E UTF8 >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/log" -w \
  -o "-p $PG_PORT -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null

stop_test_postgres() {
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_TMP"
}
trap stop_test_postgres EXIT

# The restart test (tests/e2e/restart/) restarts this cluster, and no other, with this script.
cat >"$PG_TMP/restart" <<RESTART
#!/usr/bin/env bash
exec runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/log" -w -m fast restart >/dev/null
RESTART
chmod +x "$PG_TMP/restart"
export TEST_PG_RESTART="$PG_TMP/restart"

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:${PG_PORT}/postgres"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') for tests on port $PG_PORT"
