/**
 * The package's entry point loads a module of the library when one of its exports is first read
 * (scripts/lazy-index.js, run by `npm run build`): a REST app does not load the HTTP and WebSocket
 * files. Needs `npm run build` first (as test/package.test.ts).
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

const BUILD = path.join(__dirname, '..', 'build');

function run(script: string): string {
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim();
}

test('loading the package loads none of its modules; reading RestGateway loads the REST files, not the HTTP or WebSocket ones', () => {
  const out = run(`
    const build = ${JSON.stringify(BUILD)};
    const loaded = () => Object.keys(require.cache).filter(f => f.startsWith(build)).map(f => f.slice(build.length));
    const lib = require(build);
    const atLoad = loaded();
    void lib.RestGateway;
    const afterRest = loaded();
    console.log(JSON.stringify({ atLoad, afterRest }));
  `);
  const { atLoad, afterRest } = JSON.parse(out) as { atLoad: string[]; afterRest: string[] };
  expect(atLoad).toEqual(['/index.js']);
  expect(afterRest).toContain('/rest/rest-gateway.js');
  expect(afterRest.filter(f => f.startsWith('/http/') || f.startsWith('/websocket/'))).toEqual([]);
});

test('every export is still there, enumerable, and the same object on every read (CommonJS and ES-module importers)', () => {
  const out = run(`
    const lib = require(${JSON.stringify(BUILD)});
    const names = Object.keys(lib).filter(n => n !== '__esModule');
    const missing = names.filter(n => lib[n] === undefined);
    const stable = names.every(n => lib[n] === lib[n]);
    console.log(JSON.stringify({ count: names.length, missing, stable, rest: typeof lib.RestGateway, http: typeof lib.HttpGateway }));
  `);
  const result = JSON.parse(out) as { count: number; missing: string[]; stable: boolean; rest: string; http: string };
  expect(result.missing).toEqual([]);
  expect(result.stable).toBe(true);
  expect(result.count).toBeGreaterThan(20);
  expect([result.rest, result.http]).toEqual(['function', 'function']);
  const esm = execFileSync(process.execPath, ['--input-type=module', '-e',
    `import { RestGateway, WebSocketGateway } from ${JSON.stringify(path.join(BUILD, 'index.js'))}; console.log(typeof RestGateway, typeof WebSocketGateway);`],
  { encoding: 'utf8' }).trim();
  expect(esm).toBe('function function');
});
