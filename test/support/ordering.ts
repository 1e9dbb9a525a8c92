/**
 * Creation-order rules over synthesized templates: what CloudFormation cannot infer from the
 * template and must be told with DependsOn (or a stack dependency).
 *
 * In a template, `Ref`, `Fn::GetAtt` and `Fn::Sub` references and `DependsOn` order resources;
 * a name written as a literal string (a stage name, a route key) does not. The rules:
 *
 *  1. routeSettings: a v2 Stage's RouteSettings key names a Route (same ApiId) that precedes it,
 *     or CloudFormation may fail with "Unable to find Route by key ... within the provided RouteSettings".
 *  2. accountLogging: a stage that writes execution logs, in an app that has an
 *     `AWS::ApiGateway::Account` (in the same environment), comes after it: a resource dependency
 *     in the same stack, a stack dependency across stacks. Otherwise a fresh account fails with
 *     "CloudWatch Logs role ARN must be set in account settings to enable logging" (aws-cdk #10722).
 *  3. usagePlanStages: each stage a UsagePlan's ApiStages names precedes the plan.
 *  4. mappingStage: a BasePathMapping, BasePathMappingV2 or ApiMapping comes after its stage.
 *
 * Dependencies are followed transitively: within a stack through DependsOn and references
 * (nested stacks included: a nested stack's resources start after what its stack resource
 * depends on, and finish before it), across stacks through the assembly's stack dependencies.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AssetManifestArtifact, CloudAssembly, CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';

/* eslint-disable @typescript-eslint/no-explicit-any -- templates are untyped JSON */

/** A CloudFormation template as JSON. */
export interface CfnTemplate {
  readonly Resources?: { [logicalId: string]: any };
  readonly [key: string]: any;
}

/** A nested stack's template, by the logical id of its `AWS::CloudFormation::Stack` resource. */
export interface OrderingNestedTemplate {
  readonly template: CfnTemplate;
  readonly nested?: { [logicalId: string]: OrderingNestedTemplate };
}

/** A top-level stack of an assembly, as the check reads it. */
export interface OrderingStack {
  /** The stack's name (artifact id). */
  readonly name: string;
  readonly template: CfnTemplate;
  /** Names of the stacks this one depends on (directly). */
  readonly dependencies?: string[];
  /** `aws://account/region`; `unknown-account` / `unknown-region` match any. */
  readonly environment?: string;
  /** Nested stacks' templates, by the logical id of their stack resource in `template`. */
  readonly nested?: { [logicalId: string]: OrderingNestedTemplate };
}

/** The ordering violations of every stack of a synthesized assembly (nested assemblies too). */
export function orderingViolations(assembly: CloudAssembly): string[] {
  const stacks = assembly.stacks.map(stack => orderingStack(assembly.directory, stack));
  return [
    ...templateOrderingViolations(stacks),
    ...assembly.nestedAssemblies.flatMap(nested => orderingViolations(nested.nestedAssembly)),
  ];
}

/**
 * The ordering violations of an assembly written to disk, such as a committed integ snapshot
 * (`integ/integ.x.ts.snapshot`): its manifest.json gives the stacks and their dependencies.
 */
export function assemblyDirectoryOrderingViolations(directory: string): string[] {
  return orderingViolations(new CloudAssembly(directory, { skipVersionCheck: true }));
}

function orderingStack(directory: string, stack: CloudFormationStackArtifact): OrderingStack {
  const env = stack.environment;
  // Nested stack templates are file assets of the top-level stack: find them by S3 object key.
  const assetFiles = new Map<string, string>();
  for (const manifest of stack.dependencies.filter(AssetManifestArtifact.isAssetManifestArtifact)) {
    const files = JSON.parse(fs.readFileSync(manifest.file, 'utf8')).files ?? {};
    for (const file of Object.values<any>(files)) {
      for (const destination of Object.values<any>(file.destinations ?? {})) {
        assetFiles.set(destination.objectKey, path.join(path.dirname(manifest.file), file.source.path));
      }
    }
  }
  return {
    name: stack.id,
    template: stack.template,
    dependencies: stack.dependencies.filter(d => d instanceof CloudFormationStackArtifact).map(d => d.id),
    environment: `aws://${env.account}/${env.region}`,
    nested: nestedTemplates(directory, stack.template, assetFiles),
  };
}

