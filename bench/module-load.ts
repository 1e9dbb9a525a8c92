/**
 * Module-load benchmark (issue 14, synth cost): how many modules, and how much time, it costs to
 * load this library, against plain aws-cdk-lib.
 *
 *   npm run build && npx tsx bench/module-load.ts [--list]
 *
 * Every scenario runs RUNS times, each in a fresh `node` child process, so nothing is cached
 * between runs. A child reports the number of modules in `require.cache` (all, and those of
 * aws-cdk-lib), the time its requires took and, where it synthesizes, the time to build the stack
 * and synthesize it (modules are then counted once synth ends); the parent measures the wall time
 * of the whole child process (node start-up included). The table shows medians. `beyond` counts
 * the aws-cdk-lib modules a scenario loaded that its baseline did not ((b) against (a), (c)
 * against the same API built with plain aws-cdk-lib); `--list` names them.
 *
 * The library is loaded from `build/index.js` (what a user's `require('cdk-api-gateways')` runs),
 * so build it first.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const RUNS = 5;
const ROOT = path.resolve(__dirname, '..');
const LIBRARY = path.join(ROOT, 'build', 'index.js');

/** The modules plain aws-cdk-lib users load to build an API Gateway API. */
const PLAIN_REQUIRES = `
  const cdk = require('aws-cdk-lib');
  const apigateway = require('aws-cdk-lib/aws-apigateway');
  require('aws-cdk-lib/aws-apigatewayv2');
  const lambda = require('aws-cdk-lib/aws-lambda');
`;

/** A stack with one inline Lambda function, named `fn`, in `stack`. */
const STACK_WITH_FUNCTION = `
  const os = require('os');
  const fs = require('fs');
  const path = require('path');
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'module-load-'));
  const app = new cdk.App({ outdir });
  const stack = new cdk.Stack(app, 'ModuleLoad', { env: { account: '123456789012', region: 'eu-west-1' } });
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
`;

const SYNTH = `
  app.synth();
  fs.rmSync(outdir, { recursive: true, force: true });
`;

interface Scenario {
  readonly name: string;
  /** CommonJS run by the child, in a block; calls `mark('load')` once loaded, `mark('synth')` once synthesized. */
  readonly script: string;
  /** The scenario whose aws-cdk-lib modules this one is compared with (the `beyond` column). */
  readonly baseline?: string;
}

const PLAIN = '(a) plain aws-cdk-lib';
const PLAIN_SYNTH = '(r) plain RestApi synth';

const SCENARIOS: Scenario[] = [
  {
    name: PLAIN,
    script: `${PLAIN_REQUIRES} mark('load');`,
  },
  {
    name: '(b) library',
    script: `${PLAIN_REQUIRES} require(${JSON.stringify(LIBRARY)}); mark('load');`,
    baseline: PLAIN,
  },
  {
    name: PLAIN_SYNTH,
    script: `${PLAIN_REQUIRES} mark('load');
      ${STACK_WITH_FUNCTION}
      const api = new apigateway.RestApi(stack, 'Api', { deployOptions: { stageName: 'prod' } });
      api.root.resourceForPath('/items').addMethod('GET', new apigateway.LambdaIntegration(fn));
      ${SYNTH} mark('synth');`,
    baseline: PLAIN,
  },
  {
    name: '(c) library + RestGateway synth',
    script: `${PLAIN_REQUIRES} const lib = require(${JSON.stringify(LIBRARY)}); mark('load');
      ${STACK_WITH_FUNCTION}
      const api = new lib.RestGateway(stack, 'Api', { stages: [{ stageName: 'prod' }] });
      api.addRoute('GET /items', lib.RestIntegration.lambdaFunction(fn));
      ${SYNTH} mark('synth');`,
    baseline: PLAIN_SYNTH,
  },
];

/** What a child prints (one JSON line on stdout). */
interface ChildResult {
  readonly modules: number;
  /** The aws-cdk-lib modules loaded, relative to aws-cdk-lib's folder. */
  readonly cdk: string[];
  readonly loadMs: number;
  readonly synthMs?: number;
}

interface Run extends ChildResult {
  readonly processMs: number;
}

const CDK_PREFIX = `${path.sep}node_modules${path.sep}aws-cdk-lib${path.sep}`;

function childProgram(scenario: Scenario): string {
  return `
    const t0 = process.hrtime.bigint();
    const marks = {};
    function mark(name) { marks[name] = Number(process.hrtime.bigint() - t0) / 1e6; }
    {
      ${scenario.script}
    }
    const keys = Object.keys(require.cache);
    const cdk = keys.filter((k) => k.includes(${JSON.stringify(CDK_PREFIX)}));
    process.stdout.write(JSON.stringify({
      modules: keys.length,
      cdk: cdk.map((k) => k.split(${JSON.stringify(CDK_PREFIX)})[1]).sort(),
      loadMs: marks.load,
      synthMs: marks.synth === undefined ? undefined : marks.synth - marks.load,
    }) + '\\n');
  `;
}

function runOnce(scenario: Scenario): Run {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-e', childProgram(scenario)], { cwd: ROOT, encoding: 'utf-8' });
  const processMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) {
    throw new Error(`${scenario.name}: child exited with ${child.status}\n${child.stderr}`);
  }
  const lines = child.stdout.trim().split('\n');
  return { ...(JSON.parse(lines[lines.length - 1]) as ChildResult), processMs };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function main(): void {
  if (!fs.existsSync(LIBRARY)) {
    console.error(`${path.relative(ROOT, LIBRARY)} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
  const list = process.argv.includes('--list');

  const results = new Map<string, Run[]>();
  for (const scenario of SCENARIOS) {
    results.set(scenario.name, Array.from({ length: RUNS }, () => runOnce(scenario)));
  }
  /** The modules of the last run: which modules load does not change from run to run. */
  const loaded = (name: string) => results.get(name)![RUNS - 1].cdk;
  const beyond = (scenario: Scenario) => {
    if (!scenario.baseline) return undefined;
    const base = new Set(loaded(scenario.baseline));
    return loaded(scenario.name).filter((m) => !base.has(m));
  };

  const header = ['scenario', 'modules', 'aws-cdk-lib', 'beyond', 'load ms', 'synth ms', 'process ms'];
  const rows = SCENARIOS.map((scenario) => {
    const runs = results.get(scenario.name)!;
    const synth = runs.map((r) => r.synthMs).filter((ms): ms is number => ms !== undefined);
    return [
      scenario.name,
      String(median(runs.map((r) => r.modules))),
      String(median(runs.map((r) => r.cdk.length))),
      scenario.baseline ? String(beyond(scenario)!.length) : '-',
      median(runs.map((r) => r.loadMs)).toFixed(0),
      synth.length > 0 ? median(synth).toFixed(0) : '-',
      median(runs.map((r) => r.processMs)).toFixed(0),
    ];
  });

  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const format = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`Module load, median of ${RUNS} fresh processes (node ${process.version})`);
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((r) => console.log(format(r)));

  if (list) {
    for (const scenario of SCENARIOS.filter((s) => s.baseline)) {
      console.log(`\n${scenario.name}, beyond ${scenario.baseline}:`);
      beyond(scenario)!.forEach((m) => console.log(`  ${m}`));
    }
  }
}

main();
