import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildExampleApp } from '../../examples/stacks';
import {
  CfnTemplate, OrderingStack, assemblyDirectoryOrderingViolations, orderingViolations, references, templateOrderingViolations, writesExecutionLogs,
} from './ordering';

/* eslint-disable @typescript-eslint/no-explicit-any -- hand-made templates */

const API = { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'api' } };
const REST_API = { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'api' } };
const ACCOUNT = { Type: 'AWS::ApiGateway::Account', Properties: { CloudWatchRoleArn: 'arn:aws:iam::123456789012:role/logs' } };

function v2Stage(extra: any = {}, dependsOn?: string[]): any {
  return { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: 'prod', ...extra }, DependsOn: dependsOn };
}

function route(routeKey: string, dependsOn?: string[]): any {
  return { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Api' }, RouteKey: routeKey }, DependsOn: dependsOn };
}

function restStage(loggingLevel: string, dependsOn?: string[]): any {
  return {
    Type: 'AWS::ApiGateway::Stage',
    Properties: { RestApiId: { Ref: 'RestApi' }, StageName: 'prod', MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', LoggingLevel: loggingLevel }] },
    DependsOn: dependsOn,
  };
}

function oneStack(resources: { [id: string]: any }): OrderingStack[] {
  return [{ name: 'Stack', template: { Resources: resources } }];
}

describe('rule 1: a stage comes after the routes its RouteSettings name', () => {
  test('fails when the route is not a dependency of the stage', () => {
    // GIVEN
    const stacks = oneStack({ Api: API, Route: route('POST /orders'), Stage: v2Stage({ RouteSettings: { 'POST /orders': { ThrottlingRateLimit: 5 } } }) });

    // WHEN
    const violations = templateOrderingViolations(stacks);

    // THEN
    expect(violations).toEqual([expect.stringMatching(/^Stack\/Stage \(AWS::ApiGatewayV2::Stage\): rule 1 \(routeSettings\): .*'POST \/orders'.* route Route does not precede/)]);
  });

  test('fails when no route of that key exists on the API', () => {
    // GIVEN
    const stacks = oneStack({ Api: API, Route: route('GET /orders'), Stage: v2Stage({ RouteSettings: { 'POST /orders': {} } }, ['Route']) });

    // WHEN
    const violations = templateOrderingViolations(stacks);

    // THEN
    expect(violations).toEqual([expect.stringMatching(/rule 1 .*no AWS::ApiGatewayV2::Route with that RouteKey/)]);
  });

  test('passes with a DependsOn on the route, directly or through another resource', () => {
    // GIVEN
    const direct = oneStack({ Api: API, Route: route('POST /orders'), Stage: v2Stage({ RouteSettings: { 'POST /orders': {} } }, ['Route']) });
    const transitive = oneStack({
      Api: API,
      Route: route('POST /orders'),
      Other: { Type: 'AWS::ApiGatewayV2::Deployment', Properties: { ApiId: { Ref: 'Api' } }, DependsOn: ['Route'] },
      Stage: v2Stage({ RouteSettings: { 'POST /orders': {} }, DeploymentId: { Ref: 'Other' } }),
    });

    // THEN
    expect(templateOrderingViolations(direct)).toEqual([]);
    expect(templateOrderingViolations(transitive)).toEqual([]);
  });
});

describe('rule 2: a stage that writes execution logs comes after the account setting', () => {
  test('fails in the same stack without a resource dependency', () => {
    // GIVEN
    const stacks = oneStack({ RestApi: REST_API, Account: ACCOUNT, Stage: restStage('ERROR') });

    // WHEN
    const violations = templateOrderingViolations(stacks);

    // THEN
    expect(violations).toEqual([expect.stringMatching(/^Stack\/Stage .*rule 2 \(accountLogging\): .*Stack\/Account .*resource dependency/)]);
  });

  test('fails across stacks without a stack dependency', () => {
    // GIVEN
    const stacks: OrderingStack[] = [
      { name: 'Logging', template: { Resources: { Account: ACCOUNT } } },
      { name: 'Api', template: { Resources: { Api: API, Stage: v2Stage({ DefaultRouteSettings: { LoggingLevel: 'INFO' } }) } } },
    ];

    // WHEN
    const violations = templateOrderingViolations(stacks);

    // THEN
    expect(violations).toEqual([expect.stringMatching(/^Api\/Stage .*rule 2 .*dependency of stack Api on stack Logging/)]);
  });

  test.each([
    ['a data trace with logging OFF', { DefaultRouteSettings: { LoggingLevel: 'OFF', DataTraceEnabled: true } }],
    ['a route setting that logs', { DefaultRouteSettings: { LoggingLevel: 'OFF' }, RouteSettings: { $connect: { LoggingLevel: 'ERROR' } } }],
  ])('counts %s as execution logging', (_, settings) => {
    // GIVEN
    const stacks = oneStack({ Api: API, Route: route('$connect'), Account: ACCOUNT, Stage: v2Stage(settings, ['Route']) });

    // THEN
    expect(templateOrderingViolations(stacks)).toEqual([expect.stringMatching(/rule 2/)]);
  });

  test('passes with a DependsOn in the same stack, or a transitive stack dependency', () => {
    // GIVEN
    const sameStack = oneStack({ RestApi: REST_API, Account: ACCOUNT, Stage: restStage('INFO', ['Account']) });
    const acrossStacks: OrderingStack[] = [
      { name: 'Logging', template: { Resources: { Account: ACCOUNT } } },
      { name: 'Middle', template: { Resources: {} }, dependencies: ['Logging'] },
      { name: 'Api', template: { Resources: { RestApi: REST_API, Stage: restStage('ERROR') } }, dependencies: ['Middle'] },
    ];

    // THEN
    expect(templateOrderingViolations(sameStack)).toEqual([]);
    expect(templateOrderingViolations(acrossStacks)).toEqual([]);
  });

  test('ignores stages without execution logs, apps without an account setting and other environments', () => {
    // GIVEN
    const httpStage = oneStack({ Api: API, Account: ACCOUNT, Stage: v2Stage({ DefaultRouteSettings: { ThrottlingRateLimit: 5 } }) });
    const off = oneStack({ RestApi: REST_API, Account: ACCOUNT, Stage: restStage('OFF') });
    const noAccount = oneStack({ RestApi: REST_API, Stage: restStage('ERROR') });
    const otherRegion: OrderingStack[] = [
      { name: 'Logging', template: { Resources: { Account: ACCOUNT } }, environment: 'aws://123456789012/us-east-1' },
      { name: 'Api', template: { Resources: { RestApi: REST_API, Stage: restStage('ERROR') } }, environment: 'aws://123456789012/eu-west-1' },
    ];

    // THEN
    expect(templateOrderingViolations(httpStage)).toEqual([]);
    expect(templateOrderingViolations(off)).toEqual([]);
    expect(templateOrderingViolations(noAccount)).toEqual([]);
    expect(templateOrderingViolations(otherRegion)).toEqual([]);
  });

  test('a stage in a nested stack is ordered by its stack resource', () => {
    // GIVEN
    const nestedTemplate: CfnTemplate = { Resources: { RestApi: REST_API, Stage: restStage('ERROR') } };
    const stacks = (dependsOn?: string[]): OrderingStack[] => [{
      name: 'Parent',
      template: { Resources: { Account: ACCOUNT, Nested: { Type: 'AWS::CloudFormation::Stack', Properties: {}, DependsOn: dependsOn } } },
      nested: { Nested: { template: nestedTemplate } },
    }];

    // THEN
    expect(templateOrderingViolations(stacks())).toEqual([expect.stringMatching(/^Parent\/Nested\/Stage .*rule 2/)]);
    expect(templateOrderingViolations(stacks(['Account']))).toEqual([]);
  });
});

describe('rule 3: a usage plan comes after the stages it names', () => {
  const plan = (dependsOn?: string[], stage: any = 'prod') => ({
    Type: 'AWS::ApiGateway::UsagePlan',
    Properties: { ApiStages: [{ ApiId: { Ref: 'Api' }, Stage: stage }] },
    DependsOn: dependsOn,
  });

  test('fails when a stage named by a literal string is not a dependency', () => {
    // GIVEN
    const stacks = oneStack({ Api: API, Stage: v2Stage(), Plan: plan() });

    // WHEN
    const violations = templateOrderingViolations(stacks);

    // THEN
    expect(violations).toEqual([expect.stringMatching(/^Stack\/Plan \(AWS::ApiGateway::UsagePlan\): rule 3 \(usagePlanStages\): ApiStages\[0\] names stage "prod", but Stage does not precede/)]);
  });

  test('fails when the API is in the stack but the named stage is not', () => {
    // GIVEN
    const stacks = oneStack({ Api: API, Stage: v2Stage(), Plan: plan(['Stage'], 'beta') });

    // THEN
    expect(templateOrderingViolations(stacks)).toEqual([expect.stringMatching(/rule 3 .*"beta" .*creates no such stage/)]);
  });

  test('passes with a DependsOn or a Ref to the stage', () => {
    // GIVEN
    const dependsOn = oneStack({ Api: API, Stage: v2Stage(), Plan: plan(['Stage']) });
    const ref = oneStack({ Api: API, Stage: v2Stage(), Plan: plan(undefined, { Ref: 'Stage' }) });

    // THEN
    expect(templateOrderingViolations(dependsOn)).toEqual([]);
    expect(templateOrderingViolations(ref)).toEqual([]);
  });
});

describe('rule 4: a mapping comes after its stage', () => {
  test.each([
    ['AWS::ApiGatewayV2::ApiMapping', { ApiId: { Ref: 'Api' }, DomainName: 'api.example.com', Stage: 'prod' }, v2Stage()],
    ['AWS::ApiGateway::BasePathMappingV2', { RestApiId: { Ref: 'Api' }, DomainNameArn: 'arn', Stage: 'prod' },
      { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: { Ref: 'Api' }, StageName: 'prod' } }],
    ['AWS::ApiGateway::BasePathMapping', { RestApiId: { Ref: 'Api' }, DomainName: 'api.example.com', Stage: 'prod' },
      { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: { Ref: 'Api' }, StageName: 'prod' } }],
  ])('%s fails without a dependency on its stage and passes with one', (type, props, stage) => {
    // GIVEN
    const mapping = (dependsOn?: string[]) => ({ Type: type, Properties: props, DependsOn: dependsOn });

    // WHEN
    const broken = templateOrderingViolations(oneStack({ Api: API, Stage: stage, Mapping: mapping() }));
    const fixed = templateOrderingViolations(oneStack({ Api: API, Stage: stage, Mapping: mapping(['Stage']) }));

    // THEN
    expect(broken).toEqual([`Stack/Mapping (${type}): rule 4 (mappingStage): Stage names stage "prod", but Stage does not precede it (add DependsOn or reference the stage)`]);
    expect(fixed).toEqual([]);
  });

  test('a mapping of an imported API is not checked', () => {
    // GIVEN
    const stacks = oneStack({ Mapping: { Type: 'AWS::ApiGatewayV2::ApiMapping', Properties: { ApiId: 'abc123', DomainName: 'd', Stage: 'prod' } } });

    // THEN
    expect(templateOrderingViolations(stacks)).toEqual([]);
  });
});

