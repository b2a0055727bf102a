// Minifies the package's browser modules in place (oxc, through rolldown, which Vite already
// brings): a page pays for every byte it downloads. The readable sources are js/ and the
// wasm-bindgen output under target/wasm-pack/.
import { readFileSync, writeFileSync } from "node:fs";
import { minify } from "rolldown/experimental";

for (const file of process.argv.slice(2)) {
  const source = readFileSync(file, "utf8");
  const result = await minify(file, source, { compress: true, mangle: true });
  if (result.errors?.length) {
    console.error(`${file}: ${result.errors.map((e) => e.message).join("; ")}`);
    process.exit(1);
  }
  writeFileSync(file, result.code);
}
