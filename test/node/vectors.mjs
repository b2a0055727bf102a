// The shared vectors (tests/vectors/*.json) and their matcher, for the JS runs: the same rules
// as tests/common/mod.rs.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

export const root = new URL("../../", import.meta.url).pathname;
const defaultCatalog = JSON.parse(readFileSync(join(root, "catalog/default.json"), "utf8"));

export function loadVectors() {
  const dir = join(root, "tests/vectors");
  const out = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    for (const v of JSON.parse(readFileSync(join(dir, file), "utf8"))) {
      out.push({
        key: `${file} / ${v.name}`,
        catalog: { ...structuredClone(defaultCatalog), ...(v.catalog ?? {}) },
        order: v.order ?? null,
        call: v.call ?? "quote",
        expect: v.expect,
      });
    }
  }
  return out;
}

export function nativeOutcomes() {
  return JSON.parse(readFileSync(join(root, "target/vector-results/native.json"), "utf8"));
}

const isObject = (x) => x !== null && typeof x === "object" && !Array.isArray(x);

/** `expected` is found in `actual`; returns the first difference or null. */
export function subset(expected, actual, path = "") {
  if (isObject(expected) && isObject(actual)) {
    for (const [k, e] of Object.entries(expected)) {
      if (!(k in actual)) return `${path}.${k}: missing`;
      const d = subset(e, actual[k], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return `${path}: ${actual.length} items, expected ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = subset(expected[i], actual[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  return JSON.stringify(expected) === JSON.stringify(actual)
    ? null
    : `${path}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
}

function sameProblems(expected, actual) {
  if (expected.length !== actual.length) return `${actual.length} problems, expected ${expected.length}: ${JSON.stringify(actual)}`;
  const used = actual.map(() => false);
  for (const e of expected) {
    const i = actual.findIndex((a, j) => !used[j] && subset(e, a) === null);
    if (i < 0) return `no problem matches ${JSON.stringify(e)}; got ${JSON.stringify(actual)}`;
    used[i] = true;
  }
  return null;
}

/** Checks an outcome (`{ok}`, `{problems, validate}` or `{catalogProblems}`) against `expect`. */
export function check(v, outcome) {
  const e = v.expect;
  if (e.catalogProblems) {
    if (!outcome.catalogProblems) return "the catalog was accepted";
    const missing = e.catalogProblems.find((p) => !outcome.catalogProblems.some((a) => subset(p, a) === null));
    return missing ? `no problem matches ${JSON.stringify(missing)}` : null;
  }
  if (outcome.catalogProblems) return `catalog refused: ${JSON.stringify(outcome.catalogProblems)}`;
  if (e.problems) {
    if (!outcome.problems) return `succeeded: ${JSON.stringify(outcome.ok).slice(0, 200)}`;
    return sameProblems(e.problems, outcome.problems) ?? sameProblems(e.problems, outcome.validate);
  }
  if (!("ok" in outcome)) return `failed with ${JSON.stringify(outcome.problems)}`;
  return e.quote ? subset(e.quote, outcome.ok, "quote") : subset(e.result, outcome.ok, "result");
}

/** Deep equality but for the keys that are runtime-specific by design (display strings, labels). */
export function withoutDisplay(x) {
  if (Array.isArray(x)) return x.map(withoutDisplay);
  if (!isObject(x)) return x;
  const out = {};
  for (const k of Object.keys(x).sort()) if (k !== "display" && k !== "label") out[k] = withoutDisplay(x[k]);
  return out;
}

/** Runs one vector through the public JS API of `mod`. */
export function outcome(mod, v) {
  let checkout;
  try {
    checkout = new mod.Checkout(v.catalog);
  } catch (e) {
    if (!(e instanceof mod.CheckoutError)) throw e;
    return { catalogProblems: e.problems };
  }
  const call = { packageTerms: "packageTerms", installmentOptions: "installmentOptions", renewal: "renewal" }[v.call] ?? "quote";
  try {
    return { ok: checkout[call](v.order) };
  } catch (e) {
    if (!(e instanceof mod.CheckoutError)) throw e;
    // A renewal has no validate(): its problems stand for both (as natively).
    return { problems: e.problems, validate: call === "renewal" ? e.problems : checkout.validate(v.order) };
  }
}
