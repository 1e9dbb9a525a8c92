/**
 * Scale and synth-time benchmark: N Lambda routes sharing ONE function, this library against
 * plain aws-cdk-lib, measured in the same run.
 *
 *   npm run bench            (tsx bench/routes.ts)
 *
 * For every API kind in IMPLEMENTATIONS, and every N in ROUTE_COUNTS, it synthesizes a stack with
 * N methods (`GET /r1` ... `GET /rN`, one path each) integrated with the same Lambda function and
 * reports: CloudFormation resources, template bytes, AWS::Lambda::Permission resources, the
 * estimated size of the function's resource-based policy once deployed, the median synth time of
 * SYNTH_RUNS fresh App+Stack+synth runs, and which service limits the stack breaks.
 *
 * To compare another API kind (e.g. HttpGateway against aws-cdk-lib's HttpApi), add one entry to
 * IMPLEMENTATIONS.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { HttpGateway, HttpIntegration, RestGateway, RestIntegration } from '../lib';

// ---------------------------------------------------------------------------------------------
// What is compared
// ---------------------------------------------------------------------------------------------

/** One way of putting N Lambda routes on an API. */
interface Implementation {
  /** Short name printed in the `impl` column. */
  readonly name: string;
  /** Adds the API and N methods, all integrated with `fn`, to `stack`. */
  readonly build: (stack: Stack, fn: lambda.IFunction, n: number) => void;
}

/** This library and plain aws-cdk-lib for one API kind. */
interface ApiKindComparison {
  readonly apiKind: string;
  readonly library: Implementation;
  readonly plain: Implementation;
}

/** The route keys of a run: N methods, each on its own path. */
function routeKeys(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `GET /r${i + 1}`);
}

function splitRouteKey(routeKey: string): { method: string; path: string } {
  const [method, routePath] = routeKey.split(' ');
  return { method, path: routePath };
}

const IMPLEMENTATIONS: ApiKindComparison[] = [
  {
    apiKind: 'REST',
    library: {
      name: 'RestGateway',
      build: (stack, fn, n) => {
        const api = new RestGateway(stack, 'Api', { stages: [{ stageName: 'prod' }] });
        const integration = RestIntegration.lambdaFunction(fn);
        for (const key of routeKeys(n)) {
          api.addRoute(key, integration);
        }
      },
    },
    plain: {
      name: 'apigateway.RestApi',
      build: (stack, fn, n) => {
        const api = new apigateway.RestApi(stack, 'Api');
        for (const key of routeKeys(n)) {
          const { method, path: routePath } = splitRouteKey(key);
          api.root.resourceForPath(routePath).addMethod(method, new apigateway.LambdaIntegration(fn));
        }
      },
    },
  },
  {
    apiKind: 'HTTP',
    library: {
      name: 'HttpGateway',
      build: (stack, fn, n) => {
        const api = new HttpGateway(stack, 'Api', { stages: [{ stageName: 'prod' }] });
        const integration = HttpIntegration.lambdaFunction(fn);
        for (const key of routeKeys(n)) {
          api.addRoute(key, integration);
        }
      },
    },
    plain: {
      name: 'apigwv2.HttpApi',
      build: (stack, fn, n) => {
        const api = new apigwv2.HttpApi(stack, 'Api', { createDefaultStage: false });
        new apigwv2.HttpStage(stack, 'Prod', { httpApi: api, stageName: 'prod', autoDeploy: true });
        routeKeys(n).forEach((key, i) => {
          const { method, path: routePath } = splitRouteKey(key);
          api.addRoutes({ path: routePath, methods: [method as apigwv2.HttpMethod], integration: new HttpLambdaIntegration(`Fn${i}`, fn) });
        });
      },
    },
  },
];

const ROUTE_COUNTS = [10, 100, 300];
const SYNTH_RUNS = 3;
const ENV = { account: '123456789012', region: 'eu-west-1' };
const STACK_NAME = 'RoutesBench';
/** aws-cdk-lib's own check of the CloudFormation resource limit at synth (0 turns it off). */
const STACK_RESOURCE_LIMIT_CONTEXT = '@aws-cdk/core:stackResourceLimit';

