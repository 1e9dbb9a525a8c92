/**
 * What the scale bench compares, shared by the parent (bench/routes.ts) and the child that
 * synthesizes one cell (bench/synth-one.ts). No aws-cdk-lib import here: the parent stays light.
 */

/** Route shapes: `flat` is `GET /r{i}`, `nested` is `GET /svc{i%10}/items/{id}/r{i}`. */
export type Shape = 'flat' | 'nested';
export const SHAPES: Shape[] = ['flat', 'nested'];

/** Stage names of a cell with one or three stages. */
export function stageNames(count: number): string[] {
  return ['prod', 'beta', 'dev'].slice(0, count);
}

/** The route keys of a cell: N GET routes sharing one Lambda function. */
export function routeKeys(n: number, shape: Shape): string[] {
  return Array.from({ length: n }, (_, i) => shape === 'flat' ? `GET /r${i}` : `GET /svc${i % 10}/items/{id}/r${i}`);
}

export type ApiKind = 'REST' | 'HTTP';

/** How an implementation relates to the library implementation of its API kind. */
export type Role = 'library' | 'peer' | 'unscoped' | 'default';

export interface ImplInfo {
  /** Name used on the command line (`--impls`) and in the tables. */
  readonly id: string;
  readonly kind: ApiKind;
  readonly role: Role;
  /** What it is, for the legend. */
  readonly description: string;
}

export const IMPLS: ImplInfo[] = [
  { id: 'RestGateway', kind: 'REST', role: 'library', description: 'this library, defaults (routeStacks per cell, see below)' },
  { id: 'RestApiPeer', kind: 'REST', role: 'peer', description: 'equal-work peer: plain RestApi configured by hand to the library\'s defaults (KMS-encrypted JSON access logs, request validator, X-Ray, throttling, ERROR execution logs, detailed metrics, IAM auth, no CloudWatch role, one CfnPermission per stage)' },
  { id: 'RestApiUnscoped', kind: 'REST', role: 'unscoped', description: 'plain RestApi + LambdaIntegration(fn, { scopePermissionToMethod: false })' },
  { id: 'RestApi', kind: 'REST', role: 'default', description: 'plain RestApi + LambdaIntegration(fn) (aws-cdk-lib defaults: a permission per method, plus a test-invoke one)' },
  { id: 'HttpGateway', kind: 'HTTP', role: 'library', description: 'this library, defaults (routeStacks per cell, see below)' },
  { id: 'HttpApiUnscoped', kind: 'HTTP', role: 'unscoped', description: 'plain HttpApi + HttpLambdaIntegration(id, fn, { scopePermissionToRoute: false })' },
  { id: 'HttpApi', kind: 'HTTP', role: 'default', description: 'plain HttpApi + HttpLambdaIntegration(id, fn) (aws-cdk-lib defaults: a permission per route)' },
];

/** The library's `routeStacks` prop (GatewayRouteStacks), as the bench passes it. */
export interface RouteStacksConfig {
  readonly count: number;
  readonly groupDepth?: number;
  readonly placement?: { [group: string]: number };
}

/**
 * The library's route-stack split for a cell: none up to 100 routes; from 300 routes, 8 nested
 * stacks for the flat shape (each `/r{i}` is its own group, placed by hash) and one nested stack per
 * `/svc{k}` group for the nested shape.
 */
export function routeStacksFor(n: number, shape: Shape): RouteStacksConfig | undefined {
  if (n <= 100) return undefined;
  if (shape === 'flat') return { count: 8 };
  const placement: { [group: string]: number } = {};
  for (let k = 0; k < 10; k++) placement[`/svc${k}`] = k;
  return { count: 10, placement };
}

export function describeRouteStacks(config: RouteStacksConfig | undefined): string {
  if (!config) return 'none';
  const placement = config.placement ? `, placement /svc0..${Object.keys(config.placement).length - 1} -> 0..${Object.keys(config.placement).length - 1}` : '';
  return `{ count: ${config.count}${config.groupDepth !== undefined ? `, groupDepth: ${config.groupDepth}` : ''}${placement} }`;
}

/** What the child reports for one synthesis. */
export interface SynthReport {
  readonly impl: string;
  readonly n: number;
  readonly shape: Shape;
  readonly stages: number;
  readonly routeStacks?: RouteStacksConfig;
  /** User + system CPU of the whole child process, from its start to the end of app.synth(). */
  readonly cpuMs: number;
  /** Wall time from the child's process start (performance.timeOrigin) to the end of app.synth(). */
  readonly wallMs: number;
  /** The CPU of `cpuMs` by phase: process start and module loading, building the constructs, app.synth(). */
  readonly phasesCpuMs: { readonly load: number; readonly build: number; readonly synth: number };
  /** Peak resident set size of the child, up to the end of app.synth(). */
  readonly maxRssMb: number;
  /** Every template of the cloud assembly (the stack and its nested stacks): resources and file bytes. */
  readonly templates: { readonly name: string; readonly nested: boolean; readonly resources: number; readonly bytes: number }[];
  readonly lambdaPermissions: number;
  /** Estimated size of the function's resource-based policy once deployed. */
  readonly policyBytes: number;
  readonly functions: number;
}

/** Prefix of the child's one result line on stdout (aws-cdk-lib may print reports there too). */
export const REPORT_PREFIX = 'SYNTH_REPORT ';
