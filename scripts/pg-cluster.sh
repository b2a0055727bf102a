#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and the bench: no service, no port, nothing left
# behind. `start DIR [PID]` creates the cluster in DIR (initdb, as the `postgres` user when run as
# root: initdb refuses root; DIR's parents must let that user through), listening only on a Unix socket in DIR, and prints its URL; with PID
# the cluster stops and DIR is removed once that process is gone. `stop DIR` does it at once.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
  echo "pg-cluster: PostgreSQL is not installed (scripts/setup.sh installs it)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  as_owner "$bin/pg_ctl" -D "$1/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$1"
}

case "${1:-}" in
  start)
    dir=${2:?usage: pg-cluster.sh start DIR [PID]}
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1
    # synchronous_commit=off: a commit survives the server process being killed but not a power
    # cut, as the SQLite store's WAL with synchronous=NORMAL.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
      -o "-k $dir -c listen_addresses= -c max_connections=200 -c synchronous_commit=off" start
    if [ -n "${3:-}" ]; then
      (
        trap '' HUP
        while kill -0 "$3" 2>/dev/null; do sleep 1; done
        stop "$dir"
      ) </dev/null >/dev/null 2>&1 &
    fi
    echo "postgres:///postgres?host=$dir&user=postgres"
    ;;
  stop)
    stop "${2:?usage: pg-cluster.sh stop DIR}"
    ;;
  *)
    echo "usage: pg-cluster.sh start DIR [PID] | stop DIR" >&2
    exit 2
    ;;
esac
