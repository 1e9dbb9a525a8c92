import { App, NestedStack, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { GatewayAccountLogging, GatewayAccountLoggingProps, GatewayDomain, RestGateway, RestGatewayProps, RestIntegration } from '../../lib';
import { orderingViolations } from '../support/ordering';

const env = { account: '123456789012', region: 'eu-west-1' };
const certificateArn = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc';

function gatewayWithRoute(scope: Construct, props: RestGatewayProps = {}): RestGateway {
  const gateway = new RestGateway(scope, 'Orders', props);
  gateway.addRoute('GET /health', RestIntegration.mock());
  return gateway;
}

function logicalIdsOf(template: Template, type: string): string[] {
  return Object.keys(template.findResources(type));
}

function stageLogicalId(template: Template, stageName: string): string {
  const ids = Object.keys(template.findResources('AWS::ApiGateway::Stage', { Properties: { StageName: stageName } }));
  expect(ids).toHaveLength(1);
  return ids[0];
}

describe('stages with execution logs come after the account\'s CloudWatch role setting', () => {
  test('in the same stack: every logging stage DependsOn the AWS::ApiGateway::Account, made after the gateway', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack', { env });
    gatewayWithRoute(stack, { stages: [{ stageName: 'dev' }, { stageName: 'prod', executionLogLevel: apigateway.MethodLoggingLevel.INFO }] });

    // WHEN
    new GatewayAccountLogging(stack, 'AccountLogging');

    // THEN
    const template = Template.fromStack(stack);
    const [account] = logicalIdsOf(template, 'AWS::ApiGateway::Account');
    for (const stageName of ['dev', 'prod']) {
      template.hasResource('AWS::ApiGateway::Stage', { Properties: { StageName: stageName }, DependsOn: Match.arrayWith([account]) });
    }
  });

  test('a stage without execution logs has no dependency; one with only a data trace has one', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack', { env });
    new GatewayAccountLogging(stack, 'AccountLogging');

    // WHEN
    gatewayWithRoute(stack, {
      stages: [
        { stageName: 'quiet', executionLogLevel: apigateway.MethodLoggingLevel.OFF },
        { stageName: 'traced', executionLogLevel: apigateway.MethodLoggingLevel.OFF, dataTrace: true },
      ],
    });

    // THEN
    const template = Template.fromStack(stack);
    const [account] = logicalIdsOf(template, 'AWS::ApiGateway::Account');
    template.hasResource('AWS::ApiGateway::Stage', { Properties: { StageName: 'quiet' }, DependsOn: Match.absent() });
    template.hasResource('AWS::ApiGateway::Stage', { Properties: { StageName: 'traced' }, DependsOn: Match.arrayWith([account]) });
  });

  test('across stacks: the API stack depends on the account\'s stack', () => {
    // GIVEN
    const app = new App();
    const apiStack = new Stack(app, 'Api', { env });
    gatewayWithRoute(apiStack);

    // WHEN
    new GatewayAccountLogging(new Stack(app, 'Logging', { env }), 'AccountLogging');

    // THEN
    const assembly = app.synth();
    expect(assembly.getStackArtifact('Api').dependencies.map(d => d.id)).toContain('Logging');
    expect(orderingViolations(assembly)).toEqual([]);
  });

  test('an account setting of another region is not a dependency', () => {
    // GIVEN
    const app = new App();
    const apiStack = new Stack(app, 'Api', { env });
    gatewayWithRoute(apiStack);

    // WHEN
    new GatewayAccountLogging(new Stack(app, 'Logging', { env: { ...env, region: 'us-east-1' } }), 'AccountLogging');

    // THEN
    const assembly = app.synth();
    expect(assembly.getStackArtifact('Api').dependencies.map(d => d.id)).not.toContain('Logging');
    expect(orderingViolations(assembly)).toEqual([]);
  });

  test('a gateway in a nested stack of another stack: its top-level stack depends on the top-level stack holding the account', () => {
    // GIVEN
    const app = new App();
    const loggingStack = new Stack(app, 'Logging', { env });
    new GatewayAccountLogging(new NestedStack(loggingStack, 'LoggingNested'), 'AccountLogging');
    const apiStack = new Stack(app, 'Api', { env });

    // WHEN
    gatewayWithRoute(new NestedStack(apiStack, 'ApiNested'));

    // THEN
    const assembly = app.synth();
    expect(assembly.getStackArtifact('Api').dependencies.map(d => d.id)).toContain('Logging');
    expect(orderingViolations(assembly)).toEqual([]);
  });

  test('a gateway in a nested stack of the account\'s stack: the nested stack resource DependsOn the account', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Stack', { env });
    new GatewayAccountLogging(stack, 'AccountLogging');

    // WHEN
    gatewayWithRoute(new NestedStack(stack, 'ApiNested'));

    // THEN
    const template = Template.fromStack(stack);
    const [account] = logicalIdsOf(template, 'AWS::ApiGateway::Account');
    template.hasResource('AWS::CloudFormation::Stack', { DependsOn: Match.arrayWith([account]) });
    expect(orderingViolations(app.synth())).toEqual([]);
  });

  test.each([
    ['an explicit stack dependency', (logging: Stack, api: Stack): GatewayAccountLoggingProps => {
      logging.node.addDependency(api);
      return {};
    }],
    ['a role created in the API stack', (_logging: Stack, api: Stack): GatewayAccountLoggingProps => ({
      role: new iam.Role(api, 'LogsRole', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') }),
    })],
  ])('no cycle when the account\'s stack already depends on the API stack (%s): a warning instead', (_, link) => {
    // GIVEN
    const app = new App();
    const apiStack = new Stack(app, 'Api', { env });
    const loggingStack = new Stack(app, 'Logging', { env });
    gatewayWithRoute(apiStack);

    // WHEN
    new GatewayAccountLogging(loggingStack, 'AccountLogging', link(loggingStack, apiStack));

    // THEN
    const assembly = app.synth();
    expect(assembly.getStackArtifact('Api').dependencies.map(d => d.id)).not.toContain('Logging');
    expect(assembly.getStackArtifact('Logging').dependencies.map(d => d.id)).toContain('Api');
    Annotations.fromStack(apiStack).hasWarning('/Api/Orders', Match.stringLikeRegexp(
      'stage \'prod\' writes execution logs .* stack Logging already depends on stack Api.*executionLoggingOrder'));
  });
});

