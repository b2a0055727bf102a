// The npm package as a customer gets it: `npm pack` of pkg/, installed into a fresh project,
// imported by name. Runs every shared vector through the public JS API in Node, compares each
// outcome with the native one, and checks the CheckoutError contract.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { check, loadVectors, nativeOutcomes, outcome, root, withoutDisplay } from "./vectors.mjs";
import { seedOrder } from "../matrix/cases.mjs";

let project;
let packed;
let mod;

const npm = (args, cwd) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

before(() => {
  project = mkdtempSync(join(tmpdir(), "credit-checkout-consumer-"));
  [packed] = JSON.parse(npm(["pack", join(root, "pkg"), "--json", "--pack-destination", project], root));
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  npm(["install", "--no-audit", "--no-fund", "--offline", join(project, packed.filename)], project);
});

after(() => rmSync(project, { recursive: true, force: true }));

const load = async () => {
  if (!mod) {
    const entry = createRequire(join(project, "package.json")).resolve("credit-checkout");
    mod = await import(pathToFileURL(entry));
  }
  return mod;
};

describe("the packed tarball", () => {
  test("ships only what it lists: one .wasm, the entries, their types and source maps", () => {
    const manifest = JSON.parse(readFileSync(join(project, "node_modules/credit-checkout/package.json"), "utf8"));
    assert.equal(manifest.name, "credit-checkout");
    assert.equal(manifest.types, "./index.d.cts");
    assert.match(manifest.repository.url, /^git\+https:\/\/github\.com\//);
    for (const field of ["version", "description", "license", "repository", "files", "sideEffects"]) {
      assert.ok(manifest[field], field);
    }
    // Browsers load index.js (or lazy.js) alone, the web glue bundled in, and the .wasm beside it;
    // Node loads node.cjs, the module embedded in it.
    assert.deepEqual(packed.files.map((f) => f.path).sort(), [
      "LICENSE", "README.md", "credit_checkout_bg.wasm", "errors.cjs", "errors.d.cts", "errors.d.ts", "errors.js",
      "index.d.cts", "index.d.ts", "index.js", "index.js.map", "lazy.d.cts", "lazy.d.ts", "lazy.js", "lazy.js.map",
      "node.cjs", "node.js", "package.json",
    ]);
    const dir = join(project, "node_modules/credit-checkout");
    assert.match(readFileSync(join(dir, "LICENSE"), "utf8"), /^MIT License/);
    // The source map names the readable sources and carries them.
    assert.match(readFileSync(join(dir, "index.js"), "utf8"), /\/\/# sourceMappingURL=index\.js\.map\s*$/);
    const map = JSON.parse(readFileSync(join(dir, "index.js.map"), "utf8"));
    assert.ok(map.sources.some((s) => s.endsWith("js/checkout.js")), map.sources.join());
    assert.equal(map.sourcesContent.length, map.sources.length);
    // The Node build embeds the module rather than reading a file beside it.
    assert.doesNotMatch(readFileSync(join(dir, "node.cjs"), "utf8"), /credit_checkout_bg\.wasm|__dirname|import\.meta/);
  });

  test("a fresh project imports it by name (ESM) and requires it (CommonJS)", () => {
    const esm = `import { Checkout, version } from "credit-checkout"; console.log(version(), new Checkout().catalog.version);`;
    const out = execFileSync("node", ["--input-type=module", "-e", esm], { cwd: project, encoding: "utf8" });
    assert.match(out, /^\d+\.\d+\.\d+ example-2026-11\n$/);
    const cjs = `const { Checkout } = require("credit-checkout"); console.log(new Checkout().quote(${JSON.stringify(seedOrder())}).total);`;
    const out2 = execFileSync("node", ["-e", cjs], { cwd: project, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    assert.equal(out2, "30.00\n");
  });
});

describe("the vectors through the public JS API in Node", () => {
  test("every vector passes and matches the native outcome field by field", async () => {
    const m = await load();
    const native = nativeOutcomes();
    const vectors = loadVectors();
    assert.equal(Object.keys(native).length, vectors.length, "native results are current");
    const failures = [];
    for (const v of vectors) {
      const got = outcome(m, v);
      const problem = check(v, got);
      if (problem) failures.push(`${v.key}: ${problem}`);
      assert.deepEqual(withoutDisplay(JSON.parse(JSON.stringify(got))), withoutDisplay(native[v.key]), v.key);
    }
    assert.deepEqual(failures, []);
  });
});

describe("CheckoutError", () => {
  const variants = {
    "seats as a string": [(o) => (o.account.seats = "1"), "account.seats"],
    "seats NaN": [(o) => (o.account.seats = NaN), "account.seats"],
    "seats Infinity": [(o) => (o.account.seats = Infinity), "account.seats"],
    "seats fractional": [(o) => (o.account.seats = 1.5), "account.seats"],
    "seats negative": [(o) => (o.account.seats = -1), "account.seats"],
    "seats a BigInt": [(o) => (o.account.seats = 1n << 70n), "account.seats"],
    "autoRenewal undefined": [(o) => (o.account.autoRenewal = undefined), "account.autoRenewal"],
    "asOf a Date": [(o) => (o.asOf = new Date(2026, 6, 3)), "asOf"],
    "asOf not zero-padded": [(o) => (o.asOf = "2026-7-3"), "asOf"],
    "months a function": [(o) => (o.creditPackage.months = () => 3), "creditPackage.months"],
    "unknown key (typo)": [(o) => { delete o.payment.installments; o.payment.installment = 7; }, "payment.installment"],
    "role unknown": [(o) => (o.account.role = "owner"), "account.role"],
  };

  test("wrong types from JS are INVALID_INPUT with their path, never a trap", async () => {
    const { Checkout, CheckoutError } = await load();
    const checkout = new Checkout();
    for (const [name, [mutate, field]] of Object.entries(variants)) {
      const order = seedOrder();
      mutate(order);
      assert.throws(() => checkout.quote(order), (e) => {
        assert.ok(e instanceof CheckoutError, name);
        assert.ok(e instanceof Error, name);
        assert.equal(e.name, "CheckoutError");
        assert.equal(e.code, "INVALID_INPUT", name);
        assert.equal(e.field, field, name);
        assert.equal(e.problems[0].field, field);
        return true;
      });
      assert.equal(checkout.validate(order)[0]?.code, "INVALID_INPUT", `validate: ${name}`);
    }
    for (const junk of [null, undefined, 42, "order", [], () => 1]) {
      assert.throws(() => checkout.quote(junk), (e) => e instanceof CheckoutError && e.code === "INVALID_INPUT" && e.field === "");
    }
    // After all of it, the same instance still quotes.
    assert.equal(checkout.quote(seedOrder()).total, "30.00");
  });

  test("carries every problem at once, and validate() returns them without throwing", async () => {
    const { Checkout, CheckoutError } = await load();
    const checkout = new Checkout();
    const order = seedOrder();
    order.account.role = "member";
    order.payment.method = "pix";
    order.creditPackage.months = 2;
    const codes = checkout.validate(order).map((p) => p.code).sort();
    assert.deepEqual(codes, ["NOT_ADMIN", "PACKAGE_TERM_TOO_SHORT", "UNKNOWN_PAYMENT_METHOD"]);
    try {
      checkout.quote(order);
      assert.fail("quote succeeded");
    } catch (e) {
      assert.ok(e instanceof CheckoutError);
      assert.equal(e.code, "NOT_ADMIN");
      assert.equal(e.field, "account.role");
      assert.equal(e.problems.length, 3);
      assert.equal(e.problems.find((p) => p.code === "PACKAGE_TERM_TOO_SHORT").details.minMonths, 3);
    }
  });

  test("a broken catalog is INVALID_CATALOG naming the field", async () => {
    const { Checkout, CheckoutError } = await load();
    const catalog = new Checkout().catalog;
    catalog.creditPackages[1].id = "starter";
    assert.throws(() => new Checkout(catalog), (e) => e instanceof CheckoutError && e.code === "INVALID_CATALOG" && e.field === "creditPackages[1].id");
    assert.throws(() => new Checkout({ version: 1 }), (e) => e.code === "INVALID_CATALOG" && e.field === "version");
  });

  test("verify() compares fingerprints and refuses a non-string", async () => {
    const { Checkout, CheckoutError } = await load();
    const checkout = new Checkout();
    const quote = checkout.quote(seedOrder());
    assert.match(quote.fingerprint, /^[0-9a-f]{64}$/);
    assert.equal(checkout.verify(seedOrder(), quote.fingerprint), true);
    const tampered = quote.fingerprint.replace(/^./, (c) => (c === "0" ? "1" : "0"));
    assert.equal(checkout.verify(seedOrder(), tampered), false);
    assert.throws(() => checkout.verify(seedOrder(), 42), (e) => e instanceof CheckoutError && e.field === "fingerprint");
  });
});

describe("display strings through Intl", () => {
  const nbsp = (s) => s.replace(/\u00a0/g, " ");

  test("pt-BR and en-US with USD, pt-BR with BRL, installment labels", async () => {
    const { Checkout } = await load();
    const checkout = new Checkout();
    assert.equal(nbsp(checkout.quote(seedOrder()).display.total), "US$ 30,00");
    assert.equal(checkout.quote({ ...seedOrder(), locale: "en-US" }).display.total, "$30.00");
    // 4.99 % of 30.00 is 1.497, rounded 1.50; 31.50 in 7 is 4.50 each.
    const options = checkout.installmentOptions(seedOrder());
    assert.equal(options.length, 12);
    assert.equal(nbsp(options[6].label), "7 × US$ 4,50");
    assert.equal(options[6].interestFree, false);
    assert.equal(options[5].interestFree, true);
    const catalog = { ...checkout.catalog, currency: "BRL" };
    catalog.creditPackages = catalog.creditPackages.map((p) => (p.id === "starter" ? { ...p, pricePerMonth: "411.52" } : p));
    // 411.52 x 3 = 1,234.56
    assert.equal(nbsp(new Checkout(catalog).quote(seedOrder()).display.total), "R$ 1.234,56");
  });

  test("display strings equal Intl.NumberFormat's for many locales, currencies, digits and sizes", async () => {
    // The package learns a locale's pattern once and replays it; whatever it does must give
    // Intl's own text. Grouping (en-IN 12,34,567), ungrouped four digits (es, pl), non-Latin
    // digits (ar-EG, fa-IR), right-to-left marks (he), currency after the amount (de, fr).
    const { Checkout } = await load();
    const locales = [
      "pt-BR", "en-US", "de-DE", "fr-FR", "es-ES", "en-IN", "hi-IN", "ja-JP", "ar-EG", "fa-IR", "he-IL",
      "pl-PL", "de-CH", "sv-SE", "ru-RU", "zh-CN", "th-TH", "pt-PT", "es-MX", "fr-CH", "bn-BD", "my-MM",
    ];
    const base = new Checkout().catalog;
    let checked = 0;
    for (const [currency, minorUnits] of [["USD", 2], ["JPY", 0], ["KWD", 3], ["BRL", 2]]) {
      for (const price of ["1", "999", "1234", "45678", "1234567"]) {
        const catalog = structuredClone(base);
        catalog.currency = currency;
        catalog.minorUnits = minorUnits;
        const cents = (p) => (minorUnits === 0 ? p : `${p}.${"0".repeat(minorUnits - 1)}7`);
        catalog.plans = catalog.plans.map((p) => ({ ...p, seatPricePerMonth: cents("15") }));
        catalog.creditPackages = catalog.creditPackages.map((p) => ({
          ...p, pricePerMonth: cents(price), ...(p.step ? { step: { ...p.step, pricePerMonth: cents("10") } } : {}),
        }));
        const checkout = new Checkout(catalog);
        for (const locale of locales) {
          const quote = checkout.quote({ ...seedOrder(), locale, payment: { method: "card", installments: 10 } });
          const nf = new Intl.NumberFormat(locale, {
            style: "currency", currency, minimumFractionDigits: minorUnits, maximumFractionDigits: minorUnits,
          });
          for (const k of ["subtotal", "commission", "total"]) {
            assert.equal(quote.display[k], nf.format(quote[k]), `${locale} ${currency} ${quote[k]}`);
          }
          assert.equal(quote.display.installment, nf.format(quote.installments.schedule[0].amount));
          const option = checkout.installmentOptions({ ...seedOrder(), locale })[11];
          assert.equal(option.label, `12 × ${nf.format(option.amount)}`);
          checked += 5;
        }
      }
    }
    assert.equal(checked, 4 * 5 * locales.length * 5);
  });
});

describe("loading and misuse", () => {
  const node = (code) => execFileSync("node", ["--input-type=module", "-e", code], { cwd: project, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

  test("loadCheckout() takes bytes, a compiled module, a file URL or a Response, and a bad module is WASM_LOAD_FAILED with its cause", () => {
    const wasm = JSON.stringify(join(project, "node_modules/credit-checkout/credit_checkout_bg.wasm"));
    const order = JSON.stringify(seedOrder());
    const script = (source) => `
      import { readFileSync } from "node:fs";
      import { pathToFileURL } from "node:url";
      import { loadCheckout } from "credit-checkout/lazy";
      const bytes = readFileSync(${wasm});
      const { Checkout } = await loadCheckout({ wasm: ${source} });
      console.log(new Checkout().quote(${order}).total);`;
    assert.equal(node(script("bytes")), "30.00\n");
    assert.equal(node(script("new WebAssembly.Module(bytes)")), "30.00\n");
    assert.equal(node(script(`pathToFileURL(${wasm})`)), "30.00\n");
    assert.equal(node(script(`new Response(bytes, { headers: { "Content-Type": "application/wasm" } })`)), "30.00\n");
    assert.equal(node(script(`Promise.resolve(new Response(bytes))`)), "30.00\n");
    const failing = `
      import { loadCheckout } from "credit-checkout/lazy";
      import { CheckoutError } from "credit-checkout/errors";
      try {
        await loadCheckout({ wasm: new Uint8Array([0, 97, 115, 109, 9]) });
      } catch (e) {
        console.log(e instanceof CheckoutError, e.code, e.cause instanceof WebAssembly.CompileError);
      }
      // A failed load may be retried: the embedded module this time.
      const { version } = await loadCheckout();
      console.log(typeof version());`;
    assert.equal(node(failing), "true WASM_LOAD_FAILED true\nstring\n");
  });

  test("a call after free() or on something that is not a Checkout is a CheckoutError", async () => {
    const { Checkout, CheckoutError } = await load();
    const checkout = new Checkout();
    const { quote } = checkout;
    assert.throws(() => quote(seedOrder()), (e) => e instanceof CheckoutError && e.code === "NOT_A_CHECKOUT");
    assert.throws(() => Checkout.prototype.verify.call({}, seedOrder(), "0"), (e) => e instanceof CheckoutError && e.code === "NOT_A_CHECKOUT");
    assert.throws(() => Reflect.get(Checkout.prototype, "catalog", {}), (e) => e instanceof CheckoutError && e.code === "NOT_A_CHECKOUT");
    checkout.free();
    checkout.free();
    for (const call of [() => checkout.quote(seedOrder()), () => checkout.validate(seedOrder()), () => checkout.catalog, () => checkout.installmentOptions(seedOrder())]) {
      assert.throws(call, (e) => e instanceof CheckoutError && e.code === "CHECKOUT_FREED" && e.problems.length === 1);
    }
    // Others are untouched.
    assert.equal(new Checkout().quote(seedOrder()).total, "30.00");
  });

  test("CheckoutError survives structured clone and JSON through toJSON() and CheckoutError.from()", async () => {
    const { Checkout, CheckoutError } = await load();
    const order = seedOrder();
    order.creditPackage = { id: "scale_custom", creditsPerMonth: 102000, months: 3 };
    let error;
    try {
      new Checkout().quote(order);
    } catch (e) {
      error = e;
    }
    // 102,000 is between 100,000 and 105,000 (steps of 5,000 from 100,000).
    assert.deepEqual(error.problems[0].details, { below: 100000, above: 105000 });
    const clonedRaw = structuredClone(error);
    assert.equal(clonedRaw instanceof CheckoutError, false, "a raw clone loses the class");
    for (const plain of [structuredClone(error.toJSON()), JSON.parse(JSON.stringify(error))]) {
      const again = CheckoutError.from(plain);
      assert.ok(again instanceof CheckoutError && again instanceof Error);
      assert.deepEqual([again.name, again.message, again.code, again.field, again.problems], [error.name, error.message, error.code, error.field, error.problems]);
    }
    assert.equal(CheckoutError.from(error.problems).code, "CUSTOM_CREDITS_NOT_A_STEP");
      assert.throws(() => CheckoutError.from({ problems: [{ code: 1 }] }), TypeError);
    assert.throws(() => CheckoutError.from(null), TypeError);
    const made = new CheckoutError([{ code: "NOT_ADMIN", field: "account.role", message: "admins only" }], { cause: "x" });
    assert.deepEqual([made.code, made.field, made.message, made.cause], ["NOT_ADMIN", "account.role", "NOT_ADMIN at account.role: admins only", "x"]);
  });

  test("credit-checkout/errors is the class without the engine, and instanceof holds across entries", async () => {
    const required = createRequire(join(project, "package.json")).resolve("credit-checkout/errors");
    assert.match(required, /errors\.cjs$/);
    const imported = join(project, "node_modules/credit-checkout/errors.js");
    for (const file of [required, imported]) assert.doesNotMatch(readFileSync(file, "utf8"), /import |require\(|wasm|Engine/);
    const { CheckoutError: Plain } = await import(pathToFileURL(imported));
    const { CheckoutError: PlainRequired } = createRequire(import.meta.url)(required);
    assert.ok(new PlainRequired([{ code: "EMPTY_ORDER", field: "", message: "m" }]) instanceof Plain);
    const { Checkout, CheckoutError } = await load();
    assert.notEqual(Plain, CheckoutError);
    try {
      new Checkout().quote(null);
      assert.fail("quote succeeded");
    } catch (e) {
      assert.ok(e instanceof Plain && e instanceof CheckoutError);
    }
    assert.ok(new Plain([{ code: "EMPTY_ORDER", field: "", message: "m" }]) instanceof CheckoutError);
    assert.equal(new Error("x") instanceof Plain, false);
    assert.equal({ code: "EMPTY_ORDER" } instanceof Plain, false);
  });
});
