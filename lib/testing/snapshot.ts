/**
 * Snapshot-stable CloudFormation templates for users' snapshot tests (issue 15).
 *
 * A whole-template snapshot holds values that change although nothing the user wrote changed:
 * asset hashes (the user's own code, and the handlers aws-cdk-lib bundles for cross-region
 * references and custom resources, which change with every aws-cdk-lib release), the logical IDs
 * aws-cdk-lib derives from them (a Lambda function's `CurrentVersion`), and the version analytics
 * of `CDKMetadata`. `SnapshotTemplate` masks them, the same way on every run.
 *
 * This module sits outside `lib/common` because it knows the gateway constructs (for
 * `libraryResourcesOnly`), and `lib/common` imports no gateway.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CfnElement, CfnOutput, CfnResource, Stack, Stage } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { IConstruct } from 'constructs';
import { GatewayAccountLogging } from '../common/account-logging';
import { GatewayDomain } from '../common/domain';
import { aBoolean, aStruct, checkArgs, describeType, InputCheck, InputScope, inputError } from '../common/input';
import { awsCertificateManager } from '../common/lazy';
import { HttpGateway } from '../http/http-gateway';
import { RestGateway } from '../rest/rest-gateway';
import { WebSocketGateway } from '../websocket/websocket-gateway';

/** Options of `SnapshotTemplate.fromStack` and `SnapshotTemplate.fromTemplate`. */
export interface SnapshotTemplateOptions {
  /**
   * Keep only the resources and outputs this library created: those whose construct sits under a
   * `RestGateway`, `HttpGateway`, `WebSocketGateway`, `GatewayDomain` or `GatewayAccountLogging`
   * of the stack, plus what the library makes beside them (the stack-level VPC link of a REST
   * private integration, the certificate of an edge domain in its us-east-1 companion stack) and
   * the Lambda permissions aws-cdk-lib adds to your function for a gateway's authorizer (a
   * permission for `apigateway.amazonaws.com` whose source ARN names a kept resource).
   * Parameters, conditions, mappings and rules are kept whole; references from kept resources
   * to dropped ones (your functions) are left as they are.
   *
   * Only `fromStack` can apply it: a template alone has no construct tree, so `fromTemplate`
   * rejects `true`.
   *
   * @default false - every resource and output of the template
   */
  readonly libraryResourcesOnly?: boolean;
}

/**
 * A stack's CloudFormation template made stable for snapshot tests: the same app gives the same
 * JSON whatever its asset contents and whatever the aws-cdk-lib version, while every prop of
 * every resource stays visible.
 *
 * Masking rules:
 * - **Asset hashes**: each 64-hex-digit string inside any string or key (an S3 key
 *   `<hash>.zip`, an image tag, an `aws:asset:path`, a legacy asset parameter name) becomes
 *   `<asset-N>`, numbered from 1 in the order of first appearance in the template; the same hash
 *   gets the same number throughout the template, so shared code stays visible.
 * - **Lambda version logical IDs**: aws-cdk-lib names a function's `currentVersion`
 *   `<Function>CurrentVersion<8 hex of the path><32 hex of the configuration>`; the configuration
 *   hash becomes `<config-hash>` (`OrdersFnCurrentVersion1A2B3C4D<config-hash>`) in the resource's
 *   key and in every reference to it (`Ref`, `Fn::GetAtt`, `Fn::Sub`, `DependsOn`, outputs,
 *   export names, whose own trailing 8-hex hash becomes `<export-hash>`).
 * - **aws-cdk-lib version analytics**: the `AWS::CDK::Metadata` resource and its
 *   `CDKMetadataAvailable` condition are removed.
 * - **aws-cdk-lib's provider runtimes**: the `Runtime` of aws-cdk-lib's own singleton provider
 *   functions (`...CustomResourceProviderHandler<8 hex>`, e.g. the cross-region reference reader
 *   and writer) becomes `<aws-cdk-lib-runtime>`: aws-cdk-lib moves it with its releases.
 *
 * Left as they are: everything else, including REST deployment logical IDs (their hash is of the
 * API model, so that a change to the API shows as a new deployment) and the synthesizer's
 * `BootstrapVersion` parameter and `CheckBootstrapVersion` rule. The output is built afresh (the
 * input is not modified) and is deterministic: the same template gives byte-identical JSON.
 */
