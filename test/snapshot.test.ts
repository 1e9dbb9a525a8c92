import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnOutput, CfnResource, Fn, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { GatewayEndpoint, HttpGateway, HttpIntegration, RestAuthorization, RestGateway, RestIntegration } from '../lib';
import { GatewayValidationError } from '../lib/common/errors';
import { SnapshotTemplate } from '../lib/testing/snapshot';
import { Construct } from 'constructs';

type Template = { [section: string]: { [id: string]: { [key: string]: unknown } } };

const ENV = { account: '123456789012', region: 'eu-west-1' };
const ASSET_HASH = /[0-9a-f]{64}/;
const VERSION_KEY = /^HandlerCurrentVersion[0-9A-F]{8}<config-hash>$/;

function newApp(props: { analyticsReporting?: boolean } = {}): App {
  return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-api-gateways-snapshot-')), ...props });
}

/** A folder holding one handler file with the given source. */
function handlerDir(source: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-api-gateways-handler-'));
  fs.writeFileSync(path.join(dir, 'index.js'), source);
  return dir;
}

interface ScenarioOptions {
  readonly code: lambda.Code;
  readonly rateLimit?: number;
}

/**
 * A eu-west-1 stack with an edge REST API on a custom domain (a us-east-1 companion stack holds
 * the certificate; aws-cdk-lib adds its cross-region writer and reader functions), routing to
 * an alias of the handler's current version.
 */
function scenario(options: ScenarioOptions): { app: App; stack: Stack; companion: Stack } {
  const app = newApp();
  const stack = new Stack(app, 'Api', { env: ENV });
  const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0EXAMPLE12345', zoneName: 'example.com' });
  const handler = new lambda.Function(stack, 'Handler', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: options.code });
  const live = new lambda.Alias(stack, 'Live', { aliasName: 'live', version: handler.currentVersion });
  const gateway = new RestGateway(stack, 'Orders', {
    endpoint: GatewayEndpoint.edge(),
    stages: [{ stageName: 'prod', throttle: { rateLimit: options.rateLimit ?? 100, burstLimit: 200 } }],
    domain: { domainName: 'orders.example.com', hostedZone },
  });
  gateway.addRoute('GET /orders', RestIntegration.lambdaFunction(live));
  const companion = app.node.findChild('Api-UsEast1Certificates') as Stack;
  return { app, stack, companion };
}

function rawTemplate(stack: Stack): Template {
  return Stage.of(stack)!.synth().getStackArtifact(stack.artifactId).template as Template;
}

function resourcesOfType(template: Template, type: string): string[] {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type).map(([id]) => id);
}

/** Every logical ID a template references through Ref, Fn::GetAtt, Fn::Sub or DependsOn. */
function references(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) {
    value.forEach(v => references(v, into));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Ref' && typeof v === 'string') into.push(v);
      else if (key === 'Fn::GetAtt' && Array.isArray(v)) into.push(v[0] as string);
      else if (key === 'DependsOn') into.push(...(Array.isArray(v) ? v as string[] : [v as string]));
      else if (key === 'Fn::Sub' && typeof v === 'string') into.push(...[...v.matchAll(/\$\{([^!}.]+)[^}]*\}/g)].map(m => m[1]));
      else references(v, into);
    }
  }
  return into;
}

