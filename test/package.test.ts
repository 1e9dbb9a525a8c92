import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');

/** The files `npm pack` would publish (after `npm run build`, which the test command runs first). */
function packedFiles(): string[] {
  if (!fs.existsSync(path.join(root, '.jsii'))) {
    throw new Error('no .jsii assembly: run `npm run build` before this test (`npm test` does)');
  }
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return (JSON.parse(out) as { files: { path: string }[] }[])[0].files.map(f => f.path).sort();
}

describe('npm package contents', () => {
  const files = packedFiles();

  test('holds the jsii assembly, the docs and the licence', () => {
    expect(files).toEqual(expect.arrayContaining(['.jsii', 'API.md', 'LICENSE', 'README.md', 'package.json']));
  });

  test('holds the built JavaScript and type declarations of the public entry point', () => {
    expect(files).toEqual(expect.arrayContaining(['build/index.js', 'build/index.d.ts', 'build/rest/rest-gateway.js', 'build/http/http-gateway.d.ts']));
  });

  test('holds nothing from tests, examples, integ, benchmarks, scripts or TypeScript sources', () => {
    const stray = files.filter(f => /^(test|examples|integ|bench|scripts|rosetta|lib)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')));
    expect(stray).toEqual([]);
  });

  test('every built file has its declaration file', () => {
    const js = files.filter(f => f.startsWith('build/') && f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(10);
    expect(js.filter(f => !files.includes(f.replace(/\.js$/, '.d.ts')))).toEqual([]);
  });
});