export class SnapshotTemplate {
  /**
   * The stack's template, synthesized like `Template.fromStack` (through the stack's App or
   * Stage; a nested stack's template is read from the cloud assembly) and masked.
   *
   * Synthesizing locks the construct tree: call it after the stack is complete.
   *
   * @param stack a stack in an App or a Stage (a nested stack included)
   * @param options what to keep
   * @returns the masked template JSON
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- template JSON: jsii's `any` (Object in Java, object in Python)
  public static fromStack(stack: Stack, options: SnapshotTemplateOptions = {}): any {
    const where = 'SnapshotTemplate.fromStack';
    checkArgs(where, { stack, options }, { stack: A_STACK, options: OPTIONS });
    const stage = Stage.of(stack);
    if (!stage) {
      throw inputError(where, 'stack', stack.node.path, 'the stack is in no App or Stage, so it cannot be synthesized');
    }
    const assembly = stage.synth();
    const template = stack.nestedStackParent
      ? JSON.parse(fs.readFileSync(path.join(assembly.directory, stack.templateFile), 'utf8'))
      : assembly.getStackArtifact(stack.artifactId).template;
    return maskTemplate(options.libraryResourcesOnly ? libraryPart(stack, template) : template);
  }

  /**
   * A template already synthesized (from a CloudAssembly, or read from `cdk.out`), masked by the
   * same rules as `fromStack`. `libraryResourcesOnly` cannot apply: a template has no construct
   * tree.
   *
   * @param template the template JSON
   * @param options what to keep (`libraryResourcesOnly` must not be `true`)
   * @returns the masked template JSON
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- template JSON in and out: jsii's `any`
  public static fromTemplate(template: any, options: SnapshotTemplateOptions = {}): any {
    const where = 'SnapshotTemplate.fromTemplate';
    checkArgs(where, { template, options }, { template: A_TEMPLATE, options: OPTIONS });
    if (options.libraryResourcesOnly === true) {
      throw inputError(where, 'options.libraryResourcesOnly', true,
        'a template alone has no construct tree to tell the library\'s resources from yours: use SnapshotTemplate.fromStack(stack, { libraryResourcesOnly: true })');
    }
    return maskTemplate(template);
  }

  private constructor() {}
}

/** JSON as a template holds it. */
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const OPTIONS = aStruct({ libraryResourcesOnly: aBoolean }, 'a SnapshotTemplateOptions object');

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const A_STACK: InputCheck = {
  what: 'a Stack',
  check(where: InputScope, prop: string, value: unknown) {
    if (!Stack.isStack(value)) throw inputError(where, prop, describeType(value), 'expected a Stack');
  },
};

const A_TEMPLATE: InputCheck = {
  what: 'a template object',
  check(where: InputScope, prop: string, value: unknown) {
    if (!isObject(value)) {
      throw inputError(where, prop, describeType(value), 'expected a CloudFormation template object');
    }
  },
};

// ---------------------------------------------------------------------------------------------
// Masking
// ---------------------------------------------------------------------------------------------

/** A sha256 asset hash: 64 lowercase hex digits, not part of a longer hex run. */
const ASSET_HASH = /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/g;
/** A Lambda `currentVersion` logical ID's tail: 8 hex of the construct path, 32 of the configuration. */
const VERSION_ID = /CurrentVersion([0-9A-F]{8})[0-9a-f]{32}/g;
/**
 * An export of a masked version: `ExportsOutput...` (same-region exports: output keys, export
 * names, Fn::ImportValue) or `/cdk/exports/...` (cross-region SSM parameter names, also inside
 * `{{resolve:ssm:...}}`), ending with the 8-hex hash aws-cdk-lib computes from the exported
 * logical ID (after the attribute name, if any).
 */
const VERSION_EXPORT = /((?:ExportsOutput|\/cdk\/exports\/)[^\s"{}]*?CurrentVersion[0-9A-F]{8}<config-hash(?:-\d+)?>[A-Za-z0-9]*?)[0-9A-F]{8}(?![A-Za-z0-9])/g;

/** The resource type of aws-cdk-lib's version analytics. */
const CDK_METADATA_TYPE = 'AWS::CDK::Metadata';
/** The condition that guards CDKMetadata in stacks of unknown region. */
const CDK_METADATA_CONDITION = 'CDKMetadataAvailable';

/** Masks one template; the placeholders are numbered per template. */
function maskTemplate(template: JsonObject): JsonObject {
  return new Masker().json(withProviderRuntimesMasked(withoutCdkMetadata(template))) as JsonObject;
}

/**
 * aws-cdk-lib's own singleton provider functions (`Custom::...CustomResourceProvider`: the
 * cross-region reference reader and writer, and the like) are named `...CustomResourceProviderHandler<8 hex>`.
 * aws-cdk-lib picks their Node.js runtime and moves it with its releases (nodejs22.x in 2.257,
 * nodejs24.x in 2.276), so their `Runtime` becomes `<aws-cdk-lib-runtime>`.
 */
const PROVIDER_HANDLER = /CustomResourceProviderHandler[0-9A-F]{8}$/;

function withProviderRuntimesMasked(template: JsonObject): JsonObject {
  if (!isObject(template.Resources)) return template;
  const resources: JsonObject = {};
  for (const [id, r] of Object.entries(template.Resources)) {
    const props = isObject(r) ? r.Properties : undefined;
    if (isObject(r) && PROVIDER_HANDLER.test(id) && isObject(props) && typeof props.Runtime === 'string') {
      resources[id] = { ...r, Properties: { ...props, Runtime: '<aws-cdk-lib-runtime>' } };
    } else {
      resources[id] = r;
    }
  }
  return { ...template, Resources: resources };
}

/** The template without the version analytics aws-cdk-lib adds (a shallow copy where changed). */
function withoutCdkMetadata(template: JsonObject): JsonObject {
  const out: JsonObject = { ...template };
  if (isObject(template.Resources)) {
    out.Resources = Object.fromEntries(Object.entries(template.Resources)
      .filter(([, r]) => !(isObject(r) && r.Type === CDK_METADATA_TYPE)));
  }
  if (isObject(template.Conditions) && CDK_METADATA_CONDITION in template.Conditions) {
    const conditions = Object.fromEntries(Object.entries(template.Conditions).filter(([id]) => id !== CDK_METADATA_CONDITION));
    if (Object.keys(conditions).length > 0) {
      out.Conditions = conditions;
    } else {
      delete out.Conditions;
    }
  }
  return out;
}

/** Rewrites strings and keys; keeps the order of keys, so the output is as deterministic as the input. */
class Masker {
  private readonly assets = new Map<string, string>();
  private readonly versions = new Map<string, string>();
  private readonly versionPlaceholders = new Set<string>();

  public json(value: Json): Json {
    if (typeof value === 'string') return this.string(value);
    if (Array.isArray(value)) return value.map(v => this.json(v));
    if (isObject(value)) {
      const out: JsonObject = {};
      for (const [key, v] of Object.entries(value)) {
        out[this.string(key)] = this.json(v);
      }
      return out;
    }
    return value;
  }

  private string(s: string): string {
    let out = s.replace(VERSION_ID, (tail: string, pathHash: string) => this.version(tail, pathHash));
    if (out !== s) out = out.replace(VERSION_EXPORT, '$1<export-hash>');
    return out.replace(ASSET_HASH, hash => this.asset(hash));
  }

  private asset(hash: string): string {
    let placeholder = this.assets.get(hash);
    if (placeholder === undefined) {
      placeholder = `<asset-${this.assets.size + 1}>`;
      this.assets.set(hash, placeholder);
    }
    return placeholder;
  }

  /**
   * `CurrentVersion<path hash><config-hash>`; should two versions share a path hash (they do
   * not in one synthesized template), the later ones are numbered so that no two collide.
   */
  private version(tail: string, pathHash: string): string {
    let masked = this.versions.get(tail);
    if (masked === undefined) {
      masked = `CurrentVersion${pathHash}<config-hash>`;
      for (let n = 2; this.versionPlaceholders.has(masked); n++) {
        masked = `CurrentVersion${pathHash}<config-hash-${n}>`;
      }
      this.versions.set(tail, masked);
      this.versionPlaceholders.add(masked);
    }
    return masked;
  }
}

// ---------------------------------------------------------------------------------------------
// libraryResourcesOnly
// ---------------------------------------------------------------------------------------------

/** Whether a construct is one of this library's (the roots of what it creates). */
function isLibraryConstruct(c: IConstruct): boolean {
  return c instanceof RestGateway || c instanceof HttpGateway || c instanceof WebSocketGateway
    || c instanceof GatewayDomain || c instanceof GatewayAccountLogging;
}

/**
 * The constructs of `stack` the library created: the library's constructs and what sits under
 * them, and what it creates beside them (see SnapshotTemplateOptions.libraryResourcesOnly).
 */
function libraryRoots(stack: Stack): IConstruct[] {
  // The whole stack, when it sits under a library construct (a nested stack of a gateway).
  if (stack.node.scopes.some(isLibraryConstruct)) return [stack];
  const roots = stack.node.findAll().filter(isLibraryConstruct);
  // The VPC link of a REST private integration: one per load balancer per stack, made at the
  // stack's top level (lib/rest/integration.ts, vpcLinkFor) so that gateways share it.
  roots.push(...stack.node.children.filter(c => c instanceof apigateway.VpcLink && c.node.id.startsWith('RestVpcLink-')));
  // The certificate of an edge domain in the us-east-1 companion stack, named after the path of
  // the gateway or domain it serves (lib/common/domain-certificate.ts, resolveDomainCertificate).
  const { Certificate } = awsCertificateManager();
  const certificates = stack.node.children.filter(c => c instanceof Certificate);
  if (certificates.length > 0) {
    const names = new Set(stack.node.root.node.findAll().filter(isLibraryConstruct)
      .map(c => `${c.node.path.replace(/\//g, '-')}-Certificate`));
    roots.push(...certificates.filter(c => names.has(c.node.id)));
  }
  return roots;
}

/** The logical IDs of the resources and outputs under `roots` that belong to `stack`'s template. */
function logicalIdsUnder(stack: Stack, roots: IConstruct[]): { resources: Set<string>; outputs: Set<string> } {
  const resources = new Set<string>();
  const outputs = new Set<string>();
  for (const root of roots) {
    for (const c of root.node.findAll()) {
      if (!CfnElement.isCfnElement(c) || Stack.of(c) !== stack) continue;
      const logicalId = stack.resolve((c as CfnElement).logicalId) as string;
      if (c instanceof CfnResource) resources.add(logicalId);
      if (c instanceof CfnOutput) outputs.add(logicalId);
    }
  }
  return { resources, outputs };
}

/** The logical IDs a value references (`Ref`, `Fn::GetAtt`, `${Id}` / `${Id.Attr}` in `Fn::Sub`). */
function referencedIds(value: Json, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    value.forEach(v => referencedIds(v, into));
  } else if (isObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Ref' && typeof v === 'string') into.add(v);
      else if (key === 'Fn::GetAtt' && Array.isArray(v) && typeof v[0] === 'string') into.add(v[0]);
      else if (key === 'Fn::GetAtt' && typeof v === 'string') into.add(v.split('.')[0]);
      else if (key === 'Fn::Sub') {
        const text = Array.isArray(v) ? v[0] : v;
        if (typeof text === 'string') {
          for (const m of text.matchAll(/\$\{([^!}][^}.]*)(?:\.[^}]*)?\}/g)) into.add(m[1]);
        }
        if (Array.isArray(v)) referencedIds(v.slice(1), into);
      } else referencedIds(v, into);
    }
  }
  return into;
}