describe('SnapshotTemplate masking', () => {
  test('the snapshot does not change when the handler\'s asset contents change; the raw template does', () => {
    // GIVEN
    const first = scenario({ code: lambda.Code.fromAsset(handlerDir('exports.handler = async () => ({ body: "v1" });')) });
    const second = scenario({ code: lambda.Code.fromAsset(handlerDir('exports.handler = async () => ({ body: "v2" });')) });

    // WHEN
    const raw = [rawTemplate(first.stack), rawTemplate(second.stack)];
    const snapshots = [SnapshotTemplate.fromStack(first.stack), SnapshotTemplate.fromStack(second.stack)];

    // THEN
    expect(JSON.stringify(raw[1])).not.toBe(JSON.stringify(raw[0]));
    expect(JSON.stringify(snapshots[1])).toBe(JSON.stringify(snapshots[0]));
    expect(JSON.stringify(snapshots[0])).not.toMatch(ASSET_HASH);
    expect(resourcesOfType(snapshots[0], 'AWS::Lambda::Version')).toEqual([expect.stringMatching(VERSION_KEY)]);
  });

  test('with inline code, the code itself is the only difference: the version logical ID derived from it is masked', () => {
    // GIVEN
    const first = scenario({ code: lambda.Code.fromInline('exports.handler = async () => ({ body: 1 });') });
    const second = scenario({ code: lambda.Code.fromInline('exports.handler = async () => ({ body: 2 });') });
    // The inline source is template content, shown as it is: compare the rest.
    const withoutSource = (t: Template) => JSON.stringify(t).replace(/"ZipFile":"[^"]*"/, '"ZipFile":"..."');

    // WHEN
    const raw = [rawTemplate(first.stack), rawTemplate(second.stack)];
    const snapshots = [SnapshotTemplate.fromStack(first.stack), SnapshotTemplate.fromStack(second.stack)];

    // THEN
    expect(withoutSource(raw[1])).not.toBe(withoutSource(raw[0]));
    expect(withoutSource(snapshots[1])).toBe(withoutSource(snapshots[0]));
    expect(JSON.stringify(snapshots[1])).not.toBe(JSON.stringify(snapshots[0]));
    expect(resourcesOfType(snapshots[0], 'AWS::Lambda::Version')).toEqual([expect.stringMatching(VERSION_KEY)]);
  });

  test('the cross-region reader and writer handlers of aws-cdk-lib are masked: a new aws-cdk-lib handler changes nothing', () => {
    // GIVEN
    const { stack, companion } = scenario({ code: lambda.Code.fromAsset(handlerDir('exports.handler = async () => ({});')) });
    const raw = { reader: rawTemplate(stack), writer: rawTemplate(companion) };
    expect(resourcesOfType(raw.reader, 'Custom::CrossRegionExportReader')).toHaveLength(1);
    expect(resourcesOfType(raw.writer, 'Custom::CrossRegionExportWriter')).toHaveLength(1);
    // An aws-cdk-lib upgrade that rebuilds its handlers: every asset hash of the template changes.
    const upgraded = (t: Template) => JSON.parse(JSON.stringify(t).replace(/[0-9a-f]{64}/g, h => h.split('').reverse().join(''))) as Template;

    // WHEN
    const before = { reader: SnapshotTemplate.fromTemplate(raw.reader), writer: SnapshotTemplate.fromTemplate(raw.writer) };
    const after = { reader: SnapshotTemplate.fromTemplate(upgraded(raw.reader)), writer: SnapshotTemplate.fromTemplate(upgraded(raw.writer)) };

    // THEN
    expect(JSON.stringify(upgraded(raw.reader))).not.toBe(JSON.stringify(raw.reader));
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
    const handlerKeys = (t: Template) => resourcesOfType(t, 'AWS::Lambda::Function')
      .map(id => (t.Resources[id].Properties as { Code: { S3Key?: string } }).Code.S3Key);
    // The user's handler first (in template order), then aws-cdk-lib's reader: distinct numbers.
    expect(handlerKeys(before.reader)).toEqual(['<asset-1>.zip', '<asset-2>.zip']);
    expect(handlerKeys(before.writer)).toEqual(['<asset-1>.zip']);
    expect(JSON.stringify(before)).not.toMatch(ASSET_HASH);
  });

  test('the runtime of aws-cdk-lib\'s provider functions is masked (it moves with aws-cdk-lib); the user\'s is kept', () => {
    // GIVEN
    const { stack } = scenario({ code: lambda.Code.fromAsset(handlerDir('exports.handler = async () => ({});')) });
    const raw = rawTemplate(stack);
    // aws-cdk-lib 2.276 moved its providers from nodejs22.x to nodejs24.x.
    const upgraded = JSON.parse(JSON.stringify(raw).replace(/"Runtime":"nodejs22\.x"/g, '"Runtime":"nodejs24.x"')) as Template;
    const providerIds = resourcesOfType(raw, 'AWS::Lambda::Function').filter(id => /CustomResourceProviderHandler/.test(id));
    expect(providerIds.length).toBeGreaterThan(0);

    // WHEN
    const before = SnapshotTemplate.fromTemplate(raw) as Template;
    const after = SnapshotTemplate.fromTemplate(upgraded) as Template;

    // THEN
    for (const id of providerIds) {
      expect((before.Resources[id].Properties as { Runtime: string }).Runtime).toBe('<aws-cdk-lib-runtime>');
    }
    const userIds = resourcesOfType(raw, 'AWS::Lambda::Function').filter(id => !providerIds.includes(id));
    expect(userIds.length).toBeGreaterThan(0);
    for (const id of userIds) {
      expect((before.Resources[id].Properties as { Runtime: string }).Runtime).toBe((raw.Resources[id].Properties as { Runtime: string }).Runtime);
    }
    expect(JSON.stringify(after.Resources[providerIds[0]])).toBe(JSON.stringify(before.Resources[providerIds[0]]));
  });

  test('the same hash gets the same placeholder, distinct hashes distinct ones, numbered in order of first appearance', () => {
    // GIVEN
    const app = newApp();
    const stack = new Stack(app, 'Stack', { env: ENV });
    const shared = handlerDir('exports.handler = async () => ({ shared: true });');
    const other = handlerDir('exports.handler = async () => ({ other: true });');
    for (const [id, dir] of [['A', other], ['B', shared], ['C', other]]) {
      new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset(dir) });
    }

    // WHEN
    const snapshot = SnapshotTemplate.fromStack(stack);

    // THEN
    const keys = resourcesOfType(snapshot, 'AWS::Lambda::Function')
      .map(id => (snapshot.Resources[id].Properties as { Code: { S3Key: string } }).Code.S3Key);
    expect(keys).toEqual(['<asset-1>.zip', '<asset-2>.zip', '<asset-1>.zip']);
  });

  test('the snapshot changes when a gateway prop changes (a stage throttle)', () => {
    // GIVEN
    const code = lambda.Code.fromInline('exports.handler = async () => ({});');
    const slow = scenario({ code, rateLimit: 100 });
    const fast = scenario({ code, rateLimit: 150 });

    // WHEN
    const snapshots = [SnapshotTemplate.fromStack(slow.stack), SnapshotTemplate.fromStack(fast.stack)];

    // THEN
    expect(JSON.stringify(snapshots[1])).not.toBe(JSON.stringify(snapshots[0]));
    const rates = snapshots.map(s => JSON.stringify(s).match(/"ThrottlingRateLimit":(\d+)/)?.[1]);
    expect(rates).toEqual(['100', '150']);
  });

  test('every reference to a masked version logical ID is rewritten the same way: nothing dangles', () => {
    // GIVEN
    const { stack } = scenario({ code: lambda.Code.fromInline('exports.handler = async () => ({});') });
    const handler = stack.node.findChild('Handler') as lambda.Function;
    const version = handler.currentVersion.node.defaultChild as CfnResource;
    const marker = new CfnResource(stack, 'Marker', { type: 'AWS::CloudFormation::WaitConditionHandle' });
    marker.addDependency(version);
    new CfnOutput(stack, 'VersionArn', { value: handler.currentVersion.functionArn });
    new CfnOutput(stack, 'VersionNumber', { value: handler.currentVersion.version });
    new CfnOutput(stack, 'VersionSub', { value: Fn.sub(`\${${stack.resolve(version.logicalId)}.Version}`) });

    // WHEN
    const raw = rawTemplate(stack);
    const snapshot = SnapshotTemplate.fromStack(stack);

    // THEN
    const rawId = resourcesOfType(raw, 'AWS::Lambda::Version')[0];
    const maskedId = resourcesOfType(snapshot, 'AWS::Lambda::Version')[0];
    expect(maskedId).toMatch(VERSION_KEY);
    expect(maskedId).toBe(rawId.replace(/[0-9a-f]{32}$/, '<config-hash>'));
    // The raw template refers to the version from the alias, the marker and the outputs ...
    expect(references(raw).filter(id => id === rawId).length).toBeGreaterThanOrEqual(5);
    // ... and so does the snapshot, by the masked ID; no reference is left pointing nowhere.
    expect(references(snapshot).filter(id => id === maskedId)).toHaveLength(references(raw).filter(id => id === rawId).length);
    const declared = new Set([...Object.keys(snapshot.Resources), ...Object.keys(snapshot.Parameters ?? {})]);
    expect(references(snapshot).filter(id => !declared.has(id) && !id.startsWith('AWS::'))).toEqual([]);
    expect(JSON.stringify(snapshot)).not.toContain(rawId);
  });

  test('exports of a version to other stacks (same region and cross-region) are masked on both sides', () => {
    // GIVEN
    const build = (source: string) => {
      const app = newApp();
      const producer = new Stack(app, 'Producer', { env: ENV });
      const handler = new lambda.Function(producer, 'Handler', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset(handlerDir(source)) });
      const sameRegion = new Stack(app, 'SameRegion', { env: ENV });
      new CfnOutput(sameRegion, 'Arn', { value: handler.currentVersion.functionArn });
      const otherRegion = new Stack(app, 'OtherRegion', { env: { ...ENV, region: 'us-east-1' }, crossRegionReferences: true });
      new CfnOutput(otherRegion, 'Version', { value: handler.currentVersion.version });
      return [producer, sameRegion, otherRegion];
    };
    const first = build('exports.handler = 1;');
    const second = build('exports.handler = 2;');

    // WHEN
    const raw = [first, second].map(stacks => JSON.stringify(stacks.map(rawTemplate)));
    const snapshots = [first, second].map(stacks => JSON.stringify(stacks.map(s => SnapshotTemplate.fromStack(s))));

    // THEN
    expect(raw[1]).not.toBe(raw[0]);
    expect(snapshots[1]).toBe(snapshots[0]);
    expect(snapshots[0]).toContain('"Fn::ImportValue":"Producer:ExportsOutputRefHandlerCurrentVersion');
    expect(snapshots[0]).toMatch(/\/cdk\/exports\/OtherRegion\/Producereuwest1FnGetAttHandlerCurrentVersion[0-9A-F]{8}<config-hash>Version<export-hash>/);
  });

  test('the aws-cdk-lib version analytics (CDKMetadata and its condition) are removed', () => {
    // GIVEN
    const app = newApp({ analyticsReporting: true });
    const located = new Stack(app, 'Located', { env: ENV });
    const agnostic = new Stack(app, 'Agnostic');
    for (const stack of [located, agnostic]) {
      new HttpGateway(stack, 'Api').addRoute('GET /health', HttpIntegration.http('https://example.com/health'));
    }

    // WHEN
    const raw = [rawTemplate(located), rawTemplate(agnostic)];
    const snapshots = [SnapshotTemplate.fromStack(located), SnapshotTemplate.fromStack(agnostic)];

    // THEN
    expect(raw.map(t => resourcesOfType(t, 'AWS::CDK::Metadata'))).toEqual([['CDKMetadata'], ['CDKMetadata']]);
    expect(Object.keys(raw[1].Conditions)).toEqual(['CDKMetadataAvailable']);
    expect(snapshots.map(t => resourcesOfType(t, 'AWS::CDK::Metadata'))).toEqual([[], []]);
    expect(snapshots[1].Conditions).toBeUndefined();
    expect(resourcesOfType(snapshots[0], 'AWS::ApiGatewayV2::Api')).toHaveLength(1);
  });

  test('the output is deterministic and the input template is left unchanged', () => {
    // GIVEN
    const code = () => lambda.Code.fromAsset(path.join(__dirname, '..', 'examples', 'handlers'));
    const template = rawTemplate(scenario({ code: code() }).stack);
    const copy = JSON.stringify(template);

    // WHEN
    const once = JSON.stringify(SnapshotTemplate.fromTemplate(template));
    const again = JSON.stringify(SnapshotTemplate.fromTemplate(template));
    const fromAnotherApp = JSON.stringify(SnapshotTemplate.fromStack(scenario({ code: code() }).stack));

    // THEN
    expect(JSON.stringify(template)).toBe(copy);
    expect(copy).toMatch(ASSET_HASH);
    expect(again).toBe(once);
    expect(fromAnotherApp).toBe(once);
  });

  test('stacks in a nested Stage and nested stacks are synthesized and masked', () => {
    // GIVEN
    const app = newApp();
    const stage = new Stage(app, 'Prod', { env: ENV });
    const stack = new Stack(stage, 'Api');
    const nested = new NestedStack(stack, 'Inner');
    for (const scope of [stack, nested]) {
      const handler = new lambda.Function(scope, 'Handler', {
        runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler',
        code: lambda.Code.fromAsset(handlerDir('exports.handler = async () => ({});')),
      });
      new lambda.Alias(scope, 'Live', { aliasName: 'live', version: handler.currentVersion });
    }

    // WHEN
    const outer = SnapshotTemplate.fromStack(stack);
    const inner = SnapshotTemplate.fromStack(nested);

    // THEN
    expect(resourcesOfType(outer, 'AWS::CloudFormation::Stack')).toHaveLength(1);
    expect(JSON.stringify(outer)).toContain('<asset-');
    expect(resourcesOfType(inner, 'AWS::Lambda::Version')).toEqual([expect.stringMatching(VERSION_KEY)]);
    expect(JSON.stringify([outer, inner])).not.toMatch(ASSET_HASH);
  });
});

