import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { WebSocketAuthorization, WebSocketGateway, WebSocketIntegration } from '../../lib';

function gateway() {
  const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'),
  });
  const api = new WebSocketGateway(stack, 'Chat', {
    stages: [{ stageName: 'dev' }, { stageName: 'prod' }],
    apiKeySelectionExpression: apigwv2.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY,
  });
  api.addRoute('$connect', WebSocketIntegration.lambdaFunction(fn), { authorization: WebSocketAuthorization.none(), apiKeyRequired: true });
  return { stack, api };
}

describe('WebSocketGateway usage plans and API keys', () => {
  test('a plan covers the stages with throttle and quota, and keys are associated by name', () => {
    const { stack, api } = gateway();
    api.addApiKey('acme');
    api.addUsagePlan('partner', {
      throttle: { rateLimit: 20, burstLimit: 40 },
      quota: { limit: 5000, period: apigateway.Period.WEEK, offset: 10 },
      stages: [{ stageName: 'prod' }],
      apiKeys: ['acme'],
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      UsagePlanName: 'Chat-partner',
      Throttle: { RateLimit: 20, BurstLimit: 40 },
      Quota: { Limit: 5000, Offset: 10, Period: 'WEEK' },
      ApiStages: [{ ApiId: { Ref: Match.stringLikeRegexp('^ChatApi') }, Stage: 'prod' }],
    });
    t.hasResourceProperties('AWS::ApiGatewayV2::Api', { ApiKeySelectionExpression: '$request.header.x-api-key' });
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$connect', ApiKeyRequired: true });
    t.resourceCountIs('AWS::ApiGateway::UsagePlanKey', 1);
    t.hasResourceProperties('AWS::ApiGateway::ApiKey', { Value: Match.absent() });
  });

  test('per-route throttles are rejected: they exist for REST methods only', () => {
    const { api } = gateway();
    expect(() => api.addUsagePlan('p', { stages: [{ stageName: 'prod', routeThrottles: { $connect: { rateLimit: 1 } } }] }))
      .toThrow(/Stack\/Chat: usagePlans 'p'.stages\[0\].routeThrottles = .* is invalid: per-route throttles in a usage plan exist for REST methods only/);
  });

  test('quota and throttle rules are shared with RestGateway', () => {
    const { api } = gateway();
    expect(() => api.addUsagePlan('p', { quota: { limit: 0, period: apigateway.Period.DAY } })).toThrow(/quota.limit = 0 is invalid/);
    expect(() => api.addUsagePlan('q', { throttle: { rateLimit: -1 } })).toThrow(/throttle.rateLimit = -1 is invalid/);
  });

  test('an unknown stage is an error', () => {
    const { api } = gateway();
    expect(() => api.addUsagePlan('p', { stages: [{ stageName: 'qa' }] })).toThrow(/stageName = "qa" is invalid: no such stage; the stages are dev, prod/);
  });

  test('usagePlan() returns the plan and rejects unknown names', () => {
    const { api } = gateway();
    const plan = api.addUsagePlan('free');
    expect(api.usagePlan('free')).toBe(plan);
    expect(() => api.usagePlan('gold')).toThrow(/usagePlan name = "gold" is invalid: no usage plan of this name was added/);
  });
});
