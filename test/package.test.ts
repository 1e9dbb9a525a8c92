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

  test('bundles exactly the runtime dependencies that are not jsii modules', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect([...pkg.bundledDependencies].sort()).toEqual(Object.keys(pkg.dependencies).sort());
    for (const dep of pkg.bundledDependencies) {
      expect(files).toContain(`node_modules/${dep}/package.json`);
    }
  });

  test('holds the built JavaScript and type declarations of the public entry point', () => {
    expect(files).toEqual(expect.arrayContaining(['build/index.js', 'build/index.d.ts', 'build/rest/rest-gateway.js', 'build/http/http-gateway.d.ts']));
  });

  test('holds nothing from tests, examples, integ, benchmarks, scripts or TypeScript sources', () => {
    // node_modules/ holds the bundledDependencies (the OpenAPI parser and validator) as their authors publish them.
    const own = files.filter(f => !f.startsWith('node_modules/'));
    const stray = own.filter(f => /^(test|examples|integ|bench|scripts|rosetta|lib)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')));
    expect(stray).toEqual([]);
  });

  test('every built file has its declaration file', () => {
    const js = files.filter(f => f.startsWith('build/') && f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(10);
    expect(js.filter(f => !files.includes(f.replace(/\.js$/, '.d.ts')))).toEqual([]);
  });
});

describe('package.json fields Construct Hub reads', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const repoUrl = 'https://github.com/cdk-api-gateways/cdk-api-gateways';

  test('keywords put the package in the AWS CDK catalogue and the API Gateway searches', () => {
    expect(pkg.keywords).toEqual(expect.arrayContaining(['cdk', 'awscdk', 'aws-cdk', 'apigateway', 'api-gateway', 'construct']));
  });

  test('repository, homepage and bugs point at the repository', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: `${repoUrl}.git` });
    expect(pkg.homepage).toBe(`${repoUrl}#readme`);
    expect(pkg.bugs).toEqual({ url: `${repoUrl}/issues` });
  });

  test('stability, Node.js engine, peer range and jsii targets are declared', () => {
    expect(['experimental', 'stable', 'deprecated']).toContain(pkg.stability);
    expect(pkg.engines.node).toMatch(/^>= ?\d+/);
    expect(pkg.peerDependencies['aws-cdk-lib']).toMatch(/^\^2\./);
    expect(Object.keys(pkg.jsii.targets).sort()).toEqual(['dotnet', 'go', 'java', 'python']);
  });

  test('the licence is Apache-2.0, as LICENSE says', () => {
    expect(pkg.license).toBe('Apache-2.0');
    const head = fs.readFileSync(path.join(root, 'LICENSE'), 'utf8').split('\n').slice(0, 3).join(' ');
    expect(head).toMatch(/Apache License\s+Version 2\.0/);
  });

  test('README names the package of each jsii target in its Install section', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const { python, java, dotnet, go } = pkg.jsii.targets;
    expect(readme).toContain(`npm install ${pkg.name}`);
    expect(readme).toContain(`pip install ${python.distName}`);
    expect(readme).toContain(`<groupId>${java.maven.groupId}</groupId>`);
    expect(readme).toContain(`<artifactId>${java.maven.artifactId}</artifactId>`);
    expect(readme).toContain(`dotnet add package ${dotnet.packageId}`);
    // jsii-pacmak puts the Go package in a folder named after the npm name without punctuation.
    expect(readme).toContain(`go get ${go.moduleName}/${pkg.name.replace(/[^a-z0-9]/gi, '').toLowerCase()}`);
  });
});
