#!/usr/bin/env node
/**
 * After the jsii build: makes build/index.js load each module of the library when one of its
 * exports is first read, instead of all of them when the package is loaded (issue 14, synth
 * cost). A RestGateway app then loads the REST files only, not the HTTP, WebSocket and
 * OpenAPI-import ones.
 *
 * TypeScript compiles `export { X } from './x'` to `var x_1 = require("./x");` plus a getter
 * `get: function () { return x_1.X; }`. This turns each such `require` into a Proxy that requires
 * the module on first property access. The getters keep their form, which Node's
 * cjs-module-lexer reads to offer the names to ES-module importers; jsii's kernel and TypeScript
 * callers read the exports through the same getters.
 */
const fs = require('fs');
const path = require('path');

const file = path.join(__dirname, '..', 'build', 'index.js');
let text = fs.readFileSync(file, 'utf8');
if (text.includes('function lazyModule(')) {
  process.exit(0); // already done (a second run of the script)
}
let count = 0;
text = text.replace(/^var (\w+) = require\(("\.\/[^"]+")\);$/gm, (_line, name, target) => {
  count++;
  return `var ${name} = lazyModule(function () { return require(${target}); });`;
});
const marker = 'Object.defineProperty(exports, "__esModule", { value: true });';
if (count === 0 || !text.includes(marker)) {
  console.error('scripts/lazy-index.js: build/index.js does not have the shape this script rewrites; left as it is');
  process.exit(1);
}
text = text.replace(marker, `${marker}
/** A module required on first property access (scripts/lazy-index.js). */
function lazyModule(load) {
  var loaded;
  return new Proxy({}, { get: function (_target, property) { return (loaded || (loaded = load()))[property]; } });
}`);
fs.writeFileSync(file, text);
console.log(`scripts/lazy-index.js: ${count} modules of build/index.js load on first use`);
