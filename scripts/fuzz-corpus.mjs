// Seeds the fuzz corpus with every order and catalog of tests/vectors, so that libFuzzer starts
// from orders that reach deep into the rules (fuzz/corpus/checkout, not committed).
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../", import.meta.url).pathname;
const out = join(root, "fuzz/corpus/checkout");
mkdirSync(out, { recursive: true });
const defaults = JSON.parse(readFileSync(join(root, "catalog/default.json"), "utf8"));
let n = 0;
for (const file of readdirSync(join(root, "tests/vectors")).filter((f) => f.endsWith(".json"))) {
  for (const v of JSON.parse(readFileSync(join(root, "tests/vectors", file), "utf8"))) {
    const order = JSON.stringify(v.order ?? {});
    writeFileSync(join(out, `vector-${n}.json`), order);
    if (v.catalog) writeFileSync(join(out, `vector-${n}-catalog.json`), `${JSON.stringify({ ...defaults, ...v.catalog })}\u0000${order}`);
    n++;
  }
}
console.log(`fuzz corpus: ${n} vectors seeded into ${out}`);
