// The reference backend under load and across restarts, over HTTP, as a signed-in user: 100
// concurrent submissions of one package (R16: the first one sold makes the others no upgrade),
// replayed idempotency keys, a restart that keeps every accepted order.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { apiSession, root, startBackend } from "../support.mjs";

const { Checkout } = await import(join(root, "pkg/node.js"));
const dataDir = mkdtempSync(join(tmpdir(), "credit-checkout-backend-"));
let server;
let base;
let api;

async function start() {
  // No rate limit: this test places a hundred orders at once for one user.
  const started = await startBackend(dataDir, undefined, ["--order-rate", "0"]);
  server = started.process;
  base = started.base;
  api = await apiSession(base, "us-admin");
}

async function stop() {
  server.removeAllListeners("exit");
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGKILL"); // as abrupt as a crash: only what was committed may survive
  await exited;
}

before(start);

after(async () => {
  if (server.exitCode === null) await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signedOrder({ seats = false } = {}) {
  const account = await api.json("/api/account");
  const order = {
    asOf: account.today, account: account.account, locale: account.locale,
    payment: { method: "card", installments: 1 },
  };
  if (seats) order.subscription = { addSeats: 1 };
  else order.creditPackage = { id: "starter", months: 3 };
  return { order, fingerprint: new Checkout().quote(order).fingerprint };
}

const post = (body, key) =>
  api.fetch("/api/orders", {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": key },
    body: JSON.stringify(body),
  });

async function allOrders() {
  const all = [];
  let cursor = "";
  do {
    const page = await api.json(`/api/orders?limit=100&cursor=${cursor}`);
    all.push(...page.orders);
    cursor = page.next ?? "";
  } while (cursor);
  return all;
}

const numbers = async () => (await allOrders()).map((o) => o.number).sort((a, b) => a - b);

/** The body of the hundred submissions and a key they refused (kept), replayed by the next test. */
let loadBody;
let refusedKey;

test("100 concurrent submissions of one package: one sold, the others refused, no gaps", async () => {
  const body = await signedOrder();
  loadBody = body;
  const responses = await Promise.all(Array.from({ length: 100 }, (_, i) => post(body, `load-${i}`)));
  const answers = await Promise.all(responses.map(async (r) => ({ status: r.status, body: await r.json() })));
  const created = answers.filter((a) => a.status === 201);
  assert.equal(created.length, 1);
  assert.equal(created[0].body.number, 1);
  // No longer an upgrade once Starter is sold (R16), or, while it is being charged, one order of
  // the account at a time (409, the key not kept).
  const code = (a) => (a.status === 422 ? a.body.error.problems?.[0]?.code : a.body.error?.code);
  const refused = answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${code(a)}`);
  assert.deepEqual(
    [...new Set(refused)].filter((r) => r !== "422 PACKAGE_NOT_AN_UPGRADE" && r !== "409 ORDER_IN_PROGRESS"),
    [],
  );
  assert.equal(refused.length, 99);
  refusedKey = `load-${answers.findIndex((a) => a.status === 422)}`;
  assert.deepEqual(await numbers(), [1]);
});

test("a replayed idempotency key answers the first response; racing replays make one order", async () => {
  const first = await post(loadBody, refusedKey);
  assert.equal(first.headers.get("idempotent-replayed"), "true");
  const body = await signedOrder({ seats: true });
  // Ten at once with a new key: one is processed, the others find it in flight (409) or done.
  const racing = await Promise.all(Array.from({ length: 10 }, () => post(body, "race-key")));
  const statuses = racing.map((r) => r.status);
  assert.ok(statuses.every((s) => s === 201 || s === 409), statuses.join());
  assert.equal(racing.filter((r) => r.status === 201 && !r.headers.get("idempotent-replayed")).length, 1);
  const settled = await (await post(body, "race-key")).json();
  const raced = await Promise.all(racing.filter((r) => r.status === 201).map((r) => r.json()));
  assert.ok(raced.every((o) => o.number === settled.number), "one order for the key");
  assert.equal((await numbers()).length, 2);
  // The same key with another body is refused.
  const other = await post({ ...body, fingerprint: "0".repeat(64) }, "race-key");
  assert.equal(other.status, 422);
  assert.equal((await other.json()).error.code, "IDEMPOTENCY_KEY_REUSED");
});

test("a restart keeps every accepted order", async () => {
  const before = await allOrders();
  await stop();
  await start();
  const after = await allOrders();
  assert.deepEqual(after, before);
  assert.deepEqual(after.map((o) => o.number).sort((a, b) => a - b), [1, 2]);
  // Numbering goes on from where it stopped.
  const next = await (await post(await signedOrder({ seats: true }), "after-restart")).json();
  assert.equal(next.number, 3);
});
