/**
 * Scale and synth-cost benchmark (issue 14, "Large APIs"): N Lambda routes sharing ONE function,
 * this library against plain aws-cdk-lib, measured in the same run.
 *
 *   npm run bench                          (tsx bench/routes.ts: every cell, 5 runs each)
 *   npm run bench -- --quick               (3 runs, N in {10, 100})
 *   npm run bench -- --runs 7 --n 100,1000 --shapes flat --stages 1 --impls RestGateway,RestApiPeer
 *   npm run bench -- --no-route-stacks     (the library without routeStacks at every N)
 *
 * Every measured synthesis runs in a fresh child process (bench/synth-one.ts): App + Stack + one
 * Lambda function + the API, `app.synth()` into a temporary outdir, with aws-cdk-lib's recommended
 * feature flags (what `cdk init` writes into cdk.json). The child reports the CPU time (user +
 * system) and wall time of the whole process from its start to the end of synth (module loading
 * included), its peak RSS, and what the cloud assembly holds (nested stack templates included).
 * For each cell (shape x stages x N) the implementations run round-robin (A, B, C, ..., A, B, C,
 * ...) so drift from other load hits all alike; the tables show medians.
 *
 * Progress goes to stderr, the tables to stdout.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  IMPLS, ImplInfo, REPORT_PREFIX, Role, RouteStacksConfig, SHAPES, Shape, SynthReport,
  describeRouteStacks, routeStacksFor,
} from './cells';

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

interface Options {
  readonly runs: number;
  readonly ns: number[];
  readonly shapes: Shape[];
  readonly stages: number[];
  readonly impls: ImplInfo[];
  /** Whether library implementations get the per-cell routeStacks (routeStacksFor). */
  readonly routeStacks: boolean;
}

const USAGE = `usage: npm run bench -- [--runs N] [--n 10,100,300,1000] [--shapes flat,nested] [--stages 1,3]
                          [--impls ${IMPLS.map(i => i.id).join(',')}] [--quick] [--no-route-stacks]`;

