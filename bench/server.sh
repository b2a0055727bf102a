#!/usr/bin/env bash
# The reference backend under load (release build, loopback only): GET /api/catalog and
# POST /api/orders over keep-alive connections, 1, 64 and 256 at a time, for BENCH_SECONDS each
# (5 by default). Prints one line per run and writes target/bench-server.json. Budgets: at 64
# connections at least 10,000 GETs and 1,000 orders a second, p99 under 50 ms; no error at 256.
# Orders: 256 load-test accounts (--bench-accounts), one signed-in user per connection, each
# buying one seat at a time priced on the account its last order left (server/examples/load.rs);
# the per-user order rate limit is off (--order-rate 0).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${BENCH_SECONDS:-5}
cargo build --quiet --release -p credit-checkout-server --bins --example load
data=$(mktemp -d)
out=$(mktemp)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$data" "$out"' EXIT
target/release/credit-checkout-server --port 0 --data-dir "$data" --www www/dist --order-rate 0 --bench-accounts 256 >"$out" &
pid=$!
for _ in $(seq 100); do grep -q 'http://' "$out" && break; sleep 0.1; done
addr=$(sed -n 's|.*http://\(127\.0\.0\.1:[0-9]*\)/.*|\1|p' "$out" | head -n1)
[ -n "$addr" ] || { echo "the server did not start" >&2; exit 1; }

results=()
for connections in 1 64 256; do
  results+=("$(target/release/examples/load "$addr" get /api/catalog "$connections" "$seconds")")
  echo "${results[-1]}"
  results+=("$(target/release/examples/load "$addr" orders "$connections" "$seconds")")
  echo "${results[-1]}"
done
printf '%s\n' "${results[@]}" | node -e '
  const runs = require("node:fs").readFileSync(0, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  require("node:fs").writeFileSync("target/bench-server.json", JSON.stringify(runs, null, 2) + "\n");
  const at = (route, n) => runs.find((r) => r.route.startsWith(route) && r.connections === n);
  const over = [];
  if (at("GET", 64).perSecond < 10000) over.push("GET at 64 connections under 10,000/s");
  if (at("POST", 64).perSecond < 1000) over.push("orders at 64 connections under 1,000/s");
  for (const r of runs.filter((r) => r.connections === 64 && r.p99Ms >= 50)) over.push(`${r.route} p99 ${r.p99Ms} ms at 64`);
  for (const r of runs.filter((r) => r.connections === 256 && r.errors > 0)) over.push(`${r.route}: ${r.errors} errors at 256`);
  console.table(runs);
  if (over.length) { console.error("over budget: " + over.join("; ")); process.exit(1); }
'