// ---------------------------------------------------------------------------------------------
// Limits
// ---------------------------------------------------------------------------------------------

/** CloudFormation: resources per stack. */
const MAX_STACK_RESOURCES = 500;
/** CloudFormation: template body uploaded to S3 (TemplateURL). */
const MAX_TEMPLATE_BYTES_S3 = 1_000_000;
/** CloudFormation: template body passed directly (TemplateBody), e.g. without a bootstrapped asset bucket. */
const MAX_TEMPLATE_BYTES_DIRECT = 51_200;
/** Lambda: resource-based policy of one function. */
const MAX_LAMBDA_POLICY_BYTES = 20_480;

interface Metrics {
  readonly resources: number;
  readonly templateBytes: number;
  readonly lambdaPermissions: number;
  readonly policyBytes: number;
}

interface Limit {
  readonly label: string;
  readonly max: number;
  readonly value: (m: Metrics) => number;
  /** Informational only: not a limit the default (S3-uploading) deployment hits. */
  readonly soft?: boolean;
}

const LIMITS: Limit[] = [
  { label: `resources>${fmt(MAX_STACK_RESOURCES)} (synth fails)`, max: MAX_STACK_RESOURCES, value: m => m.resources },
  { label: 'template>1MB', max: MAX_TEMPLATE_BYTES_S3, value: m => m.templateBytes },
  { label: 'lambdaPolicy>20KB', max: MAX_LAMBDA_POLICY_BYTES, value: m => m.policyBytes },
  { label: `(body>${fmt(MAX_TEMPLATE_BYTES_DIRECT)} direct)`, max: MAX_TEMPLATE_BYTES_DIRECT, value: m => m.templateBytes, soft: true },
];

// ---------------------------------------------------------------------------------------------
// Synthesis and measurement
// ---------------------------------------------------------------------------------------------

interface CfnResource {
  readonly Type: string;
  readonly Properties?: { [name: string]: unknown };
}

interface CfnTemplate {
  readonly Resources?: { [logicalId: string]: CfnResource };
}

interface SynthResult {
  readonly ms: number;
  readonly template: CfnTemplate;
}

/** Builds a fresh App + Stack + N routes and synthesizes it into a temporary directory; times all of it. */
function synthOnce(impl: Implementation, n: number): SynthResult {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'routes-bench-'));
  try {
    const start = process.hrtime.bigint();
    // aws-cdk-lib refuses to synthesize a stack of more than 500 resources (the CloudFormation limit,
    // reported in the table); lift that check so the stack can still be measured.
    const app = new App({ outdir, context: { [STACK_RESOURCE_LIMIT_CONTEXT]: 0 } });
    const stack = new Stack(app, STACK_NAME, { env: ENV });
    const fn = new lambda.Function(stack, 'Handler', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "ok" });'),
    });
    impl.build(stack, fn, n);
    const assembly = app.synth();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    return { ms, template: assembly.getStackByName(STACK_NAME).template as CfnTemplate };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// --- Resolving intrinsics into deployed-looking values, to size the Lambda policy ------------

const FAKE_API_ID = 'abcdef1234';
const FAKE_SUFFIX = 'A1B2C3D4E5F6';

/** A CloudFormation-generated physical name: stack-logicalId-RANDOM, at most `max` characters. */
function generatedName(logicalId: string, max: number): string {
  const room = max - STACK_NAME.length - FAKE_SUFFIX.length - 2;
  return `${STACK_NAME}-${logicalId.slice(0, Math.max(room, 1))}-${FAKE_SUFFIX}`;
}

function functionArn(logicalId: string): string {
  return `arn:aws:lambda:${ENV.region}:${ENV.account}:function:${generatedName(logicalId, 64)}`;
}

class Resolver {
  constructor(private readonly resources: { [logicalId: string]: CfnResource }) {}

