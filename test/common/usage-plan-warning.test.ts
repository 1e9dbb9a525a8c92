import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { RestGateway, RestIntegration, WebSocketAuthorization, WebSocketGateway, WebSocketIntegration } from '../../lib';
import { RestApiStack } from '../../examples/stacks';
import { WebSocketApiStack } from '../../examples/websocket-stack';

const ENV = { account: '123456789012', region: 'eu-west-1' };
const PLAN_LIMITS_NOTHING = Match.stringLikeRegexp('usage plan .* requires an API key');

function restGateway() {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  const api = new RestGateway(stack, 'Api', { stages: [{ stageName: 'dev' }, { stageName: 'prod' }] });
  return { stack, api };
}

function webSocketGateway() {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  const api = new WebSocketGateway(stack, 'Chat', { stages: [{ stageName: 'dev' }, { stageName: 'prod' }] });
  return { stack, api };
}

describe('RestGateway: a usage plan over stages where no route requires an API key', () => {
  test('warns on the plan, naming the plan and its stages', () => {
    // GIVEN
    const { stack, api } = restGateway();
    api.addRoute('GET /orders', RestIntegration.mock());

    // WHEN
    api.addUsagePlan('free', { throttle: { rateLimit: 5, burstLimit: 10 } });
    api.addUsagePlan('partner', { stages: [{ stageName: 'prod' }] });

    // THEN
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Stack/Api/UsagePlan-free', Match.stringLikeRegexp(
      '^usage plan \'free\' covers stages \'dev\', \'prod\', but no route of Stack/Api requires an API key: .*limits nothing'));
    annotations.hasWarning('/Stack/Api/UsagePlan-partner', Match.stringLikeRegexp('^usage plan \'partner\' covers stage \'prod\', but no route'));
  });

  test('no warning once a route requires an API key, even one added after the plan', () => {
    // GIVEN
    const { stack, api } = restGateway();
    api.addRoute('GET /orders', RestIntegration.mock());
    api.addUsagePlan('free');

    // WHEN
    api.addRoute('GET /partners/orders', RestIntegration.mock(), { apiKeyRequired: true });

    // THEN
    Annotations.fromStack(stack).hasNoWarning('*', PLAN_LIMITS_NOTHING);
  });

  test('the gateway-wide apiKeyRequired counts', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack', { env: ENV });
    const api = new RestGateway(stack, 'Api', { apiKeyRequired: true });

    // WHEN
    api.addRoute('GET /orders', RestIntegration.mock());
    api.addUsagePlan('free');

    // THEN
    Annotations.fromStack(stack).hasNoWarning('*', PLAN_LIMITS_NOTHING);
  });

  test('no plan, no warning', () => {
    const { stack, api } = restGateway();
    api.addRoute('GET /orders', RestIntegration.mock());
    Annotations.fromStack(stack).hasNoWarning('*', PLAN_LIMITS_NOTHING);
  });
});

describe('WebSocketGateway: a usage plan without a key-requiring $connect', () => {
  test('warns naming the plan and its stages', () => {
    // GIVEN
    const { stack, api } = webSocketGateway();
    api.addRoute('$connect', WebSocketIntegration.http('https://example.org'), { authorization: WebSocketAuthorization.iam() });

    // WHEN
    api.addUsagePlan('basic', { stages: [{ stageName: 'dev' }] });

    // THEN
    Annotations.fromStack(stack).hasWarning('/Stack/Chat/UsagePlan-basic', Match.stringLikeRegexp(
      '^usage plan \'basic\' covers stage \'dev\', but no \'\\$connect\' route of Stack/Chat requires an API key'));
  });

  test('no warning with apiKeyRequired on $connect', () => {
    // GIVEN
    const { stack, api } = webSocketGateway();
    api.addUsagePlan('basic');

    // WHEN
    api.addRoute('$connect', WebSocketIntegration.http('https://example.org'), { authorization: WebSocketAuthorization.iam(), apiKeyRequired: true });

    // THEN
    Annotations.fromStack(stack).hasNoWarning('*', PLAN_LIMITS_NOTHING);
  });
});

describe('the example app', () => {
  test.each([
    ['RestApiExample', (app: App) => new RestApiStack(app, 'RestApiExample', { env: ENV })],
    ['WebSocketApiExample', (app: App) => new WebSocketApiStack(app, 'WebSocketApiExample', { env: ENV })],
  ])('%s has no usage plan that limits nothing', (_name, make) => {
    const stack = make(new App());
    Annotations.fromStack(stack).hasNoWarning('*', PLAN_LIMITS_NOTHING);
  });
});
