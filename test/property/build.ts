/**
 * Turns a generated configuration into an App (one stack per gateway, env eu-west-1), and into
 * TypeScript a maintainer can paste into a regression test.
 */
import * as cdk from 'aws-cdk-lib';
import { App, Duration, Lazy, Size, Stack } from 'aws-cdk-lib';
import * as lib from '../../lib';
import { cdkObject } from './jsii-arbitraries';
import { CODE_PRELUDE, RESOURCES } from './resources';
import { AppSpec, GatewaySpec, isTagged, shortName, Spec } from './spec';

/* eslint-disable @typescript-eslint/no-explicit-any -- generated values are untyped by design */

export const ENV = { account: '123456789012', region: 'eu-west-1' };
const LIB = 'cdk-api-gateways.';

/** The runtime object (class or enum) of a library or aws-cdk-lib fqn. */
function runtimeType(fqn: string): any {
  return fqn.startsWith(LIB) ? (lib as any)[fqn.slice(LIB.length)] : cdkObject(fqn);
}

/** Materializes specs in one stack, making each resource once. */
class Materializer {
  private readonly made = new Map<string, any>();
  private count = 0;

  constructor(private readonly stack: Stack) {}

  public ref(fqn: string, variant: string): any {
    const key = `${fqn}#${variant}`;
    if (!this.made.has(key)) this.made.set(key, RESOURCES[fqn][variant].make(this.stack, (f, v) => this.ref(f, v)));
    return this.made.get(key);
  }

  public value(spec: Spec): any {
    if (Array.isArray(spec)) return spec.map(s => this.value(s));
    if (isTagged(spec)) {
      switch (spec.$) {
        case 'ref': return this.ref(spec.fqn, spec.variant);
        case 'member': return runtimeType(spec.fqn)[spec.name];
        case 'duration': return (Duration as any)[spec.unit](this.value(spec.amount));
        case 'size': return (Size as any)[spec.unit](this.value(spec.amount));
        case 'token':
          return spec.type === 'string' ? Lazy.string({ produce: () => 'token' })
            : spec.type === 'number' ? Lazy.number({ produce: () => 1 }) : Lazy.list({ produce: () => ['token'] });
        case 'call': return runtimeType(spec.fqn)[spec.method](...spec.args.map(a => this.value(a)));
        case 'new': return new (runtimeType(spec.fqn))(this.stack, `${shortName(spec.fqn)}${++this.count}`, this.value(spec.props));
      }
    }
    if (spec !== null && typeof spec === 'object') {
      const out: { [k: string]: any } = {};
      for (const [k, v] of Object.entries(spec)) out[k] = this.value(v);
      return out;
    }
    return spec;
  }
}

/** The stack name of a gateway spec: `Rest`, `Http`, `WebSocket`. */
export function stackName(g: GatewaySpec): string {
  return shortName(g.fqn).replace(/Gateway$/, '');
}

/** Builds the app: constructs every gateway and makes its calls (synthesis is left to the caller). */
export function buildApp(spec: AppSpec, outdir?: string): App {
  const app = new App(outdir ? { outdir } : {});
  for (const g of spec.gateways) {
    const stack = new Stack(app, stackName(g), { env: ENV });
    const m = new Materializer(stack);
    const gateway = new (runtimeType(g.fqn))(stack, 'Gateway', m.value(g.props));
    for (const call of g.calls) {
      gateway[call.method](...call.args.map(a => m.value(a)));
    }
  }
  return app;
}

/** TypeScript for a spec value; resources become the constants declared in `decls`. */
function code(spec: Spec, decls: Map<string, string>, indent: string): string {
  if (spec === undefined) return 'undefined';
  if (typeof spec === 'number') return Number.isNaN(spec) ? 'NaN' : spec === Infinity ? 'Infinity' : String(spec);
  if (typeof spec !== 'object' || spec === null) return JSON.stringify(spec);
  if (Array.isArray(spec)) return `[${spec.map(s => code(s, decls, indent)).join(', ')}]`;
  if (isTagged(spec)) {
    switch (spec.$) {
      case 'ref': return declare(spec.fqn, spec.variant, decls);
      case 'member': return `${typeCode(spec.fqn)}.${spec.name}`;
      case 'duration': return `Duration.${spec.unit}(${code(spec.amount, decls, indent)})`;
      case 'size': return `Size.${spec.unit}(${code(spec.amount, decls, indent)})`;
      case 'token':
        return spec.type === 'string' ? "Lazy.string({ produce: () => 'token' })"
          : spec.type === 'number' ? 'Lazy.number({ produce: () => 1 })' : "Lazy.list({ produce: () => ['token'] })";
      case 'call': return `${typeCode(spec.fqn)}.${spec.method}(${spec.args.map(a => code(a, decls, indent)).join(', ')})`;
      case 'new': return `new ${typeCode(spec.fqn)}(stack, '${shortName(spec.fqn)}', ${code(spec.props, decls, indent)})`;
    }
  }
  const entries = Object.entries(spec);
  if (entries.length === 0) return '{}';
  const inner = `${indent}  `;
  return `{\n${entries.map(([k, v]) => `${inner}${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${code(v, decls, inner)},`).join('\n')}\n${indent}}`;
}

function typeCode(fqn: string): string {
  if (fqn.startsWith(LIB)) return fqn.slice(LIB.length);
  const [, mod, name] = fqn.split('.');
  const alias: { [m: string]: string } = { aws_apigateway: 'apigateway', aws_apigatewayv2: 'apigwv2', aws_logs: 'logs', aws_codedeploy: 'codedeploy', aws_ec2: 'ec2' };
  return `${alias[mod] ?? `cdk.${mod}`}.${name}`;
}

function declare(fqn: string, variant: string, decls: Map<string, string>): string {
  const name = `${variant}${shortName(fqn).replace(/^I(?=[A-Z])/, '')}`;
  if (!decls.has(name)) {
    const body = RESOURCES[fqn][variant].code.replace(/ref\('([^']+)', '([^']+)'\)/g, (_, f, v) => declare(f, v, decls));
    decls.set(name, body);
  }
  return name;
}

/** The app as TypeScript: paste it into a test and expect what should happen. */
export function appCode(spec: AppSpec): string {
  const lines: string[] = [CODE_PRELUDE, 'const app = new App();'];
  for (const g of spec.gateways) {
    const decls = new Map<string, string>();
    const body: string[] = [];
    body.push(`const gateway = new ${shortName(g.fqn)}(stack, 'Gateway', ${code(g.props, decls, '  ')});`);
    for (const call of g.calls) {
      body.push(`gateway.${call.method}(${call.args.map(a => code(a, decls, '  ')).join(', ')});`);
    }
    lines.push('{');
    lines.push(`  const stack = new Stack(app, '${stackName(g)}', { env: { account: '${ENV.account}', region: '${ENV.region}' } });`);
    for (const [name, body0] of decls) lines.push(`  const ${name} = ${body0};`);
    lines.push(...body.map(b => `  ${b}`));
    lines.push('}');
  }
  lines.push('app.synth();');
  return lines.join('\n');
}

export { cdk };
