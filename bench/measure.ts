/**
 * Reads a synthesized cloud assembly (the stack template and its nested stack templates, which
 * aws-cdk-lib writes as `*.nested.template.json` assets) and measures what the service limits
 * care about: resources per stack, template bytes, Lambda permissions and the estimated size of
 * the function's resource-based policy once deployed.
 */
import * as fs from 'fs';
import * as path from 'path';

export const ENV = { account: '123456789012', region: 'eu-west-1' };
export const STACK_NAME = 'RoutesBench';

interface CfnResource {
  readonly Type: string;
  readonly Properties?: { [name: string]: unknown };
}

interface CfnTemplate {
  readonly Resources?: { [logicalId: string]: CfnResource };
  readonly Parameters?: { [name: string]: unknown };
}

interface LoadedTemplate {
  readonly file: string;
  readonly nested: boolean;
  readonly bytes: number;
  readonly template: CfnTemplate;
  /** The stack name CloudFormation gives it (nested stacks: parent-logicalId-RANDOM). */
  stackName: string;
  /** For a nested stack: the AWS::CloudFormation::Stack resource that creates it. */
  parent?: { readonly template: LoadedTemplate; readonly parameters: { [name: string]: unknown } };
}

export interface AssemblyMetrics {
  readonly templates: { readonly name: string; readonly nested: boolean; readonly resources: number; readonly bytes: number }[];
  readonly functions: number;
  readonly lambdaPermissions: number;
  readonly policyBytes: number;
}

// --- Resolving intrinsics into deployed-looking values, to size the Lambda policy ------------

const FAKE_API_ID = 'abcdef1234';
const FAKE_SUFFIX = 'A1B2C3D4E5F6';

/** A CloudFormation-generated physical name: stack-logicalId-RANDOM, at most `max` characters. */
function generatedName(stackName: string, logicalId: string, max: number): string {
  const room = max - stackName.length - FAKE_SUFFIX.length - 2;
  return `${stackName}-${logicalId.slice(0, Math.max(room, 1))}-${FAKE_SUFFIX}`;
}

function functionName(stackName: string, logicalId: string): string {
  return generatedName(stackName, logicalId, 64);
}

function functionArn(stackName: string, logicalId: string): string {
  return `arn:aws:lambda:${ENV.region}:${ENV.account}:function:${functionName(stackName, logicalId)}`;
}

class Resolver {
  private readonly resources: { [logicalId: string]: CfnResource };

  constructor(private readonly loaded: LoadedTemplate, private readonly resolverOf: (t: LoadedTemplate) => Resolver) {
    this.resources = loaded.template.Resources ?? {};
  }

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
      case 'AWS::StackName': return this.loaded.stackName;
    }
    const parameters = this.loaded.template.Parameters ?? {};
    if (name in parameters) {
      // A nested stack's parameter: the value its parent passes.
      const parent = this.loaded.parent;
      if (!parent || !(name in parent.parameters)) throw new Error(`cannot estimate parameter ${name} of ${this.loaded.file}`);
      return this.resolverOf(parent.template).resolve(parent.parameters[name]);
    }
    const resource = this.resources[name];
    if (!resource) throw new Error(`cannot estimate Ref ${name}`);
    const props = resource.Properties ?? {};
    switch (resource.Type) {
      case 'AWS::ApiGateway::Stage':
      case 'AWS::ApiGatewayV2::Stage':
        return this.resolve(props.StageName);
      case 'AWS::Lambda::Function':
        return props.FunctionName !== undefined ? this.resolve(props.FunctionName) : functionName(this.loaded.stackName, name);
      default:
        // REST/HTTP API ids, deployment ids, authorizer ids...: 10-character ids.
        return FAKE_API_ID;
    }
  }

  private getAtt(logicalId: string, attribute: string): string {
    const resource = this.resources[logicalId];
    if (resource?.Type === 'AWS::Lambda::Function' && attribute === 'Arn') return functionArn(this.loaded.stackName, logicalId);
    if (attribute === 'RootResourceId') return 'root123456';
    if (resource?.Type === 'AWS::CloudFormation::Stack' && attribute.startsWith('Outputs.')) {
      const child = this.childStacks.get(logicalId);
      const outputs = (child?.template as { Outputs?: { [name: string]: { Value: unknown } } } | undefined)?.Outputs ?? {};
      const output = outputs[attribute.slice('Outputs.'.length)];
      if (child && output) return this.resolverOf(child).resolve(output.Value);
    }
    throw new Error(`cannot estimate Fn::GetAtt ${logicalId}.${attribute}`);
  }

  /** Nested stacks created by this template, by logical id (set by loadAssembly). */
  public readonly childStacks = new Map<string, LoadedTemplate>();
}

/** The 64-hex asset hash in a nested stack's TemplateURL. */
function templateUrlHash(templateUrl: unknown): string | undefined {
  return /([0-9a-f]{64})\.json/.exec(JSON.stringify(templateUrl))?.[1];
}