  public resolve(value: unknown): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (value === null || typeof value !== 'object') return '';
    const obj = value as { [key: string]: unknown };
    if ('Ref' in obj) return this.ref(String(obj.Ref));
    if ('Fn::GetAtt' in obj) {
      const att = obj['Fn::GetAtt'];
      const [logicalId, attribute] = Array.isArray(att) ? att.map(String) : String(att).split('.');
      return this.getAtt(logicalId, attribute);
    }
    if ('Fn::Join' in obj) {
      const [sep, parts] = obj['Fn::Join'] as [string, unknown[]];
      return parts.map(p => this.resolve(p)).join(sep);
    }
    if ('Fn::Select' in obj) {
      const [index, list] = obj['Fn::Select'] as [number, unknown];
      return this.resolveList(list)[Number(index)] ?? '';
    }
    if ('Fn::Sub' in obj) {
      const sub = obj['Fn::Sub'];
      const [text, vars] = Array.isArray(sub) ? sub as [string, { [k: string]: unknown }] : [String(sub), {}];
      return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => name in vars ? this.resolve(vars[name])
        : name.includes('.') ? this.getAtt(name.split('.')[0], name.split('.').slice(1).join('.')) : this.ref(name));
    }
    throw new Error(`cannot estimate ${JSON.stringify(value)}`);
  }

  private resolveList(value: unknown): string[] {
    if (Array.isArray(value)) return value.map(v => this.resolve(v));
    const obj = value as { [key: string]: unknown };
    if (obj && 'Fn::Split' in obj) {
      const [sep, source] = obj['Fn::Split'] as [string, unknown];
      return this.resolve(source).split(sep);
    }
    return [this.resolve(value)];
  }

  private ref(name: string): string {
    switch (name) {
      case 'AWS::Partition': return 'aws';
      case 'AWS::Region': return ENV.region;
      case 'AWS::AccountId': return ENV.account;
      case 'AWS::URLSuffix': return 'amazonaws.com';
      case 'AWS::StackName': return STACK_NAME;
    }
    const resource = this.resources[name];
    if (!resource) throw new Error(`cannot estimate Ref ${name}`);
    const props = resource.Properties ?? {};
    switch (resource.Type) {
      case 'AWS::ApiGateway::Stage':
      case 'AWS::ApiGatewayV2::Stage':
        return this.resolve(props.StageName);
      case 'AWS::Lambda::Function':
        return props.FunctionName !== undefined ? this.resolve(props.FunctionName) : generatedName(name, 64);
      default:
        // REST/HTTP API ids, deployment ids, authorizer ids...: 10-character ids.
        return FAKE_API_ID;
    }
  }

  private getAtt(logicalId: string, attribute: string): string {
    const resource = this.resources[logicalId];
    if (resource?.Type === 'AWS::Lambda::Function' && attribute === 'Arn') return functionArn(logicalId);
    if (attribute === 'RootResourceId') return 'root123456';
    throw new Error(`cannot estimate Fn::GetAtt ${logicalId}.${attribute}`);
  }
}

/**
 * The function's resource-based policy as Lambda would store it, built from every
 * AWS::Lambda::Permission of the template that targets the function; returns its JSON length.
 */