function parseOptions(argv: string[]): Options {
  let runs = 5;
  let ns = [10, 100, 300, 1000];
  let shapes: Shape[] = [...SHAPES];
  let stages = [1, 3];
  let impls = IMPLS;
  let routeStacks = true;
  const list = (value: string | undefined, flag: string): string[] => {
    if (!value) throw new Error(`${flag} needs a value\n${USAGE}`);
    return value.split(',').map(v => v.trim()).filter(v => v.length > 0);
  };
  const numbers = (value: string | undefined, flag: string): number[] => list(value, flag).map(v => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: '${v}' is not a positive integer`);
    return n;
  });
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    switch (flag) {
      case '--runs': runs = numbers(argv[++i], flag)[0]; break;
      case '--n': ns = numbers(argv[++i], flag); break;
      case '--shapes': shapes = list(argv[++i], flag).map(s => {
        if (!SHAPES.includes(s as Shape)) throw new Error(`--shapes: '${s}' is not one of ${SHAPES.join(', ')}`);
        return s as Shape;
      }); break;
      case '--stages': stages = numbers(argv[++i], flag).map(s => {
        if (s !== 1 && s !== 3) throw new Error(`--stages: ${s} is not 1 or 3`);
        return s;
      }); break;
      case '--impls': impls = list(argv[++i], flag).map(id => {
        const impl = IMPLS.find(x => x.id.toLowerCase() === id.toLowerCase());
        if (!impl) throw new Error(`--impls: '${id}' is not one of ${IMPLS.map(x => x.id).join(', ')}`);
        return impl;
      }); break;
      case '--quick': runs = 3; ns = [10, 100]; break;
      case '--no-route-stacks': routeStacks = false; break;
      case '--help': case '-h': console.log(USAGE); process.exit(0); break;
      default: throw new Error(`unknown option '${flag}'\n${USAGE}`);
    }
  }
  // Keep the command-line order of impls out of the measurement: always the table order.
  impls = IMPLS.filter(i => impls.includes(i));
  return { runs, ns: [...new Set(ns)].sort((a, b) => a - b), shapes, stages: [...new Set(stages)].sort(), impls, routeStacks };
}

// ---------------------------------------------------------------------------------------------
// Running the children
// ---------------------------------------------------------------------------------------------

interface Cell {
  readonly shape: Shape;
  readonly stages: number;
  readonly n: number;
}

interface Outcome {
  readonly report?: SynthReport;
  readonly error?: string;
  /** Wall time of the child as the parent saw it (spawn to exit), for the progress line. */
  readonly elapsedMs: number;
}

const SYNTH_ONE = path.join(__dirname, 'synth-one.ts');
const REPO_ROOT = path.join(__dirname, '..');

function synthInChild(impl: ImplInfo, cell: Cell, routeStacks: RouteStacksConfig | undefined): Outcome {
  const args = ['--import', 'tsx', SYNTH_ONE, impl.id, String(cell.n), cell.shape, String(cell.stages)];
  if (routeStacks) args.push(JSON.stringify(routeStacks));
  const started = Date.now();
  const child = spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const elapsedMs = Date.now() - started;
  const line = (child.stdout ?? '').split('\n').find(l => l.startsWith(REPORT_PREFIX));
  if (child.status !== 0 || !line) {
    // Keep the whole stderr of a failed child for a look; report its first lines, with aws-cdk-lib's
    // nested 'Resolution error: ' prefixes (one per token level) collapsed.
    const log = path.join(os.tmpdir(), `routes-bench-failed-${impl.id}-${cell.shape}-${cell.stages}-${cell.n}-${process.pid}-${started}.log`);
    fs.writeFileSync(log, `${args.join(' ')}\n${child.stderr ?? ''}`);
    const why = (child.stderr ?? '').replace(/(Resolution error: ){2,}/g, 'Resolution error (nested): ')
      .trim().split('\n').filter(l => l.trim().length > 0).slice(0, 2).join(' / ') || child.error?.message || `exit ${child.status}`;
    return { error: `${why.slice(0, 300)} (stderr in ${log})`, elapsedMs };
  }
  return { report: JSON.parse(line.slice(REPORT_PREFIX.length)) as SynthReport, elapsedMs };
}

interface Result {
  readonly cell: Cell;
  readonly impl: ImplInfo;
  readonly routeStacks?: RouteStacksConfig;
  readonly reports: SynthReport[];
  readonly errors: string[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
    : `${Math.floor(s / 3600)}h${String(Math.floor(s % 3600 / 60)).padStart(2, '0')}m`;
}

function runAll(options: Options, cells: Cell[]): Result[] {
  const libraryConfig = (impl: ImplInfo, cell: Cell): RouteStacksConfig | undefined =>
    impl.role === 'library' && options.routeStacks ? routeStacksFor(cell.n, cell.shape) : undefined;
  const total = cells.length * options.impls.length * options.runs;
  const started = Date.now();
  // Seconds per child by N, to estimate what is left (a child's cost grows with N).
  const perN = new Map<number, number[]>();
  const estimateMs = (n: number): number => {
    const seen = perN.get(n);
    if (seen && seen.length > 0) return median(seen);
    const known = [...perN.entries()].filter(([, v]) => v.length > 0);
    if (known.length === 0) return 2000;
    const [kn, kv] = known[known.length - 1];
    return median(kv) * Math.max(1, n / kn * 0.8);
  };

  // Warm-up, not measured: fills the tsx transform cache and the OS file cache for every module.
  process.stderr.write(`warm-up: ${options.impls.map(i => i.id).join(', ')} at N=10 (not measured)\n`);
  for (const impl of options.impls) {
    const outcome = synthInChild(impl, { shape: 'flat', stages: 1, n: 10 }, undefined);
    if (outcome.error) process.stderr.write(`  warm-up ${impl.id} failed: ${outcome.error}\n`);
  }

  const results: Result[] = [];
  let done = 0;
  cells.forEach((cell, cellIndex) => {
    const cellResults = options.impls.map(impl => ({ cell, impl, routeStacks: libraryConfig(impl, cell), reports: [] as SynthReport[], errors: [] as string[] }));
    for (let run = 1; run <= options.runs; run++) {
      for (const result of cellResults) {
        const outcome = synthInChild(result.impl, cell, result.routeStacks);
        done++;
        if (!perN.has(cell.n)) perN.set(cell.n, []);
        perN.get(cell.n)?.push(outcome.elapsedMs);
        if (outcome.report) result.reports.push(outcome.report);
        if (outcome.error) result.errors.push(outcome.error);
        const left = cells.slice(cellIndex).reduce((sum, c, i) =>
          sum + estimateMs(c.n) * options.impls.length * (i === 0 ? options.runs - run + 1 : options.runs), 0)
          - estimateMs(cell.n) * (cellResults.indexOf(result) + 1);
        const what = outcome.report
          ? `cpu ${fmt(outcome.report.cpuMs)} ms, wall ${fmt(outcome.report.wallMs)} ms, ${fmt(outcome.report.maxRssMb)} MB`
          : `FAILED: ${outcome.error}`;
        process.stderr.write(`[${done}/${total} ${duration(Date.now() - started)}, ~${duration(Math.max(0, left))} left] `
          + `${cell.shape}/${cell.stages} stage${cell.stages > 1 ? 's' : ''} N=${cell.n} ${result.impl.id} run ${run}/${options.runs}: ${what}\n`);
      }
    }
    results.push(...cellResults);
  });
  return results;
}

// ---------------------------------------------------------------------------------------------
// Limits and figures
// ---------------------------------------------------------------------------------------------

/** CloudFormation: resources per stack. */
const MAX_STACK_RESOURCES = 500;
/** CloudFormation: template body uploaded to S3 (TemplateURL), as cdk deploy does. */
const MAX_TEMPLATE_BYTES = 1_000_000;
/** Lambda: resource-based policy of one function. */
const MAX_LAMBDA_POLICY_BYTES = 20_480;

interface Figures {
  readonly maxResources: number;
  readonly allResources: string;
  readonly largestTemplate: number;
  readonly nestedStacks: number;
  readonly lambdaPermissions: number;
  readonly functions: number;
  readonly policyBytes: number;
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly rssMb: number;
  /** Median CPU by phase: load, build, synth. */
  readonly phases: string;
}

function figures(result: Result): Figures | undefined {
  const last = result.reports[result.reports.length - 1];
  if (!last) return undefined;
  const top = last.templates.filter(t => !t.nested);
  const nested = last.templates.filter(t => t.nested);
  return {
    maxResources: Math.max(...last.templates.map(t => t.resources)),
    allResources: top.map(t => t.resources).join('+') + (nested.length > 0 ? ` [${nested.map(t => t.resources).join(' ')}]` : ''),
    largestTemplate: Math.max(...last.templates.map(t => t.bytes)),
    nestedStacks: nested.length,
    lambdaPermissions: last.lambdaPermissions,
    functions: last.functions,
    policyBytes: last.policyBytes,
    cpuMs: median(result.reports.map(r => r.cpuMs)),
    wallMs: median(result.reports.map(r => r.wallMs)),
    rssMb: median(result.reports.map(r => r.maxRssMb)),
    phases: (['load', 'build', 'synth'] as const).map(p => fmt(median(result.reports.map(r => r.phasesCpuMs[p])))).join('/'),
  };
}

function brokenLimits(f: Figures): string[] {
  const broken: string[] = [];
  if (f.maxResources > MAX_STACK_RESOURCES) broken.push('>500 resources');
  if (f.largestTemplate > MAX_TEMPLATE_BYTES) broken.push('>1MB template');
  if (f.policyBytes > MAX_LAMBDA_POLICY_BYTES) broken.push('>20KB fn policy');
  return broken;
}

function fmt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** The results of the same cell and API kind with the given role. */
function peerOf(results: Result[], library: Result, role: Role): Result | undefined {
  return results.find(r => r.cell === library.cell && r.impl.kind === library.impl.kind && r.impl.role === role);
}

function ratio(a: Figures | undefined, b: Figures | undefined, key: 'cpuMs' | 'wallMs'): number | undefined {
  return a && b && b[key] > 0 ? a[key] / b[key] : undefined;
}

function ratioCell(results: Result[], result: Result, role: Role): string {
  if (result.impl.role !== 'library') return '';
  const peer = peerOf(results, result, role);
  const [a, b] = [figures(result), peer ? figures(peer) : undefined];
  const cpu = ratio(a, b, 'cpuMs');
  const wall = ratio(a, b, 'wallMs');
  return cpu === undefined || wall === undefined ? '-' : `${cpu.toFixed(2)}/${wall.toFixed(2)}`;
}

// ---------------------------------------------------------------------------------------------
// Printing
// ---------------------------------------------------------------------------------------------

function printTables(options: Options, cells: Cell[], results: Result[]): void {
  const header = ['N', 'impl', 'max res/stack', 'largest tmpl B', 'nested', 'lambda perms', 'fn policy B', 'CPU ms', 'wall ms', 'RSS MB',
    'vs peer', 'vs unscoped', 'vs default', 'CPU load/build/synth', 'limits broken', 'resources per stack'];
  const rightAligned = new Set([0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  const rowOf = (r: Result): string[] => {
    const f = figures(r);
    if (!f) return [String(r.cell.n), r.impl.id, ...Array(12).fill(''), `FAILED: ${r.errors[0] ?? 'no result'}`, ''];
    return [
      String(r.cell.n),
      r.impl.id,
      fmt(f.maxResources),
      fmt(f.largestTemplate),
      String(f.nestedStacks),
      fmt(f.lambdaPermissions),
      fmt(f.policyBytes),
      fmt(f.cpuMs),
      fmt(f.wallMs),
      fmt(f.rssMb),
      ratioCell(results, r, 'peer'),
      ratioCell(results, r, 'unscoped'),
      ratioCell(results, r, 'default'),
      f.phases,
      (brokenLimits(f).join(', ') || '-') + (r.errors.length > 0 ? ` (${r.errors.length} runs failed)` : ''),
      f.allResources,
    ];
  };
  const groups = new Map<string, Cell[]>();
  for (const cell of cells) {
    const key = `${cell.shape}/${cell.stages}`;
    groups.set(key, [...groups.get(key) ?? [], cell]);
  }
  for (const groupCells of groups.values()) {
    const { shape, stages } = groupCells[0];
    const rows = groupCells.map(cell => results.filter(r => r.cell === cell).map(rowOf));
    const widths = header.map((h, i) => Math.max(h.length, ...rows.flat().map(c => c[i].length)));
    const line = (c: string[]): string =>
      c.map((v, i) => rightAligned.has(i) ? v.padStart(widths[i]) : v.padEnd(widths[i])).join('  ').trimEnd();
    const routes = shape === 'flat' ? 'GET /r{i}' : 'GET /svc{i%10}/items/{id}/r{i}';
    console.log(`\n== ${shape} (${routes}), ${stages} stage${stages > 1 ? 's' : ''} (${['prod', 'beta', 'dev'].slice(0, stages).join(', ')}):`
      + ` medians of ${options.runs} runs ==`);
    console.log(line(header));
    console.log(widths.map(w => '-'.repeat(w)).join('  '));
    rows.forEach((cellRows, i) => {
      if (i > 0) console.log('');
      for (const row of cellRows) console.log(line(row));
    });
  }
}

function printLegend(options: Options, cells: Cell[]): void {
  console.log('\nImplementations (one Lambda function, N GET routes integrated with it):');
  const width = Math.max(...options.impls.map(i => i.id.length));
  for (const impl of options.impls) console.log(`  ${impl.id.padEnd(width)}  ${impl.kind}: ${impl.description}`);
  const splits = [...new Set(cells.map(c => `${c.shape} N=${c.n}: ${options.routeStacks ? describeRouteStacks(routeStacksFor(c.n, c.shape)) : 'none (--no-route-stacks)'}`))];
  console.log(`Library routeStacks per cell: ${splits.join('; ')}. Plain implementations never split.`);
  console.log('Columns: max res/stack = resources of the fullest stack (CloudFormation allows 500; the bench lifts aws-cdk-lib\'s own'
    + ' check so unsplit stacks still synthesize); largest tmpl B = bytes of the largest template file in cdk.out (what cdk deploy'
    + ' uploads; 1 MB max); nested = nested stacks; lambda perms = AWS::Lambda::Permission resources; fn policy B = estimated size of the'
    + ' function\'s resource-based policy once deployed (20 KB max); CPU ms = user+system CPU and wall ms = wall time of the whole child'
    + ' process from its start to the end of app.synth() (node startup, tsx, module loading, construction, synthesis); RSS MB = its'
    + ' peak RSS; vs peer / vs unscoped / vs default = the library implementation\'s CPU/wall divided by those of the plain'
    + ' implementation of the same API kind with that role in the same cell (CPU/wall); CPU load/build/synth = the CPU ms'
    + ' split at the end of module loading (node, tsx, aws-cdk-lib and, for the library, its sources; aws-cdk-lib loads some'
    + ' modules lazily, during build) and at the end of construction; resources per stack = the top-level stack [nested stacks].');
  console.log('Feature flags: aws-cdk-lib/cx-api CURRENTLY_RECOMMENDED_FLAGS (what cdk init writes) for every implementation.'
    + ` The library is loaded ${process.env.BENCH_LIBRARY ? `from ${process.env.BENCH_LIBRARY}` : 'compiled, from build/ (the package\'s main), as users load it'}.`);
}

interface Target {
  readonly label: string;
  readonly value?: number;
  readonly max: number;
  readonly detail: string;
}

function printTargets(results: Result[]): void {
  const find = (id: string, shape: Shape, stages: number, n: number): Figures | undefined => {
    const r = results.find(x => x.impl.id === id && x.cell.shape === shape && x.cell.stages === stages && x.cell.n === n);
    return r ? figures(r) : undefined;
  };
  const lib100 = find('RestGateway', 'flat', 1, 100);
  const lib1000 = find('RestGateway', 'flat', 1, 1000);
  const peer100 = find('RestApiPeer', 'flat', 1, 100);
  const unscoped100 = find('RestApiUnscoped', 'flat', 1, 100);
  const targets: Target[] = [];
  for (const key of ['cpuMs', 'wallMs'] as const) {
    const what = key === 'cpuMs' ? 'CPU' : 'wall';
    targets.push(
      { label: `(1) ${what}: RestGateway N=100 <= 1.0x RestApiPeer (flat, 1 stage)`, value: ratio(lib100, peer100, key), max: 1.0,
        detail: lib100 && peer100 ? `${fmt(lib100[key])} / ${fmt(peer100[key])} ms` : '' },
      { label: `(2) ${what}: RestGateway N=100 <= 1.1x RestApiUnscoped (flat, 1 stage)`, value: ratio(lib100, unscoped100, key), max: 1.1,
        detail: lib100 && unscoped100 ? `${fmt(lib100[key])} / ${fmt(unscoped100[key])} ms` : '' },
      { label: `(3) ${what}: RestGateway N=1000 <= 4x RestGateway N=100 (flat, 1 stage)`, value: ratio(lib1000, lib100, key), max: 4.0,
        detail: lib1000 && lib100 ? `${fmt(lib1000[key])} / ${fmt(lib100[key])} ms` : '' },
    );
  }
  console.log('\nTargets (issue 14):');
  const width = Math.max(...targets.map(t => t.label.length));
  for (const t of targets) {
    const verdict = t.value === undefined ? 'NOT MEASURED (needs those cells)' : `${t.value <= t.max ? 'PASS' : 'FAIL'}  ${t.value.toFixed(2)}x  (${t.detail})`;
    console.log(`  ${t.label.padEnd(width)}  ${verdict}`);
  }

  const big = results.filter(r => r.impl.role === 'library' && r.cell.n === 1000);
  if (big.length === 0) {
    console.log('  N=1000 library split: NOT MEASURED (needs --n 1000)');
    return;
  }
  for (const r of big) {
    const f = figures(r);
    const where = `${r.impl.id} N=1000 ${r.cell.shape}/${r.cell.stages} stage${r.cell.stages > 1 ? 's' : ''}`;
    if (!f) {
      console.log(`  ${where}: FAIL (no result: ${r.errors[0] ?? ''})`);
      continue;
    }
    const checks = [
      `max resources/stack ${f.maxResources} < 500 ${f.maxResources < MAX_STACK_RESOURCES ? 'PASS' : 'FAIL'}`,
      `largest template ${fmt(f.largestTemplate)} B < 1 MB ${f.largestTemplate < MAX_TEMPLATE_BYTES ? 'PASS' : 'FAIL'}`,
      `permissions ${f.lambdaPermissions} = ${f.functions} function x ${r.cell.stages} stage${r.cell.stages > 1 ? 's' : ''} `
        + `${f.lambdaPermissions === f.functions * r.cell.stages ? 'PASS' : 'FAIL'}`,
    ];
    console.log(`  ${where} (${f.nestedStacks} nested stacks): ${checks.join('; ')}`);
  }
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const cells: Cell[] = options.shapes.flatMap(shape => options.stages.flatMap(stages => options.ns.map(n => ({ shape, stages, n }))));
  const started = Date.now();
  const results = runAll(options, cells);
  printTables(options, cells, results);
  printLegend(options, cells);
  printTargets(results);
  console.log(`\n(${cells.length} cells x ${options.impls.length} implementations x ${options.runs} runs in ${duration(Date.now() - started)};`
    + ' one child process at a time; figures vary with machine load)');
}

main();
