/**
 * WebSocketGateway used from JavaScript (or Python, Java, .NET, Go through jsii): values
 * TypeScript forbids must fail with a GatewayValidationError naming the path, the prop, the value
 * and the rule, never with a TypeError or a value copied into the template; and the WebSocket
 * API (v2) documented ranges.
 */
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  HttpIntegration, RestAuthorization, WebSocketAuthorization, WebSocketGateway, WebSocketGatewayProps,
  WebSocketIntegration, WebSocketRouteOptions,
} from '../../lib';
import { fn, newStack } from './util';
import { expectGatewayError, js } from '../support/js-callers';

const URL = 'https://backend.example.com';

describe('WebSocketGatewayProps from JavaScript', () => {
  test.each([
    ['an unknown MethodLoggingLevel', { stages: [{ stageName: 'prod', executionLogLevel: 'DEBUG' }] },
      /^Stack\/Chat: stages\[0\]\.executionLogLevel = "DEBUG" is invalid: expected one of apigateway\.MethodLoggingLevel\.OFF \("OFF"\)/],
    ['dataTrace given as a string', { stages: [{ stageName: 'prod', dataTrace: 'false' }] },
      /^Stack\/Chat: stages\[0\]\.dataTrace = "false" is invalid: expected a boolean/],
    ['a stage without stageName', { stages: [{}] },
      /^Stack\/Chat: stages\[0\]\.stageName = undefined is invalid: a string is required$/],
    ['an API key selection expression given as a string', { apiKeySelectionExpression: '$request.header.x-api-key' },
      /^Stack\/Chat: apiKeySelectionExpression = .* is invalid: expected an apigwv2\.WebSocketApiKeySelectionExpression .*, got a string$/],
    ['a numeric route selection expression', { routeSelectionExpression: 1 },
      /^Stack\/Chat: routeSelectionExpression = 1 is invalid: expected a string, got a number$/],
    ['an unknown EndpointKind', { endpoint: { kind: 'edge' } },
      /^Stack\/Chat: endpoint\.kind = "edge" is invalid: expected one of EndpointKind\.EDGE \("EDGE"\)/],
    ['defaultAuthorization, a REST and HTTP prop', { defaultAuthorization: WebSocketAuthorization.iam() },
      /^Stack\/Chat: defaultAuthorization = .* is invalid: API Gateway authorizes a WebSocket connection once, when it is made: give the '\$connect' route its authorization/],
    ['apiKeyRequired, a REST prop', { apiKeyRequired: true },
      /^Stack\/Chat: apiKeyRequired = true is invalid: API Gateway authorizes a WebSocket connection once, .* apiKeyRequired: true/],
    ['policyStatements, a REST API feature', { policyStatements: [] },
      /^Stack\/Chat: policyStatements = \[\] is invalid: a resource policy is a REST API feature that WebSocket APIs do not have; use RestGateway for it$/],
    ['httpApiName, an HttpGateway prop', { httpApiName: 'chat' },
      /^Stack\/Chat: httpApiName = "chat" is invalid: renamed to apiName/],
    ['restApiName, a former RestGateway prop', { restApiName: 'chat' },
      /^Stack\/Chat: restApiName = "chat" is invalid: renamed to apiName/],
  ])('rejects %s', (_what, props, message) => {
    expectGatewayError(() => new WebSocketGateway(newStack(), 'Chat', js<WebSocketGatewayProps>(props)), message);
  });
});

