#!/usr/bin/env bash
# A private PostgreSQL cluster on loopback for the test suite's PostgreSQL pass.
#
#   scripts/test-postgres.sh start   # prints the DATABASE_URL to use
#   scripts/test-postgres.sh stop    # stops it and deletes its data
#
# Debian's postgresql package provides the programs; the cluster is our own (data under PG_ROOT, owned
# by the `postgres` user when run as root, by the current user otherwise), on 127.0.0.1:PG_PORT only.
set -euo pipefail
PG_ROOT=${PG_ROOT:-/tmp/embassy-test-postgres}
PG_PORT=${PG_PORT:-55432}
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
if [ -z "$PG_BIN" ]; then
    echo "Debian's postgresql is not installed (make postgres installs it)" >&2
    exit 1
fi
if [ "$(id -u)" = 0 ]; then
    as_owner() { runuser -u postgres -- "$@"; }
else
    as_owner() { "$@"; }
fi

case "${1:-start}" in
start)
    if [ ! -f "$PG_ROOT/data/PG_VERSION" ]; then
        rm -rf "$PG_ROOT"
        mkdir -p "$PG_ROOT"
        [ "$(id -u)" = 0 ] && chown postgres: "$PG_ROOT"
        as_owner "$PG_BIN/initdb" --pgdata="$PG_ROOT/data" --username=embassy --auth=trust \
            --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_owner "$PG_BIN/pg_ctl" --pgdata="$PG_ROOT/data" status >/dev/null 2>&1; then
        # fsync off: a test database that a crash may lose; it makes the suite several times faster.
        as_owner "$PG_BIN/pg_ctl" --pgdata="$PG_ROOT/data" --log="$PG_ROOT/server.log" --wait \
            -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_ROOT \
                -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
            start >/dev/null
    fi
    if ! "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U embassy -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname='embassy'" | grep -q 1; then
        "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U embassy embassy
    fi
    echo "postgres://embassy@127.0.0.1:$PG_PORT/embassy"
    ;;
stop)
    # Stopped and thrown away: the next pass starts from an empty cluster (initdb takes seconds), and the
    # databases the tests made do not pile up.
    if [ -f "$PG_ROOT/data/PG_VERSION" ]; then
        as_owner "$PG_BIN/pg_ctl" --pgdata="$PG_ROOT/data" --mode=fast stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_ROOT"
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