function estimatePolicyBytes(template: CfnTemplate): { permissions: number; policyBytes: number } {
  const resources = template.Resources ?? {};
  const resolver = new Resolver(resources);
  const functionIds = Object.keys(resources).filter(id => resources[id].Type === 'AWS::Lambda::Function');
  if (functionIds.length !== 1) throw new Error(`expected one Lambda function, found ${functionIds.length}`);
  const fnArn = functionArn(functionIds[0]);
  const fnName = generatedName(functionIds[0], 64);

  const permissionIds = Object.keys(resources).filter(id => resources[id].Type === 'AWS::Lambda::Permission');
  const statements = permissionIds
    .map(id => ({ id, props: resources[id].Properties ?? {} }))
    .filter(({ props }) => {
      const target = resolver.resolve(props.FunctionName);
      return target === fnArn || target === fnName;
    })
    .map(({ id, props }) => {
      const condition: { [op: string]: { [key: string]: string } } = {};
      if (props.SourceAccount !== undefined) {
        condition.StringEquals = { 'AWS:SourceAccount': resolver.resolve(props.SourceAccount) };
      }
      if (props.SourceArn !== undefined) {
        condition.ArnLike = { 'AWS:SourceArn': resolver.resolve(props.SourceArn) };
      }
      const principal = resolver.resolve(props.Principal);
      return {
        // CloudFormation uses the permission's generated physical id as the statement id (at most 100 characters).
        Sid: generatedName(id, 100),
        Effect: 'Allow',
        Principal: principal.endsWith('.amazonaws.com') ? { Service: principal } : { AWS: principal },
        Action: resolver.resolve(props.Action),
        Resource: fnArn,
        ...Object.keys(condition).length > 0 ? { Condition: condition } : {},
      };
    });
  const policy = { Version: '2012-10-17', Id: 'default', Statement: statements };
  return {
    permissions: permissionIds.length,
    policyBytes: statements.length === 0 ? 0 : Buffer.byteLength(JSON.stringify(policy)),
  };
}

function measure(template: CfnTemplate): Metrics {
  const { permissions, policyBytes } = estimatePolicyBytes(template);
  return {
    resources: Object.keys(template.Resources ?? {}).length,
    templateBytes: Buffer.byteLength(JSON.stringify(template)),
    lambdaPermissions: permissions,
    policyBytes,
  };
}

// ---------------------------------------------------------------------------------------------
// Running and printing
// ---------------------------------------------------------------------------------------------

interface Row {
  readonly comparison: ApiKindComparison;
  readonly impl: Implementation;
  readonly n: number;
  readonly metrics: Metrics;
  readonly synthMs: number;
  /** Library synth time / plain synth time (library rows only). */
  readonly ratio?: number;
}

function fmt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function brokenLimits(m: Metrics): string[] {
  return LIMITS.filter(l => l.value(m) > l.max).map(l => l.label);
}

function run(): Row[] {
  const rows: Row[] = [];
  for (const comparison of IMPLEMENTATIONS) {
    const impls = [comparison.library, comparison.plain];
    // Warm-up (module loading, JIT): not measured.
    for (const impl of impls) synthOnce(impl, ROUTE_COUNTS[0]);
    for (const n of ROUTE_COUNTS) {
      const times = new Map<Implementation, number[]>(impls.map(i => [i, []]));
      const templates = new Map<Implementation, CfnTemplate>();
      // Interleave the implementations so drift (GC, thermal) affects both alike.
      for (let runIndex = 0; runIndex < SYNTH_RUNS; runIndex++) {
        for (const impl of impls) {
          const result = synthOnce(impl, n);
          times.get(impl)?.push(result.ms);
          templates.set(impl, result.template);
        }
      }
      const libraryMs = median(times.get(comparison.library) ?? []);
      const plainMs = median(times.get(comparison.plain) ?? []);
      for (const impl of impls) {
        const template = templates.get(impl);
        if (!template) throw new Error(`no template for ${impl.name}`);
        const isLibrary = impl === comparison.library;
        rows.push({
          comparison,
          impl,
          n,
          metrics: measure(template),
          synthMs: isLibrary ? libraryMs : plainMs,
          ratio: isLibrary ? libraryMs / plainMs : undefined,
        });
      }
    }
  }
  return rows;
}