describe('addRoute from JavaScript', () => {
  let chat: WebSocketGateway;

  beforeEach(() => {
    // GIVEN
    chat = new WebSocketGateway(newStack(), 'Chat');
  });

  test('rejects a missing integration', () => {
    expectGatewayError(() => chat.addRoute('sendMessage', js<WebSocketIntegration>(undefined)),
      /^Stack\/Chat: addRoute integration = undefined is invalid: a WebSocketIntegration \(.*\) is required$/);
  });

  test('rejects an HTTP API integration', () => {
    expectGatewayError(() => chat.addRoute('sendMessage', js<WebSocketIntegration>(HttpIntegration.http(URL))),
      /^Stack\/Chat: addRoute integration = .* is invalid: expected a WebSocketIntegration .*, got a HttpIntegration$/);
  });

  test.each([
    ['a REST authorization', '$connect', { authorization: RestAuthorization.iam() }, /options\.authorization = .* is invalid: expected a WebSocketAuthorization/],
    ['returnResponse given as a string', 'sendMessage', { returnResponse: 'yes' }, /options\.returnResponse = "yes" is invalid: expected a boolean/],
    ['a throttle rate given as a string', 'sendMessage', { throttle: { rateLimit: '5' } }, /options\.throttle\.rateLimit = "5" is invalid: expected a number/],
    ['a route cache, a REST API feature', 'sendMessage', { cache: { enabled: true } },
      /options\.cache = \{"enabled":true\} is invalid: caching is a REST API feature that WebSocket APIs do not have/],
    ['authorizationScopes, an HTTP route option', '$connect', { authorizationScopes: ['chat'] },
      /options\.authorizationScopes = \["chat"\] is invalid: WebSocket routes have no OAuth scopes/],
  ])('rejects %s', (_what, routeKey, options, message) => {
    expectGatewayError(() => chat.addRoute(routeKey, WebSocketIntegration.http(URL), js<WebSocketRouteOptions>(options)),
      new RegExp(`^Stack/Chat: route '${routeKey.replace('$', '\\$')}' ${message.source}`));
  });

  test('rejects what a JavaScript integration\'s bind returns when it is not an integration config', () => {
    expectGatewayError(() => chat.addRoute('sendMessage', js<WebSocketIntegration>({ bind: () => ({ integration: { type: 'AWS' } }) })),
      /^Stack\/Chat: route 'sendMessage' integration\.bind\(\) result\.integration = \{"type":"AWS"\} is invalid: expected an apigwv2\.WebSocketRouteIntegration, got an object$/);
  });
});

describe('static factories and methods from JavaScript', () => {
  test.each([
    ['WebSocketIntegration.lambdaFunction without a function', () => WebSocketIntegration.lambdaFunction(js(undefined)),
      /^WebSocketIntegration\.lambdaFunction: handler = undefined is invalid: a lambda\.IFunction is required$/],
    ['WebSocketIntegration.lambdaAlias with a numeric timeout', () => WebSocketIntegration.lambdaAlias(fn(newStack(), 'Fn'), js({ timeout: 29 })),
      /^WebSocketIntegration\.lambdaAlias: options\.timeout = 29 is invalid: expected a Duration/],
    ['WebSocketIntegration.http with a numeric method', () => WebSocketIntegration.http(URL, js({ httpMethod: 1 })),
      /^WebSocketIntegration\.http: options\.httpMethod = 1 is invalid: expected one of apigwv2\.HttpMethod/],
    ['WebSocketIntegration.sqs with a queue URL', () => WebSocketIntegration.sqs(js('https://sqs.eu-west-1.amazonaws.com/123456789012/q')),
      /^WebSocketIntegration\.sqs: queue = ".*" is invalid: expected an sqs\.IQueue, got a string$/],
    ['WebSocketAuthorization.lambdaRequest with numeric options', () => WebSocketAuthorization.lambdaRequest(fn(newStack(), 'Fn'), js(1)),
      /^WebSocketAuthorization\.lambdaRequest: options = 1 is invalid: expected a WebSocketLambdaRequestAuthorizationOptions object/],
    ['WebSocketAuthorization.lambdaRequest with identity sources as a string', () => WebSocketAuthorization.lambdaRequest(fn(newStack(), 'Fn'), js({ identitySources: 'route.request.querystring.token' })),
      /^WebSocketAuthorization\.lambdaRequest: options\.identitySources = ".*" is invalid: expected an array of string items, got a string$/],
    ['WebSocketGateway.fromWebSocketGatewayAttributes without attributes', () => WebSocketGateway.fromWebSocketGatewayAttributes(newStack(), 'I', js(undefined)),
      /^WebSocketGateway\.fromWebSocketGatewayAttributes: attrs = undefined is invalid: a WebSocketGatewayAttributes object is required$/],
  ])('%s', (_what, call, message) => {
    expectGatewayError(call, message);
  });

  test.each([
    ['addUsagePlan with an unknown quota period', (chat: WebSocketGateway) => chat.addUsagePlan('basic', js({ quota: { limit: 10, period: 'HOUR' } })),
      /^Stack\/Chat: addUsagePlan options\.quota\.period = "HOUR" is invalid: expected one of apigateway\.Period\.DAY \("DAY"\)/],
    ['addApiKey with a numeric description', (chat: WebSocketGateway) => chat.addApiKey('partner', js({ description: 1 })),
      /^Stack\/Chat: addApiKey options\.description = 1 is invalid: expected a string, got a number$/],
    ['grantManageConnections without a grantee', (chat: WebSocketGateway) => chat.grantManageConnections(js<iam.IGrantable>(undefined)),
      /^Stack\/Chat: grantManageConnections grantee = undefined is invalid: an iam\.IGrantable is required$/],
    ['grantInvoke with a numeric stage', (chat: WebSocketGateway) => chat.grantInvoke(new iam.User(chat, 'U'), js({ stageName: 1 })),
      /^Stack\/Chat: stageName = 1 is invalid: no such stage/],
    ['grantInvoke with options as a string', (chat: WebSocketGateway) => chat.grantInvoke(new iam.User(chat, 'U'), js('prod')),
      /^Stack\/Chat: grantInvoke options = "prod" is invalid: expected a GatewayGrantInvokeOptions object/],
    ['callbackUrlForStage of an imported API without a stage', () => WebSocketGateway.fromWebSocketGatewayAttributes(newStack(), 'Imported', { apiId: 'a1' }).callbackUrlForStage(js(undefined)),
      /^Stack\/Imported: callbackUrlForStage stageName = undefined is invalid: a string is required$/],
    ['arnForExecuteApi of an imported API with a numeric route key', () => WebSocketGateway.fromWebSocketGatewayAttributes(newStack(), 'Imported', { apiId: 'a1' }).arnForExecuteApi(js(5)),
      /^Stack\/Imported: arnForExecuteApi routeKey = 5 is invalid: expected a string, got a number$/],
  ])('%s', (_what, call, message) => {
    expectGatewayError(() => call(new WebSocketGateway(newStack(), 'Chat')), message);
  });
});