function nestedTemplates(directory: string, template: CfnTemplate, assetFiles: Map<string, string>): { [logicalId: string]: OrderingNestedTemplate } {
  const nested: { [logicalId: string]: OrderingNestedTemplate } = {};
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type !== 'AWS::CloudFormation::Stack') continue;
    const metadataPath = resource.Metadata?.['aws:asset:path'];
    const url = JSON.stringify(resource.Properties?.TemplateURL ?? '');
    const file = typeof metadataPath === 'string' ? path.join(directory, metadataPath)
      : [...assetFiles].find(([objectKey]) => url.includes(objectKey))?.[1];
    if (file === undefined) {
      throw new Error(`nested stack ${id}: its template was not found in the assembly`);
    }
    const nestedTemplate: CfnTemplate = JSON.parse(fs.readFileSync(file, 'utf8'));
    nested[id] = { template: nestedTemplate, nested: nestedTemplates(directory, nestedTemplate, assetFiles) };
  }
  return nested;
}

/** One resource of one template, named for messages. */
interface Located {
  /** The stack (top-level name, then nested stack logical ids, '/'-separated). */
  readonly stack: string;
  readonly topLevel: string;
  readonly logicalId: string;
  readonly resource: any;
  readonly template: CfnTemplate;
}

const V1_STAGE = 'AWS::ApiGateway::Stage';
const V2_STAGE = 'AWS::ApiGatewayV2::Stage';

/** The ordering violations of the given top-level stacks (one assembly). */
export function templateOrderingViolations(stacks: OrderingStack[]): string[] {
  const graph = new OrderGraph(stacks);
  const resources = graph.resources;
  const accounts = resources.filter(r => r.resource.Type === 'AWS::ApiGateway::Account');
  const violations: string[] = [];
  const report = (r: Located, rule: string, message: string) =>
    violations.push(`${r.stack}/${r.logicalId} (${r.resource.Type}): rule ${rule}: ${message}`);

  for (const r of resources) {
    const type = r.resource.Type;
    const props = r.resource.Properties ?? {};

    // Rule 1: RouteSettings keys name routes that exist first.
    if (type === V2_STAGE && isObject(props.RouteSettings)) {
      for (const routeKey of Object.keys(props.RouteSettings)) {
        const routes = resourcesIn(r.template).filter(([, res]) => res.Type === 'AWS::ApiGatewayV2::Route'
          && res.Properties?.RouteKey === routeKey && sameValue(res.Properties?.ApiId, props.ApiId));
        if (routes.length === 0) {
          report(r, '1 (routeSettings)', `RouteSettings names route '${routeKey}', but the stack has no AWS::ApiGatewayV2::Route with that RouteKey on the same ApiId`);
        } else if (!routes.some(([id]) => graph.precedes(at(r, id), r))) {
          report(r, '1 (routeSettings)', `RouteSettings names route '${routeKey}', but route ${routes.map(([id]) => id).join(', ')} does not precede the stage (add DependsOn)`);
        }
      }
    }

    // Rule 2: stages that write execution logs come after the account's CloudWatch role setting.
    if (writesExecutionLogs(r.resource)) {
      for (const account of accounts.filter(a => graph.sameEnvironment(a, r))) {
        if (!graph.precedes(account, r)) {
          const how = account.topLevel === r.topLevel ? 'a resource dependency (DependsOn)' : `a dependency of stack ${r.topLevel} on stack ${account.topLevel}`;
          report(r, '2 (accountLogging)', `writes execution logs, but ${account.stack}/${account.logicalId} (AWS::ApiGateway::Account) does not precede it; it needs ${how}`);
        }
      }
    }

    // Rule 3: a usage plan comes after the stages it names.
    if (type === 'AWS::ApiGateway::UsagePlan' && Array.isArray(props.ApiStages)) {
      props.ApiStages.forEach((apiStage: any, i: number) => {
        checkStage(r, `ApiStages[${i}]`, apiStage?.ApiId, apiStage?.Stage, '3 (usagePlanStages)');
      });
    }

    // Rule 4: a mapping comes after its stage.
    if (type === 'AWS::ApiGateway::BasePathMapping' || type === 'AWS::ApiGateway::BasePathMappingV2') {
      checkStage(r, 'Stage', props.RestApiId, props.Stage, '4 (mappingStage)');
    } else if (type === 'AWS::ApiGatewayV2::ApiMapping') {
      checkStage(r, 'Stage', props.ApiId, props.Stage, '4 (mappingStage)');
    }
  }
  return violations;

  function checkStage(r: Located, prop: string, apiId: unknown, stage: unknown, rule: string): void {
    if (stage === undefined) return;
    const stageIds = stageLogicalIds(r.template, apiId, stage);
    if (stageIds === undefined) return;
    if (stageIds.length === 0) {
      report(r, rule, `${prop} names stage ${JSON.stringify(stage)} of an API in this stack, but the stack creates no such stage`);
    } else if (!stageIds.some(id => graph.precedes(at(r, id), r))) {
      report(r, rule, `${prop} names stage ${JSON.stringify(stage)}, but ${stageIds.join(', ')} does not precede it (add DependsOn or reference the stage)`);
    }
  }
}

