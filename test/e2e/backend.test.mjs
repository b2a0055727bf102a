// The reference backend under load and across restarts, over HTTP: 100 concurrent submissions,
// replayed idempotency keys, a restart that keeps every accepted order.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { root, startBackend } from "../support.mjs";

const { Checkout } = await import(join(root, "pkg/node.js"));
const dataDir = mkdtempSync(join(tmpdir(), "credit-checkout-backend-"));
let server;
let base;

async function start() {
  const started = await startBackend(dataDir);
  server = started.process;
  return started.base;
}

async function stop() {
  server.removeAllListeners("exit");
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGKILL"); // as abrupt as a crash: only what was committed may survive
  await exited;
}

before(async () => {
  base = await start();
});

after(async () => {
  if (server.exitCode === null) await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signedOrder() {
  const account = await (await fetch(`${base}/api/accounts/us-admin`)).json();
  const order = {
    asOf: account.today, account: account.account, locale: account.locale,
    creditPackage: { id: "starter", months: 3 }, payment: { method: "card", installments: 1 },
  };
  return { order, fingerprint: new Checkout().quote(order).fingerprint };
}

const post = (body, key) =>
  fetch(`${base}/api/orders`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(key ? { "Idempotency-Key": key } : {}) },
    body: JSON.stringify(body),
  });

const numbers = async () => (await (await fetch(`${base}/api/orders`)).json()).map((o) => o.number).sort((a, b) => a - b);

test("100 concurrent submissions: none lost, numbers without gaps or duplicates", async () => {
  const { order, fingerprint } = await signedOrder();
  const body = { accountId: "us-admin", order, fingerprint };
  const responses = await Promise.all(Array.from({ length: 100 }, (_, i) => post(body, `load-${i}`)));
  assert.deepEqual([...new Set(responses.map((r) => r.status))], [201]);
  const created = await Promise.all(responses.map((r) => r.json()));
  const returned = created.map((o) => o.number).sort((a, b) => a - b);
  const expected = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.deepEqual(returned, expected);
  assert.deepEqual(await numbers(), expected);
});

test("a replayed idempotency key returns the first order, even when replays race", async () => {
  const { order, fingerprint } = await signedOrder();
  const body = { accountId: "us-admin", order, fingerprint };
  const again = await post(body, "load-17");
  assert.equal(again.status, 200);
  const replayed = await again.json();
  assert.ok(replayed.number >= 1 && replayed.number <= 100);
  const racing = await Promise.all(Array.from({ length: 10 }, () => post(body, "race-key")));
  const racedNumbers = new Set(await Promise.all(racing.map(async (r) => (await r.json()).number)));
  assert.equal(racedNumbers.size, 1, "ten racing replays made one order");
  assert.deepEqual(racing.map((r) => r.status).sort(), [200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
  assert.equal((await numbers()).length, 101);
});

test("a restart keeps every accepted order", async () => {
  const before = await (await fetch(`${base}/api/orders`)).json();
  await stop();
  base = await start();
  const after = await (await fetch(`${base}/api/orders`)).json();
  assert.deepEqual(after, before);
  assert.deepEqual(after.map((o) => o.number).sort((a, b) => a - b), Array.from({ length: 101 }, (_, i) => i + 1));
  // Numbering goes on from where it stopped.
  const { order, fingerprint } = await signedOrder();
  const next = await (await post({ accountId: "us-admin", order, fingerprint }, "after-restart")).json();
  assert.equal(next.number, 102);
});