function loadAssembly(outdir: string): { templates: LoadedTemplate[]; resolverOf: (t: LoadedTemplate) => Resolver } {
  const files = fs.readdirSync(outdir);
  const templates: LoadedTemplate[] = files.filter(f => f.endsWith('.template.json')).sort().map(file => {
    const text = fs.readFileSync(path.join(outdir, file), 'utf8');
    const nested = file.endsWith('.nested.template.json');
    return { file, nested, bytes: Buffer.byteLength(text), template: JSON.parse(text) as CfnTemplate, stackName: nested ? '' : STACK_NAME };
  });
  // Asset hash -> template file, from every asset manifest (nested stack templates are file assets).
  const fileOfHash = new Map<string, string>();
  for (const manifest of files.filter(f => f.endsWith('.assets.json'))) {
    const assets = JSON.parse(fs.readFileSync(path.join(outdir, manifest), 'utf8')) as { files?: { [hash: string]: { source?: { path?: string } } } };
    for (const [hash, asset] of Object.entries(assets.files ?? {})) {
      if (asset.source?.path) fileOfHash.set(hash, asset.source.path);
    }
  }
  const byFile = new Map(templates.map(t => [t.file, t]));
  const resolvers = new Map<LoadedTemplate, Resolver>();
  const resolverOf = (t: LoadedTemplate): Resolver => {
    let resolver = resolvers.get(t);
    if (!resolver) {
      resolver = new Resolver(t, resolverOf);
      resolvers.set(t, resolver);
    }
    return resolver;
  };
  // Link nested stacks to their parents, top-down so that names of nested-nested stacks resolve.
  const pending = templates.filter(t => !t.nested);
  while (pending.length > 0) {
    const parent = pending.shift() as LoadedTemplate;
    for (const [logicalId, resource] of Object.entries(parent.template.Resources ?? {})) {
      if (resource.Type !== 'AWS::CloudFormation::Stack') continue;
      const hash = templateUrlHash(resource.Properties?.TemplateURL);
      const child = hash ? byFile.get(fileOfHash.get(hash) ?? '') : undefined;
      if (!child) throw new Error(`cannot find the template of nested stack ${logicalId} in ${parent.file}`);
      child.stackName = generatedName(parent.stackName, logicalId, 128);
      child.parent = { template: parent, parameters: (resource.Properties?.Parameters ?? {}) as { [name: string]: unknown } };
      resolverOf(parent).childStacks.set(logicalId, child);
      pending.push(child);
    }
  }
  const orphan = templates.find(t => t.nested && !t.parent);
  if (orphan) throw new Error(`nested template ${orphan.file} has no parent stack`);
  return { templates, resolverOf };
}

/**
 * Measures the assembly in `outdir`. The policy estimate: the function's resource-based policy as
 * Lambda would store it, built from every AWS::Lambda::Permission (in any stack) that targets the
 * function, with CloudFormation-style Sids (stack-logicalId-random), a 10-character API id, the
 * stage name and the function ARN as deployed; its JSON length.
 */
export function measureAssembly(outdir: string): AssemblyMetrics {
  const { templates, resolverOf } = loadAssembly(outdir);
  const all = templates.flatMap(t => Object.entries(t.template.Resources ?? {}).map(([id, resource]) => ({ t, id, resource })));
  const functions = all.filter(r => r.resource.Type === 'AWS::Lambda::Function');
  if (functions.length !== 1) throw new Error(`expected one Lambda function, found ${functions.length}`);
  const fn = functions[0];
  const fnArn = functionArn(fn.t.stackName, fn.id);
  const fnName = functionName(fn.t.stackName, fn.id);

  const permissions = all.filter(r => r.resource.Type === 'AWS::Lambda::Permission');
  const statements = permissions
    .map(p => ({ ...p, props: p.resource.Properties ?? {}, resolver: resolverOf(p.t) }))
    .filter(({ props, resolver }) => {
      const target = resolver.resolve(props.FunctionName);
      return target === fnArn || target === fnName;
    })
    .map(({ t, id, props, resolver }) => {
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
        Sid: generatedName(t.stackName, id, 100),
        Effect: 'Allow',
        Principal: principal.endsWith('.amazonaws.com') ? { Service: principal } : { AWS: principal },
        Action: resolver.resolve(props.Action),
        Resource: fnArn,
        ...Object.keys(condition).length > 0 ? { Condition: condition } : {},
      };
    });
  const policy = { Version: '2012-10-17', Id: 'default', Statement: statements };
  return {
    templates: templates.map(t => ({
      name: t.file.replace(/(\.nested)?\.template\.json$/, ''),
      nested: t.nested,
      resources: Object.keys(t.template.Resources ?? {}).length,
      bytes: t.bytes,
    })),
    functions: functions.length,
    lambdaPermissions: permissions.length,
    policyBytes: statements.length === 0 ? 0 : Buffer.byteLength(JSON.stringify(policy)),
  };
}