describe('SnapshotTemplate libraryResourcesOnly', () => {
  test('keeps the gateway\'s resources and outputs and drops the user\'s function, alias and aws-cdk-lib\'s reader', () => {
    // GIVEN
    const { stack } = scenario({ code: lambda.Code.fromInline('exports.handler = async () => ({});') });
    new CfnOutput(stack, 'UserOutput', { value: 'mine' });

    // WHEN
    const all = SnapshotTemplate.fromStack(stack);
    const library = SnapshotTemplate.fromStack(stack, { libraryResourcesOnly: true });

    // THEN
    const types = (t: Template) => new Set(Object.values(t.Resources).map(r => r.Type));
    for (const type of ['AWS::Lambda::Function', 'AWS::Lambda::Version', 'AWS::Lambda::Alias', 'Custom::CrossRegionExportReader']) {
      expect(types(all)).toContain(type);
      expect(types(library)).not.toContain(type);
    }
    for (const type of ['AWS::ApiGateway::RestApi', 'AWS::ApiGateway::Stage', 'AWS::ApiGateway::Method', 'AWS::ApiGateway::DomainName', 'AWS::Lambda::Permission']) {
      expect(types(library)).toContain(type);
    }
    // Kept resources are the same JSON as in the full snapshot.
    for (const [id, resource] of Object.entries(library.Resources)) {
      expect(resource).toEqual(all.Resources[id]);
    }
    expect(Object.keys(all.Outputs)).toContain('UserOutput');
    expect(Object.keys(library.Outputs)).not.toContain('UserOutput');
    expect(Object.keys(library.Outputs).length).toBeGreaterThan(0);
  });

  test('keeps the permission aws-cdk-lib adds to the user\'s authorizer function for the gateway', () => {
    // GIVEN
    const app = newApp();
    const stack = new Stack(app, 'Stack', { env: ENV });
    const code = lambda.Code.fromInline('exports.handler = async () => ({});');
    const backend = new lambda.Function(stack, 'Backend', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code });
    const authorizer = new lambda.Function(stack, 'Authorizer', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code });
    backend.addPermission('UserOwn', { principal: new iam.ServicePrincipal('s3.amazonaws.com') });
    const gateway = new RestGateway(stack, 'Orders', { stages: [{ stageName: 'prod' }] });
    gateway.addRoute('GET /orders', RestIntegration.lambdaFunction(backend), { authorization: RestAuthorization.lambdaToken(authorizer) });

    // WHEN
    const all = SnapshotTemplate.fromStack(stack);
    const library = SnapshotTemplate.fromStack(stack, { libraryResourcesOnly: true });

    // THEN
    const permissions = (t: Template) => resourcesOfType(t, 'AWS::Lambda::Permission');
    const onAuthorizer = permissions(all).filter(id => id.startsWith('Authorizer'));
    expect(onAuthorizer).toHaveLength(1);
    expect(permissions(library)).toContain(onAuthorizer[0]);
    expect(permissions(all).filter(id => id.startsWith('BackendUserOwn'))).toHaveLength(1);
    expect(permissions(library).filter(id => id.startsWith('BackendUserOwn'))).toEqual([]);
    expect(resourcesOfType(library, 'AWS::Lambda::Function')).toEqual([]);
  });

  test('keeps the REST VPC link made at the stack level, and the edge certificate of the us-east-1 companion stack', () => {
    // GIVEN
    const { stack, companion } = scenario({ code: lambda.Code.fromInline('exports.handler = async () => ({});') });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const nlb = new elbv2.NetworkLoadBalancer(stack, 'Nlb', { vpc });
    const gateway = stack.node.findChild('Orders') as RestGateway;
    gateway.addRoute('GET /private', RestIntegration.nlb(nlb, { url: 'https://internal.example.com/private' }));

    // WHEN
    const library = SnapshotTemplate.fromStack(stack, { libraryResourcesOnly: true });
    const companionLibrary = SnapshotTemplate.fromStack(companion, { libraryResourcesOnly: true });

    // THEN
    expect(resourcesOfType(library, 'AWS::ApiGateway::VpcLink')).toHaveLength(1);
    expect(resourcesOfType(library, 'AWS::ElasticLoadBalancingV2::LoadBalancer')).toEqual([]);
    expect(resourcesOfType(library, 'AWS::EC2::VPC')).toEqual([]);
    expect(resourcesOfType(companionLibrary, 'AWS::CertificateManager::Certificate')).toHaveLength(1);
    expect(resourcesOfType(companionLibrary, 'Custom::CrossRegionExportWriter')).toEqual([]);
  });
});

