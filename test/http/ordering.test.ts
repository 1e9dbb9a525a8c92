import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { GatewayAccountLogging, GatewayDomain, HttpGateway, HttpIntegration } from '../../lib';
import { orderingViolations } from '../support/ordering';

const env = { account: '123456789012', region: 'eu-west-1' };

function handler(stack: Stack): lambda.Function {
  return new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
}

function routeLogicalId(template: Template, routeKey: string): string {
  const ids = Object.keys(template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }));
  expect(ids).toHaveLength(1);
  return ids[0];
}

describe('stages come after the routes their RouteSettings name', () => {
  test('every stage DependsOn each route with a throttle, added after the stages', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Stack', { env });
    const fn = handler(stack);
    const gateway = new HttpGateway(stack, 'Api', { stages: [{ stageName: 'dev' }, { stageName: 'prod' }] });

    // WHEN
    gateway.addRoute('GET /orders', HttpIntegration.lambdaFunction(fn));
    gateway.addRoute('POST /orders', HttpIntegration.lambdaFunction(fn), { throttle: { rateLimit: 10, burstLimit: 20 } });
    gateway.addRoute('DELETE /orders/{id}', HttpIntegration.lambdaFunction(fn), { throttle: { rateLimit: 1, burstLimit: 2 } });

    // THEN
    const template = Template.fromStack(stack);
    const throttled = [routeLogicalId(template, 'POST /orders'), routeLogicalId(template, 'DELETE /orders/{id}')];
    for (const stageName of ['dev', 'prod']) {
      template.hasResource('AWS::ApiGatewayV2::Stage', {
        Properties: { StageName: stageName, RouteSettings: { 'POST /orders': Match.anyValue(), 'DELETE /orders/{id}': Match.anyValue() } },
        DependsOn: [...throttled].sort(),
      });
    }
    expect(orderingViolations(app.synth())).toEqual([]);
  });

  test('a stage without route settings has no DependsOn on routes', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack', { env });
    const gateway = new HttpGateway(stack, 'Api');

    // WHEN
    gateway.addRoute('GET /orders', HttpIntegration.lambdaFunction(handler(stack)));

    // THEN
    Template.fromStack(stack).hasResource('AWS::ApiGatewayV2::Stage', { Properties: { RouteSettings: Match.absent() }, DependsOn: Match.absent() });
  });
});

describe('other resources', () => {
  test('HTTP stages write no execution logs: no dependency on the account setting', () => {
    // GIVEN
    const app = new App();
    new GatewayAccountLogging(new Stack(app, 'Logging', { env }), 'AccountLogging');
    const stack = new Stack(app, 'Api', { env });

    // WHEN
    new HttpGateway(stack, 'Api').addRoute('GET /orders', HttpIntegration.lambdaFunction(handler(stack)));

    // THEN
    const assembly = app.synth();
    expect(assembly.getStackArtifact('Api').dependencies.map(d => d.id)).not.toContain('Logging');
    expect(orderingViolations(assembly)).toEqual([]);
  });

  test('a custom domain and a shared domain in another stack are mapped after their stage', () => {
    // GIVEN
    const app = new App();
    const domainStack = new Stack(app, 'Domains', { env });
    const shared = new GatewayDomain(domainStack, 'Shared', {
      domainName: 'api.example.com',
      certificate: acm.Certificate.fromCertificateArn(domainStack, 'Cert', 'arn:aws:acm:eu-west-1:123456789012:certificate/shared'),
    });
    const stack = new Stack(app, 'Api', { env });
    const gateway = new HttpGateway(stack, 'Api', {
      stages: [{ stageName: 'dev' }, { stageName: 'prod' }],
      domain: {
        domainName: 'http.example.com',
        certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:123456789012:certificate/own'),
        stageName: 'prod',
      },
    });
    gateway.addRoute('GET /orders', HttpIntegration.lambdaFunction(handler(stack)));

    // WHEN
    gateway.mapDomain(shared, { basePath: 'v1', stageName: 'dev' });

    // THEN
    const template = Template.fromStack(stack);
    const devStage = Object.keys(template.findResources('AWS::ApiGatewayV2::Stage', { Properties: { StageName: 'dev' } }))[0];
    template.hasResource('AWS::ApiGatewayV2::ApiMapping', { Properties: { Stage: 'dev' }, DependsOn: Match.arrayWith([devStage]) });
    expect(orderingViolations(app.synth())).toEqual([]);
  });
});