function printTable(rows: Row[]): void {
  const header = ['N', 'impl', 'resources', 'templateBytes', 'lambdaPermissions', 'policyBytes(est)', 'synthMs', 'ratio', 'limits broken'];
  const rightAligned = new Set([0, 2, 3, 4, 5, 6, 7]);
  const cellsOf = (r: Row): string[] => [
    String(r.n),
    r.impl.name,
    fmt(r.metrics.resources),
    fmt(r.metrics.templateBytes),
    fmt(r.metrics.lambdaPermissions),
    fmt(r.metrics.policyBytes),
    fmt(r.synthMs),
    r.ratio === undefined ? '(base)' : `${r.ratio.toFixed(2)}x`,
    brokenLimits(r.metrics).join(', ') || '-',
  ];
  const allCells = rows.map(cellsOf);
  const widths = header.map((h, i) => Math.max(h.length, ...allCells.map(c => c[i].length)));
  const line = (c: string[]): string =>
    c.map((v, i) => rightAligned.has(i) ? v.padStart(widths[i]) : v.padEnd(widths[i])).join('  ').trimEnd();

  for (const comparison of IMPLEMENTATIONS) {
    console.log(`\n${comparison.apiKind} API: N Lambda routes (GET /r1 .. GET /rN, one path each) sharing one function;`
      + ` synthMs = median of ${SYNTH_RUNS} fresh App+Stack+synth runs; ratio = ${comparison.library.name} / ${comparison.plain.name}`);
    console.log(line(header));
    console.log(widths.map(w => '-'.repeat(w)).join('  '));
    ROUTE_COUNTS.forEach((n, i) => {
      if (i > 0) console.log('');
      for (const r of rows.filter(row => row.comparison === comparison && row.n === n)) console.log(line(cellsOf(r)));
    });
  }
}

/**
 * The first N over the limit, estimated by linear interpolation between the measured points
 * (every quantity here grows linearly with N for this route shape) and extrapolation past the
 * last one. `undefined` when the quantity does not grow.
 */
function estimateCrossing(points: { n: number; value: number }[], max: number): number | undefined {
  const over = points.findIndex(p => p.value > max);
  const i = over === -1 ? points.length - 1 : Math.max(over, 1);
  const [a, b] = [points[i - 1], points[i]];
  const slope = (b.value - a.value) / (b.n - a.n);
  if (slope <= 0) return over === -1 ? undefined : 1;
  return Math.max(1, Math.floor(a.n + (max - a.value) / slope) + 1);
}

interface Crossing {
  /** First N over the limit. */
  readonly n: number;
  /** Whether `n` was confirmed by synthesizing N-1 and N. */
  readonly exact: boolean;
}

/** Confirms an estimated crossing inside the measured range by synthesizing around it (not timed). */
function confirmCrossing(impl: Implementation, limit: Limit, estimate: number): Crossing {
  const cache = new Map<number, boolean>();
  const isOver = (n: number): boolean => {
    if (!cache.has(n)) cache.set(n, limit.value(measure(synthOnce(impl, n).template)) > limit.max);
    return cache.get(n) ?? false;
  };
  let n = Math.max(1, estimate);
  for (let step = 0; step < 20; step++) {
    if (isOver(n)) {
      if (n === 1 || !isOver(n - 1)) return { n, exact: true };
      n--;
    } else {
      n++;
    }
  }
  return { n: estimate, exact: false };
}

type Crossings = Map<Implementation, Map<Limit, Crossing | undefined>>;