/** A Lambda permission for API Gateway whose source ARN names one of `kept`. */
function isGatewayPermissionFor(resource: Json, kept: Set<string>): boolean {
  if (!isObject(resource) || resource.Type !== 'AWS::Lambda::Permission' || !isObject(resource.Properties)) return false;
  const props = resource.Properties;
  if (props.Principal !== 'apigateway.amazonaws.com' || props.SourceArn === undefined) return false;
  return [...referencedIds(props.SourceArn)].some(id => kept.has(id));
}

/** The template with only the library's resources and outputs (a copy; the input is unchanged). */
function libraryPart(stack: Stack, template: JsonObject): JsonObject {
  const { resources, outputs } = logicalIdsUnder(stack, libraryRoots(stack));
  const all = isObject(template.Resources) ? template.Resources : {};
  const kept: JsonObject = {};
  for (const [id, resource] of Object.entries(all)) {
    if (resources.has(id) || isGatewayPermissionFor(resource, resources)) kept[id] = resource;
  }
  const out: JsonObject = { ...template, Resources: kept };
  if (isObject(template.Outputs)) {
    const keptOutputs = Object.fromEntries(Object.entries(template.Outputs).filter(([id]) => outputs.has(id)));
    if (Object.keys(keptOutputs).length > 0) {
      out.Outputs = keptOutputs;
    } else {
      delete out.Outputs;
    }
  }
  return out;
}