/**
 * The stage resources a (api id, stage) pair names in a template; undefined when the API is not
 * created in this template (imported: nothing to check here).
 */
function stageLogicalIds(template: CfnTemplate, apiId: unknown, stage: unknown): string[] | undefined {
  const ids = Object.keys(template.Resources ?? {});
  const refd = refTarget(stage);
  if (refd !== undefined && ids.includes(refd)) return [refd];
  const apiRef = refTarget(apiId);
  if (apiRef === undefined || !ids.includes(apiRef)) return undefined;
  return resourcesIn(template).filter(([, res]) => {
    const p = res.Properties ?? {};
    if (res.Type === V1_STAGE) return sameValue(p.RestApiId, apiId) && sameValue(p.StageName, stage);
    if (res.Type === V2_STAGE) return sameValue(p.ApiId, apiId) && sameValue(p.StageName, stage);
    // A v1 deployment with a StageName creates that stage itself.
    if (res.Type === 'AWS::ApiGateway::Deployment') return sameValue(p.RestApiId, apiId) && sameValue(p.StageName, stage);
    return false;
  }).map(([id]) => id);
}

/** Whether a stage resource writes execution logs (a non-OFF logging level or data trace anywhere). */
export function writesExecutionLogs(resource: any): boolean {
  const props = resource?.Properties ?? {};
  const logs = (s: any) => isObject(s) && ((s.LoggingLevel !== undefined && s.LoggingLevel !== 'OFF') || (s.DataTraceEnabled !== undefined && s.DataTraceEnabled !== false));
  switch (resource?.Type) {
    case V1_STAGE:
      return Array.isArray(props.MethodSettings) && props.MethodSettings.some(logs);
    case 'AWS::ApiGateway::Deployment': {
      const d = props.StageDescription;
      return isObject(d) && (logs(d) || (Array.isArray(d.MethodSettings) && d.MethodSettings.some(logs)));
    }
    case V2_STAGE:
      return logs(props.DefaultRouteSettings) || (isObject(props.RouteSettings) && Object.values(props.RouteSettings).some(logs));
    default:
      return false;
  }
}

/** What must complete before what: resources of all stacks, with nested stacks expanded. */
class OrderGraph {
  public readonly resources: Located[] = [];
  /** node key -> keys of nodes that complete before it starts (direct). */
  private readonly preds = new Map<string, Set<string>>();
  /** top-level stack -> the stacks it depends on, transitively. */
  private readonly stackDeps = new Map<string, Set<string>>();
  private readonly environments = new Map<string, string | undefined>();

  constructor(stacks: OrderingStack[]) {
    const direct = new Map(stacks.map(s => [s.name, s.dependencies ?? []]));
    for (const s of stacks) {
      this.environments.set(s.name, s.environment);
      this.addTemplate(s.name, s.name, s.template, s.nested ?? {}, new Set());
      const closure = new Set<string>();
      const todo = [...direct.get(s.name)!];
      while (todo.length > 0) {
        const next = todo.pop()!;
        if (closure.has(next)) continue;
        closure.add(next);
        todo.push(...direct.get(next) ?? []);
      }
      this.stackDeps.set(s.name, closure);
    }
  }