describe('other resources that name a stage', () => {
  test('usage plans, custom domains (single- and multi-level base path) and shared domain mappings pass the ordering check', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Stack', { env });
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', certificateArn);
    const shared = new GatewayDomain(stack, 'Shared', { domainName: 'api.example.com', certificate });

    // WHEN
    const single = new RestGateway(stack, 'Single', {
      stages: [{ stageName: 'dev' }, { stageName: 'prod' }],
      domain: { domainName: 'single.example.com', certificate, basePath: 'orders', stageName: 'prod' },
    });
    single.addRoute('GET /orders', RestIntegration.mock());
    single.addUsagePlan('basic', { stages: [{ stageName: 'prod' }] });
    single.mapDomain(shared, { basePath: 'v1', stageName: 'dev' });
    const multi = new RestGateway(stack, 'Multi', { domain: { domainName: 'multi.example.com', certificate, basePath: 'orders/v1' } });
    multi.addRoute('GET /orders', RestIntegration.mock());

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::BasePathMapping', 1);
    template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 2);
    template.hasResource('AWS::ApiGatewayV2::ApiMapping', {
      Properties: { Stage: 'dev', ApiMappingKey: 'v1' },
      DependsOn: Match.arrayWith([stageLogicalId(template, 'dev')]),
    });
    expect(orderingViolations(app.synth())).toEqual([]);
  });
});
