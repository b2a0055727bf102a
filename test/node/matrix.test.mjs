// The bad-input matrix (test/matrix/cases.mjs) and the determinism check in Node, through the
// npm package built in pkg/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runMatrix } from "../matrix/cases.mjs";
import { canonicalOutcomes } from "../matrix/determinism.mjs";
import { root } from "./vectors.mjs";

const mod = await import(join(root, "pkg/node.js"));

test("every hostile input is a CheckoutError with its code and path; the instance survives", () => {
  const run = runMatrix(mod);
  assert.ok(run.cases >= 60, `${run.cases} cases`);
  const failures = run.results.filter((r) => !r.ok).map((r) => `${r.name}: got ${JSON.stringify(r.got)}, expected ${r.code} at ${r.field}`);
  assert.deepEqual(failures, []);
  assert.equal(run.prototypeUntouched, true);
  // 10.00 a month x 3 = 30.00; Advanced 1 seat 1,250 + Starter 5,000.
  assert.deepEqual([run.finalQuote.total, run.finalQuote.credits], ["30.00", 6250]);
  console.log(`matrix: ${run.cases} cases, ${run.results.length} checks in Node`);
});

test("10,000 generated orders give the native outcomes byte for byte", () => {
  const dir = join(root, "target/determinism");
  const orders = JSON.parse(readFileSync(join(dir, "orders.json"), "utf8"));
  const native = JSON.parse(readFileSync(join(dir, "native.json"), "utf8"));
  const mine = canonicalOutcomes(mod, orders);
  assert.equal(mine.length, 10_000);
  const differing = mine.map((m, i) => (m === native[i] ? null : i)).filter((i) => i !== null);
  assert.deepEqual(differing.slice(0, 5).map((i) => ({ i, node: mine[i], native: native[i] })), []);
});