describe('SnapshotTemplate input checks', () => {
  test('fromTemplate rejects libraryResourcesOnly: a template has no construct tree', () => {
    // GIVEN
    const template = { Resources: {} };

    // WHEN
    const run = () => SnapshotTemplate.fromTemplate(template, { libraryResourcesOnly: true });

    // THEN
    expect(run).toThrow(GatewayValidationError);
    expect(run).toThrow(/SnapshotTemplate.fromTemplate: options.libraryResourcesOnly = true is invalid: .*use SnapshotTemplate.fromStack/);
    expect(SnapshotTemplate.fromTemplate(template, { libraryResourcesOnly: false })).toEqual({ Resources: {} });
  });

  test.each([
    ['fromStack with no stack', () => SnapshotTemplate.fromStack(undefined as unknown as Stack), /fromStack: stack = .* expected a Stack/],
    ['fromStack with a string option', () => SnapshotTemplate.fromStack(new Stack(newApp(), 'S'), { libraryResourcesOnly: 'yes' as unknown as boolean }),
      /fromStack: options.libraryResourcesOnly = "yes" is invalid: expected a boolean/],
    ['fromTemplate with an array', () => SnapshotTemplate.fromTemplate([]), /fromTemplate: template = "an array" is invalid: expected a CloudFormation template object/],
    ['fromStack with a stack in no App or Stage', () => SnapshotTemplate.fromStack(new Stack(new Construct(undefined as unknown as Construct, ''), 'Orphan')),
      /fromStack: stack = "Orphan" is invalid: the stack is in no App or Stage/],
  ])('%s is rejected by name', (_case, run, message) => {
    // GIVEN / WHEN / THEN
    expect(run).toThrow(message);
  });
});
