// Writes server/src/invoice/countries.rs: the name of each ISO 3166-1 alpha-2 code the engine
// accepts, in English and in Brazilian Portuguese, from Node's ICU (CLDR) data: the names the
// page shows through Intl.DisplayNames. Run again when the code list changes.
import { readFileSync, writeFileSync } from "node:fs";

const root = new URL("../", import.meta.url).pathname;
const source = readFileSync(`${root}src/country.rs`, "utf8");
const list = /const ASSIGNED: &str = "\\\n([\s\S]*?)";/.exec(source)[1];
const codes = list.replace(/\\\n/g, "").split(/\s+/).filter(Boolean).sort();
const en = new Intl.DisplayNames(["en"], { type: "region" });
const pt = new Intl.DisplayNames(["pt-BR"], { type: "region" });
const rows = codes.map((c) => `    ("${c}", ${JSON.stringify(en.of(c))}, ${JSON.stringify(pt.of(c))}),`);
writeFileSync(
  `${root}server/src/invoice/countries.rs`,
  `//! Country names for the buyer's address, in English and Brazilian Portuguese (CLDR, written by
//! scripts/country-names.mjs from Node's ICU data; do not edit by hand).

/// \`(code, English, Brazilian Portuguese)\`, sorted by code.
pub const NAMES: [(&str, &str, &str); ${codes.length}] = [
${rows.join("\n")}
];
`,
);
console.log(`${codes.length} countries written`);