describe('helpers', () => {
  test('references follow Ref, both Fn::GetAtt forms and Fn::Sub, but not Sub variables or pseudo parameters', () => {
    // GIVEN
    const ids = new Set(['A', 'B', 'C', 'D', 'E']);
    const value = {
      x: { Ref: 'A' },
      y: [{ 'Fn::GetAtt': ['B', 'Arn'] }, { 'Fn::GetAtt': 'C.Arn' }],
      z: { 'Fn::Sub': ['${D.Arn}/${E}/${AWS::Region}/${!A}', { E: 'literal' }] },
    };

    // WHEN
    const found = references(value, ids);

    // THEN
    expect(found.sort()).toEqual(['A', 'B', 'C', 'D']);
  });

  test('writesExecutionLogs reads REST method settings and v2 route settings', () => {
    // THEN
    expect(writesExecutionLogs(restStage('INFO'))).toBe(true);
    expect(writesExecutionLogs(restStage('OFF'))).toBe(false);
    expect(writesExecutionLogs(v2Stage({ DefaultRouteSettings: { LoggingLevel: 'ERROR' } }))).toBe(true);
    expect(writesExecutionLogs(v2Stage({ DefaultRouteSettings: { ThrottlingRateLimit: 5 } }))).toBe(false);
  });
});