describe('documented ranges (API Gateway V2 API reference)', () => {
  function gateway(props: WebSocketGatewayProps): Template {
    const stack = newStack();
    const chat = new WebSocketGateway(stack, 'Chat', props);
    chat.addRoute('$default', WebSocketIntegration.http(URL));
    return Template.fromStack(stack);
  }

  test('an API name of 128 characters is rendered; 129 are rejected', () => {
    gateway({ apiName: 'c'.repeat(128) }).hasResourceProperties('AWS::ApiGatewayV2::Api', { Name: 'c'.repeat(128) });
    expectGatewayError(() => gateway({ apiName: 'c'.repeat(129) }),
      /^Stack\/Chat: apiName = "c{129}" is invalid: a WebSocket API name is 1 to 128 characters$/);
  });

  test('an API description of 1024 characters is rendered; 1025 are rejected', () => {
    gateway({ description: 'd'.repeat(1024) }).hasResourceProperties('AWS::ApiGatewayV2::Api', { Description: 'd'.repeat(1024) });
    expectGatewayError(() => gateway({ description: 'd'.repeat(1025) }),
      /^Stack\/Chat: description = "d{1025}" is invalid: an API description is at most 1024 characters$/);
  });

  test('a stage description of 1024 characters is rendered; 1025 are rejected', () => {
    gateway({ stages: [{ stageName: 'prod', description: 's'.repeat(1024) }] })
      .hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: 'prod', Description: 's'.repeat(1024) });
    expectGatewayError(() => gateway({ stages: [{ stageName: 'prod', description: 's'.repeat(1025) }] }),
      /^Stack\/Chat: stages\[0\]\.description = "s{1025}" is invalid: a stage description is at most 1024 characters$/);
  });

  test('an authorizer name of 128 characters is rendered; 129 are rejected', () => {
    // GIVEN
    const stack = newStack();
    const chat = new WebSocketGateway(stack, 'Chat');
    const handler = fn(stack, 'Authorizer');

    // WHEN
    chat.addRoute('$connect', WebSocketIntegration.http(URL), {
      authorization: WebSocketAuthorization.lambdaRequest(handler, { identitySources: ['route.request.querystring.token'], authorizerName: 'a'.repeat(128) }),
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { Name: 'a'.repeat(128) });
    expectGatewayError(() => WebSocketAuthorization.lambdaRequest(handler, { identitySources: ['route.request.querystring.token'], authorizerName: 'a'.repeat(129) }),
      /^WebSocketAuthorization\.lambdaRequest: options\.authorizerName = "a{129}" is invalid: an authorizer name is 1 to 128 characters$/);
  });

  test('an HTTP integration URL of 2048 characters is rendered; 2049 are rejected', () => {
    // GIVEN
    const url = (n: number) => `${URL}/${'p'.repeat(n - URL.length - 1)}`;
    const stack = newStack();
    const chat = new WebSocketGateway(stack, 'Chat');

    // WHEN
    chat.addRoute('$default', WebSocketIntegration.http(url(2048)));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationUri: url(2048) });
    expectGatewayError(() => WebSocketIntegration.http(url(2049)),
      /^WebSocketIntegration\.http: url = ".*" is invalid: an integration URL is 1 to 2048 characters$/);
  });
});
