import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { GatewayAccountLogging, WebSocketGateway, WebSocketGatewayProps, WebSocketIntegration } from '../../lib';
import { orderingViolations } from '../support/ordering';
import { fn } from './util';

const env = { account: '123456789012', region: 'eu-west-1' };

function gateway(stack: Stack, props: WebSocketGatewayProps = {}): WebSocketGateway {
  const api = new WebSocketGateway(stack, 'Chat', props);
  api.addRoute('$connect', WebSocketIntegration.lambdaFunction(fn(stack, 'Connect')));
  return api;
}

function logicalId(template: Template, type: string, props: object = {}): string {
  const ids = Object.keys(template.findResources(type, { Properties: props }));
  expect(ids).toHaveLength(1);
  return ids[0];
}

describe('stages come after the routes their RouteSettings name', () => {
  test('every stage DependsOn each route with a throttle, and only those', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Stack', { env });
    const api = gateway(stack, { stages: [{ stageName: 'dev', executionLogLevel: apigateway.MethodLoggingLevel.OFF }, { stageName: 'prod', executionLogLevel: apigateway.MethodLoggingLevel.OFF }] });

    // WHEN
    api.addRoute('sendMessage', WebSocketIntegration.lambdaFunction(fn(stack, 'Send')), { throttle: { rateLimit: 5, burstLimit: 10 } });

    // THEN
    const template = Template.fromStack(stack);
    const sendMessage = logicalId(template, 'AWS::ApiGatewayV2::Route', { RouteKey: 'sendMessage' });
    for (const stageName of ['dev', 'prod']) {
      template.hasResource('AWS::ApiGatewayV2::Stage', {
        Properties: { StageName: stageName, RouteSettings: { sendMessage: Match.anyValue() } },
        DependsOn: [sendMessage],
      });
    }
    expect(orderingViolations(app.synth())).toEqual([]);
  });
});

describe('stages with execution logs come after the account\'s CloudWatch role setting', () => {
  test('in the same stack: a logging stage DependsOn the account (and its routes), a stage with logs OFF does not', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Stack', { env });
    const api = gateway(stack, { stages: [{ stageName: 'dev', executionLogLevel: apigateway.MethodLoggingLevel.OFF }, { stageName: 'prod' }] });
    api.addRoute('sendMessage', WebSocketIntegration.lambdaFunction(fn(stack, 'Send')), { throttle: { rateLimit: 5 } });

    // WHEN
    new GatewayAccountLogging(stack, 'AccountLogging');

    // THEN
    const template = Template.fromStack(stack);
    const account = logicalId(template, 'AWS::ApiGateway::Account');
    const sendMessage = logicalId(template, 'AWS::ApiGatewayV2::Route', { RouteKey: 'sendMessage' });
    template.hasResource('AWS::ApiGatewayV2::Stage', { Properties: { StageName: 'prod' }, DependsOn: Match.arrayWith([account, sendMessage]) });
    template.hasResource('AWS::ApiGatewayV2::Stage', { Properties: { StageName: 'dev' }, DependsOn: [sendMessage] });
    expect(orderingViolations(app.synth())).toEqual([]);
  });

  test('across stacks: the API stack depends on the account\'s stack', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Api', { env });
    gateway(stack);

    // WHEN
    new GatewayAccountLogging(new Stack(app, 'Logging', { env }), 'AccountLogging');

    // THEN
    const assembly = app.synth();
    expect(assembly.getStackArtifact('Api').dependencies.map(d => d.id)).toContain('Logging');
    expect(orderingViolations(assembly)).toEqual([]);
  });
});

describe('other resources that name a stage', () => {
  test('usage plans and the domain mapping come after their stages', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Stack', { env });
    const api = gateway(stack, {
      stages: [{ stageName: 'dev' }, { stageName: 'prod' }],
      domain: { domainName: 'ws.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:123456789012:certificate/ws'), stageName: 'dev' },
    });

    // WHEN
    api.addUsagePlan('basic', { stages: [{ stageName: 'prod' }] });

    // THEN
    const template = Template.fromStack(stack);
    const prod = logicalId(template, 'AWS::ApiGatewayV2::Stage', { StageName: 'prod' });
    template.hasResource('AWS::ApiGateway::UsagePlan', { Properties: { ApiStages: [{ ApiId: Match.anyValue(), Stage: 'prod' }] }, DependsOn: Match.arrayWith([prod]) });
    template.hasResource('AWS::ApiGatewayV2::ApiMapping', { Properties: { Stage: 'dev' }, DependsOn: Match.arrayWith([logicalId(template, 'AWS::ApiGatewayV2::Stage', { StageName: 'dev' })]) });
    expect(orderingViolations(app.synth())).toEqual([]);
  });
});