/** Resource types in every stack of an assembly. */
function resourceTypes(assembly: CloudAssembly): string[] {
  return assembly.stacks.flatMap(s => Object.values<any>(s.template.Resources ?? {}).map(r => r.Type));
}

describe('synthesized apps', () => {
  test('every stack of the example app', () => {
    // GIVEN
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-api-gateways-ordering-')) });
    buildExampleApp(app);

    // WHEN
    const assembly = app.synth();

    // THEN
    // The example exercises every rule: route settings, an account setting, usage plans and mappings.
    expect(resourceTypes(assembly)).toEqual(expect.arrayContaining([
      'AWS::ApiGateway::Account', 'AWS::ApiGateway::UsagePlan', 'AWS::ApiGatewayV2::ApiMapping',
      'AWS::ApiGateway::BasePathMapping', 'AWS::ApiGateway::BasePathMappingV2', 'AWS::ApiGatewayV2::Route',
    ]));
    expect(orderingViolations(assembly)).toEqual([]);
  });

  const integDir = path.join(__dirname, '..', '..', 'integ');
  const snapshots = fs.readdirSync(integDir).filter(name => name.endsWith('.snapshot')).sort();

  test('the integ snapshots are found', () => {
    // THEN
    expect(snapshots.length).toBeGreaterThan(0);
  });

  // Reads the committed snapshots from disk, so that it checks them again once they are regenerated.
  test.each(snapshots)('%s', snapshot => {
    // WHEN
    const violations = assemblyDirectoryOrderingViolations(path.join(integDir, snapshot));

    // THEN
    expect(violations).toEqual([]);
  });
});
