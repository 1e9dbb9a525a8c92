import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { RestGateway, RestIntegration } from '../../lib';
import { validateQuota } from '../../lib/common/usage-plans';

const ENV = { account: '123456789012', region: 'eu-west-1' };

function gateway(stack: Stack, props = {}) {
  const api = new RestGateway(stack, 'Api', { stages: [{ stageName: 'dev' }, { stageName: 'prod' }], ...props });
  api.addRoute('GET /orders', RestIntegration.mock(), { apiKeyRequired: true });
  api.addRoute('POST /orders', RestIntegration.mock(), { apiKeyRequired: true });
  return api;
}

function keyedApp(keyNames: string[]) {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: ENV });
  const api = gateway(stack);
  api.addUsagePlan('partner', { throttle: { rateLimit: 50, burstLimit: 100 } });
  for (const k of keyNames) {
    api.addApiKey(k);
    api.addApiKeyToPlan('partner', k);
  }
  return Template.fromStack(stack);
}

function logicalIds(t: Template, type: string): string[] {
  return Object.keys(t.findResources(type)).sort();
}

describe('usage plans', () => {
  test('a plan covers every stage by default with its throttle and quota', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const api = gateway(stack);
    api.addUsagePlan('free', {
      throttle: { rateLimit: 5, burstLimit: 10 },
      quota: { limit: 1000, period: apigateway.Period.DAY },
      description: 'Free tier',
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      UsagePlanName: 'Api-free',
      Description: 'Free tier',
      Throttle: { RateLimit: 5, BurstLimit: 10 },
      Quota: { Limit: 1000, Period: 'DAY' },
      ApiStages: [
        Match.objectLike({ Stage: { Ref: Match.stringLikeRegexp('DeploymentStagedev') } }),
        Match.objectLike({ Stage: { Ref: Match.stringLikeRegexp('DeploymentStageprod') } }),
      ],
    });
  });

  test('per-stage route throttles map to the plan\'s method throttles', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const api = gateway(stack);
    api.addUsagePlan('partner', { stages: [{ stageName: 'prod', routeThrottles: { 'POST /orders': { rateLimit: 7, burstLimit: 3 } } }] });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      ApiStages: [Match.objectLike({
        Stage: { Ref: Match.stringLikeRegexp('DeploymentStageprod') },
        Throttle: { '/orders/POST': { RateLimit: 7, BurstLimit: 3 } },
      })],
    });
  });

  test('routes require keys where asked, and the key source is configurable', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    gateway(stack, { apiKeySource: apigateway.ApiKeySourceType.AUTHORIZER });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGateway::RestApi', { ApiKeySourceType: 'AUTHORIZER' });
    t.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', ApiKeyRequired: true });
  });

  test('gateway-wide apiKeyRequired applies to routes that do not override it', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const api = new RestGateway(stack, 'Api', { apiKeyRequired: true });
    api.addRoute('GET /a', RestIntegration.mock());
    api.addRoute('GET /b', RestIntegration.mock(), { apiKeyRequired: false });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGateway::Method', { ResourceId: { Ref: Match.stringLikeRegexp('RestApia') }, ApiKeyRequired: true });
    t.hasResourceProperties('AWS::ApiGateway::Method', { ResourceId: { Ref: Match.stringLikeRegexp('RestApib') }, ApiKeyRequired: false });
  });

  test.each([
    [{ limit: 0, period: apigateway.Period.DAY }, /quota.limit = 0 is invalid: a quota limit is a whole number/],
    [{ limit: 1.5, period: apigateway.Period.DAY }, /quota.limit = 1.5 is invalid/],
    [{ limit: 10, period: apigateway.Period.WEEK, offset: -1 }, /quota.offset = -1 is invalid: a quota offset is a whole number, 0 or more/],
    [{ limit: 10, period: apigateway.Period.WEEK, offset: 0.5 }, /quota.offset = 0.5 is invalid/],
  ])('quota %j is rejected', (quota, message) => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    expect(() => gateway(stack).addUsagePlan('p', { quota })).toThrow(message);
  });

  test('an offset on a DAY quota warns', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    gateway(stack).addUsagePlan('daily', { quota: { limit: 10, period: apigateway.Period.DAY, offset: 2 } });
    Annotations.fromStack(stack).hasWarning('/Stack/Api', Match.stringLikeRegexp('offset 2 on a DAY quota'));
  });

  test('validateQuota accepts a valid weekly quota with offset', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const api = gateway(stack);
    validateQuota(api, 'q', { limit: 10, period: apigateway.Period.WEEK, offset: 9 });
    api.addUsagePlan('weekly', { quota: { limit: 10, period: apigateway.Period.WEEK, offset: 9 } });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::UsagePlan', { Quota: { Limit: 10, Offset: 9, Period: 'WEEK' } });
  });

  test('throttle values are validated', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    expect(() => gateway(stack).addUsagePlan('p', { throttle: { burstLimit: 2.5 } }))
      .toThrow(/Stack\/Api: usagePlans 'p'.throttle.burstLimit = 2.5 is invalid: a throttle burst limit is a non-negative whole number/);
  });

  test('a route throttle for a route that does not exist is an error', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    expect(() => gateway(stack).addUsagePlan('p', { stages: [{ stageName: 'prod', routeThrottles: { 'GET /missing': { rateLimit: 1 } } }] }))
      .toThrow(/usagePlans 'p'.stages\[0\].routeThrottles = "GET \/missing" is invalid: a route throttle names a route added with addRoute/);
  });

  test('an unknown stage is an error', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    expect(() => gateway(stack).addUsagePlan('p', { stages: [{ stageName: 'staging' }] }))
      .toThrow(/stages\[0\].stageName = "staging" is invalid: no such stage; the stages are dev, prod/);
  });
});

