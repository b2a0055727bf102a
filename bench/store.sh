#!/usr/bin/env bash
# Orders a second at 64 connections on each store (`make bench`): the release backend on SQLite
# (one instance, the only way it runs) and on PostgreSQL (two instances on one database, a
# throwaway cluster from scripts/pg-cluster.sh). server/examples/load.rs drives them: 64
# keep-alive connections, each signed in as its own load-test user (--bench-accounts) and buying
# one seat at a time on its own account under a new Idempotency-Key; on PostgreSQL the
# connections alternate between the two instances (BENCH_SECONDS each, 10 by default). Prints
# the rows and writes target/bench-store.json.
set -euo pipefail
cd "$(dirname "$0")/.."
run_seconds=${BENCH_SECONDS:-10}

# BENCH_PROFILE=dev checks the script quickly on the debug build (its figures mean little).
profile=${BENCH_PROFILE:-release}
cargo build --profile "$profile" -q -p credit-checkout-server --bin credit-checkout-server --example load
dir=target/$([ "$profile" = dev ] && echo debug || echo "$profile")
bin=$dir/credit-checkout-server
load=$dir/examples/load

work=$(mktemp -d /tmp/credit-checkout-bench.XXXXXX)
chmod 755 "$work"
mkdir -p "$work/www"
echo '<!doctype html><title>bench</title>' >"$work/www/index.html"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  scripts/pg-cluster.sh stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

# Starts an instance; sets `addr` to its address once it listens.
instance() {
  local log=$work/instance-${#pids[@]}.log
  "$bin" --port 0 --today 2026-07-03 --order-rate 0 --bench-accounts 64 --www "$work/www" "$@" >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 600); do
    if grep -q 'http://127.0.0.1:' "$log"; then
      addr=$(grep -o '127.0.0.1:[0-9]*' "$log" | head -n 1)
      return
    fi
    sleep 0.1
  done
  echo "bench/store.sh: the backend did not start: $(cat "$log")" >&2
  exit 1
}

# Orders a second at 64 connections, spread over the addresses given (comma-separated).
orders() {
  "$load" "$1" orders 64 "$run_seconds"
}

instance --data-dir "$work/sqlite"
sqlite=$(orders "$addr")
kill "${pids[@]}"
wait 2>/dev/null || true
pids=()

url=$(scripts/pg-cluster.sh start "$work/pg" $$)
instance --data-dir "$work/shared" --database "$url"
a=$addr
instance --data-dir "$work/shared" --database "$url"
postgres=$(orders "$a,$addr")

mkdir -p target
node -e '
  const [sqlite, postgres] = process.argv.slice(1).map(JSON.parse);
  const rows = { connections: 64, sqlite: { instances: 1, ...sqlite }, postgres: { instances: 2, ...postgres } };
  require("fs").writeFileSync("target/bench-store.json", JSON.stringify(rows, null, 2) + "\n");
  console.log("POST /api/orders, 64 connections      orders/s   p99 ms   errors");
  for (const [name, r] of [["SQLite, 1 instance", rows.sqlite], ["PostgreSQL, 2 instances", rows.postgres]])
    console.log(`  ${name.padEnd(36)}${String(r.perSecond).padStart(8)}${String(r.p99Ms).padStart(9)}${String(r.errors).padStart(9)}`);
' "$sqlite" "$postgres"