function printLimits(rows: Row[]): Crossings {
  const maxN = ROUTE_COUNTS[ROUTE_COUNTS.length - 1];
  const crossings: Crossings = new Map();
  console.log(`\nWhere each breaks a limit (first N over it: synthesized and checked when N <= ${maxN}, linearly extrapolated beyond):`);
  const impls = IMPLEMENTATIONS.flatMap(c => [c.library, c.plain]);
  const nameWidth = Math.max(...impls.map(i => i.name.length));
  const labelWidth = Math.max(...LIMITS.map(l => l.label.length));
  for (const comparison of IMPLEMENTATIONS) {
    for (const impl of [comparison.library, comparison.plain]) {
      const own = rows.filter(r => r.impl === impl);
      const byLimit = new Map<Limit, Crossing | undefined>();
      for (const limit of LIMITS) {
        const points = own.map(r => ({ n: r.n, value: limit.value(r.metrics) }));
        const first = points[0];
        const last = points[points.length - 1];
        const perRoute = (last.value - first.value) / (last.n - first.n);
        const estimate = estimateCrossing(points, limit.max);
        const crossing = estimate === undefined ? undefined
          : estimate <= maxN ? confirmCrossing(impl, limit, estimate) : { n: estimate, exact: false };
        byLimit.set(limit, crossing);
        const measuredOver = points.find(p => p.value > limit.max);
        const text = crossing === undefined
          ? `never: constant at ${fmt(last.value)}`
          : crossing.exact
            ? `breaks from N=${fmt(crossing.n)}${measuredOver ? ` (N=${measuredOver.n}: ${fmt(measuredOver.value)} > ${fmt(limit.max)})` : ''}`
            : `not within N<=${maxN}; ~N=${fmt(crossing.n)} extrapolated`;
        console.log(`  ${comparison.apiKind.padEnd(4)} ${impl.name.padEnd(nameWidth)}  ${limit.label.padEnd(labelWidth)}  `
          + `${text.padEnd(44)}  ${perRoute.toFixed(perRoute < 10 ? 2 : 0)} per route`);
      }
      crossings.set(impl, byLimit);
    }
  }
  console.log(`\nLimits: CloudFormation ${fmt(MAX_STACK_RESOURCES)} resources per stack (aws-cdk-lib already refuses to synthesize more;`
    + ` the bench lifts that check to measure); template ${fmt(MAX_TEMPLATE_BYTES_S3)} bytes via S3 (cdk deploy with the default synthesizer),`
    + ` ${fmt(MAX_TEMPLATE_BYTES_DIRECT)} bytes as a direct TemplateBody (informational, in parentheses); Lambda resource-based policy`
    + ` ${fmt(MAX_LAMBDA_POLICY_BYTES)} bytes per function.`);
  console.log('Notes: templateBytes = JSON.stringify(template) (the cdk.out file is indented, so larger). policyBytes(est) = length of the'
    + ' function policy {"Version","Id":"default","Statement":[...]} built from the permissions that target the function, with'
    + ' CloudFormation-style Sids (stack-logicalId-random), a 10-character API id, the stage name and the function ARN as deployed'
    + ` in ${ENV.region}/${ENV.account}. App() runs without feature-flag context (aws-cdk-lib defaults). One path per route means N`
    + ' REST resources: API Gateway allows 300 per REST API by default, so N>300 needs a quota increase (RestGateway checks it).');
  return crossings;
}

function printSummary(rows: Row[], crossings: Crossings): void {
  const maxN = ROUTE_COUNTS[ROUTE_COUNTS.length - 1];
  const breaks = (impl: Implementation): string => {
    const found = LIMITS.filter(l => !l.soft)
      .map(l => ({ l, c: crossings.get(impl)?.get(l) }))
      .filter(({ c }) => c !== undefined && c.n <= maxN)
      .map(({ l, c }) => `${l.label.replace(/\s*\(.*\)/, '')} from N=${c?.n}`);
    return found.length > 0 ? `breaks ${found.join(', ')}` : `breaks no limit up to N=${maxN}`;
  };
  const parts = IMPLEMENTATIONS.map(c => {
    const lib = rows.find(r => r.impl === c.library && r.n === maxN);
    const plain = rows.find(r => r.impl === c.plain && r.n === maxN);
    if (!lib || !plain) return `${c.apiKind}: no result`;
    return `${c.apiKind} N=${maxN}: ${lib.impl.name} ${fmt(lib.metrics.resources)} resources, ${lib.metrics.lambdaPermissions} permission,`
      + ` ~${fmt(lib.metrics.policyBytes)} B policy vs ${plain.impl.name} ${fmt(plain.metrics.resources)} resources,`
      + ` ${fmt(plain.metrics.lambdaPermissions)} permissions, ~${fmt(plain.metrics.policyBytes)} B policy; synth ${lib.ratio?.toFixed(2)}x;`
      + ` ${lib.impl.name} ${breaks(c.library)}; ${plain.impl.name} ${breaks(c.plain)}`;
  });
  console.log(`\nSummary: ${parts.join(' | ')}.`);
}

function main(): void {
  const started = process.hrtime.bigint();
  const rows = run();
  printTable(rows);
  const crossings = printLimits(rows);
  console.log(`(benchmark ran in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s)`);
  printSummary(rows, crossings);
}

main();