describe('API keys', () => {
  test('a generated key has no value in the template and is associated with the plan', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const api = gateway(stack);
    api.addApiKey('acme', { description: 'ACME Corp' });
    api.addUsagePlan('partner', { apiKeys: ['acme'] });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGateway::ApiKey', { Description: 'ACME Corp', Enabled: true, Value: Match.absent() });
    t.hasResourceProperties('AWS::ApiGateway::UsagePlanKey', { KeyType: 'API_KEY', KeyId: { Ref: Match.stringLikeRegexp('ApiApiKeyacme') } });
    expect(JSON.stringify(t.toJSON().Outputs ?? {})).not.toMatch(/ApiKey/);
  });

  test('an imported key value is a Secrets Manager dynamic reference, never the value', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const secret = new secretsmanager.Secret(stack, 'KeySecret');
    gateway(stack).addApiKey('imported', { valueSecret: secret, valueSecretField: 'apiKey' });
    const value = Object.values(Template.fromStack(stack).findResources('AWS::ApiGateway::ApiKey'))[0].Properties.Value;
    expect(JSON.stringify(value)).toMatch(/\{\{resolve:secretsmanager:/);
    expect(JSON.stringify(value)).toMatch(/SecretString:apiKey::/);
  });

  test('valueSecretField without valueSecret is an error', () => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    expect(() => gateway(stack).addApiKey('k', { valueSecretField: 'x' })).toThrow(/valueSecretField needs valueSecret/);
  });

  test('adding or removing a key keeps every other key and association logical ID', () => {
    const before = keyedApp(['alpha', 'bravo', 'charlie']);
    const after = keyedApp(['alpha', 'charlie', 'delta']);
    const kept = (ids: string[]) => ids.filter(id => !/bravo|delta/i.test(id));
    expect(kept(logicalIds(after, 'AWS::ApiGateway::ApiKey'))).toEqual(kept(logicalIds(before, 'AWS::ApiGateway::ApiKey')));
    expect(kept(logicalIds(after, 'AWS::ApiGateway::UsagePlanKey'))).toEqual(kept(logicalIds(before, 'AWS::ApiGateway::UsagePlanKey')));
    expect(kept(logicalIds(before, 'AWS::ApiGateway::UsagePlanKey'))).toHaveLength(2);
  });

  test('a key in more than 10 plans warns: the quota can be raised', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const api = gateway(stack);
    api.addApiKey('busy');
    for (let i = 0; i < 10; i++) api.addUsagePlan(`p${i}`, { apiKeys: ['busy'] });

    // WHEN
    api.addUsagePlan('p10', { apiKeys: ['busy'] });

    // THEN
    Template.fromStack(stack).resourceCountIs('AWS::ApiGateway::UsagePlanKey', 11);
    Annotations.fromStack(stack).hasWarning('/Stack/Api',
      Match.stringLikeRegexp('11 usage plans for API key \'busy\' exceeds the default quota \\(API Gateway allows at most 10'));
  });

  test.each([
    ['unknown key', (api: RestGateway) => { api.addUsagePlan('p'); api.addApiKeyToPlan('p', 'nobody'); }, /no API key of this name was added/],
    ['unknown plan', (api: RestGateway) => { api.addApiKey('k'); api.addApiKeyToPlan('nope', 'k'); }, /planName = "nope" is invalid: no usage plan of this name/],
    ['twice in a plan', (api: RestGateway) => { api.addApiKey('k'); api.addUsagePlan('p', { apiKeys: ['k'] }); api.addApiKeyToPlan('p', 'k'); }, /already in this plan/],
    ['duplicate key', (api: RestGateway) => { api.addApiKey('k'); api.addApiKey('k'); }, /already added/],
    ['bad key name', (api: RestGateway) => { api.addApiKey('bad name'); }, /an API key name is 1 to 64/],
    ['duplicate plan', (api: RestGateway) => { api.addUsagePlan('p'); api.addUsagePlan('p'); }, /a usage plan of this name was already added/],
  ])('%s is an error', (_name, act, message) => {
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    expect(() => act(gateway(stack))).toThrow(message);
  });
});