  /** Whether `a` completes before `b` starts. */
  public precedes(a: Located, b: Located): boolean {
    if (a.topLevel !== b.topLevel) {
      return this.stackDeps.get(b.topLevel)?.has(a.topLevel) ?? false;
    }
    const target = key(a.stack, a.logicalId);
    const seen = new Set<string>();
    const todo = [...this.preds.get(key(b.stack, b.logicalId)) ?? []];
    while (todo.length > 0) {
      const next = todo.pop()!;
      if (next === target) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      todo.push(...this.preds.get(next) ?? []);
    }
    return false;
  }

  /** Whether two resources' stacks deploy to the same account and region (unknown matches any). */
  public sameEnvironment(a: Located, b: Located): boolean {
    const split = (s: Located) => (this.environments.get(s.topLevel) ?? 'aws://unknown-account/unknown-region').replace(/^aws:\/\//, '').split('/');
    const [ea, eb] = [split(a), split(b)];
    return ea.every((part, i) => part === eb[i] || part.startsWith('unknown-') || (eb[i] ?? '').startsWith('unknown-'));
  }

  private addTemplate(stack: string, topLevel: string, template: CfnTemplate, nested: { [id: string]: OrderingNestedTemplate },
    inherited: Set<string>): void {
    const ids = new Set(Object.keys(template.Resources ?? {}));
    for (const [logicalId, resource] of resourcesIn(template)) {
      this.resources.push({ stack, topLevel, logicalId, resource, template });
      const preds = this.predsOf(key(stack, logicalId));
      for (const p of inherited) preds.add(p);
      for (const dep of [...dependsOn(resource), ...references(resource?.Properties, ids)]) {
        preds.add(key(stack, dep));
      }
    }
    for (const [logicalId, child] of Object.entries(nested)) {
      const childStack = `${stack}/${logicalId}`;
      // The nested stack's resources start after its stack resource's own dependencies and
      // finish before the stack resource does.
      const start = new Set([...this.predsOf(key(stack, logicalId))]);
      this.addTemplate(childStack, topLevel, child.template, child.nested ?? {}, start);
      for (const [childId] of resourcesIn(child.template)) {
        this.predsOf(key(stack, logicalId)).add(key(childStack, childId));
      }
    }
  }

  private predsOf(node: string): Set<string> {
    let set = this.preds.get(node);
    if (!set) {
      set = new Set();
      this.preds.set(node, set);
    }
    return set;
  }
}

function key(stack: string, logicalId: string): string {
  return `${stack}#${logicalId}`;
}

function at(r: Located, logicalId: string): Located {
  return { ...r, logicalId, resource: r.template.Resources?.[logicalId] };
}

function resourcesIn(template: CfnTemplate): Array<[string, any]> {
  return Object.entries(template.Resources ?? {});
}

function dependsOn(resource: any): string[] {
  const d = resource?.DependsOn;
  return d === undefined ? [] : Array.isArray(d) ? d : [d];
}

/** Logical ids (of `ids`) the resource refers to through Ref, Fn::GetAtt and Fn::Sub. */
export function references(value: unknown, ids: Set<string>): string[] {
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      v.forEach(visit);
      return;
    }
    if (!isObject(v)) return;
    for (const [k, x] of Object.entries(v)) {
      if (k === 'Ref' && typeof x === 'string') {
        if (ids.has(x)) found.add(x);
      } else if (k === 'Fn::GetAtt') {
        const target = Array.isArray(x) ? x[0] : typeof x === 'string' ? x.split('.')[0] : undefined;
        if (typeof target === 'string' && ids.has(target)) found.add(target);
        else visit(x);
      } else if (k === 'Fn::Sub') {
        const [text, variables] = Array.isArray(x) ? [x[0], x[1]] : [x, undefined];
        const local = new Set(isObject(variables) ? Object.keys(variables) : []);
        if (typeof text === 'string') {
          for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
            const name = m[1].split('.')[0].trim();
            if (!local.has(name) && ids.has(name)) found.add(name);
          }
        }
        visit(variables);
      } else {
        visit(x);
      }
    }
  };
  visit(value);
  return [...found];
}

function refTarget(value: unknown): string | undefined {
  return isObject(value) && typeof value.Ref === 'string' && Object.keys(value).length === 1 ? value.Ref : undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isObject(v: unknown): v is { [key: string]: any } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
