/**
 * Run-time checks of WebSocketGateway's inputs for JavaScript and jsii callers (see
 * lib/common/input.ts): every member of WebSocketGatewayProps, WebSocketStageOptions,
 * WebSocketRouteOptions and the options of WebSocketIntegration's and WebSocketAuthorization's
 * factories, with the WebSocket API (v2) name, description and URI ranges.
 */
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import {
  InputCheck, InputSpec, aBoolean, aDuration, aResource, aString, aStruct, anInstanceOf, anIntegration, checkArgs,
  listOf, notHere, oneOf, required,
} from '../common/input';
import {
  A_CONSTRUCT, A_FUNCTION, A_GRANTEE, DOMAIN, IP_ADDRESS_TYPE, ENDPOINT, MAP_DOMAIN_ARGS, METRIC_ARGS, STAGE_SPEC, THROTTLE, optionalStrings,
  stagesOf,
  GatewayInputChecks,
} from '../common/input-specs';
import { RAISED_QUOTAS_SPEC } from '../common/quotas';
import { ROUTE_STACKS_SPEC } from '../common/route-stacks';
import { restOnlyFeatureViolation } from './rest-only';
import { v2DescriptionViolation, v2NameViolation, v2UriLengthViolation } from '../common/rules';
import { A_GATEWAY_VALUE, eventDetailTypeViolation, eventSourceViolation } from '../common/service-rules';
import { WebSocketAuthorization } from './authorization';
import { WebSocketIntegration } from './integration';

const WEBSOCKET_AUTHORIZATION = anInstanceOf(() => WebSocketAuthorization,
  'a WebSocketAuthorization (WebSocketAuthorization.iam(), .lambdaRequest(fn, { identitySources }) or .none())');

const WEBSOCKET_INTEGRATION = anIntegration(() => WebSocketIntegration,
  'a WebSocketIntegration (WebSocketIntegration.lambdaFunction(fn), .lambdaAlias(fn), .http(url), .sqsSendMessage(queue), '
  + '.stepFunctionsStartExecution(stateMachine), .stepFunctionsStartSyncExecution(stateMachine), .eventBridgePutEvents(eventBus, options), '
  + '.kinesisPutRecord(stream, options) or .mock())');

// REST-only stage options (cache, canary, webAclArn, tracing) are rejected by rejectRestOnlyStageOptions (./rest-only).
const WEBSOCKET_STAGE_SPEC: InputSpec = {
  ...STAGE_SPEC,
  description: aString(d => v2DescriptionViolation(d, 'a stage description')),
  executionLogLevel: oneOf(() => apigateway.MethodLoggingLevel, 'apigateway.MethodLoggingLevel'),
  dataTrace: aBoolean,
  autoDeploy: aBoolean,
};

const CONNECT_ONLY = 'API Gateway authorizes a WebSocket connection once, when it is made: give the \'$connect\' route';

const WEBSOCKET_GATEWAY_PROPS: InputSpec = {
  routeStacks: ROUTE_STACKS_SPEC,
  openApi: notHere('a WebSocket API has no OpenAPI form (OpenAPI describes request/response APIs): add its routes with addRoute, or give the document to a RestGateway or HttpGateway'),
  raisedQuotas: RAISED_QUOTAS_SPEC,
  apiName: aString(n => v2NameViolation(n, 'a WebSocket API name')),
  description: aString(d => v2DescriptionViolation(d, 'an API description')),
  routeSelectionExpression: aString(),
  apiKeySelectionExpression: aStruct({ customApiKeySelector: required(aString()) },
    'an apigwv2.WebSocketApiKeySelectionExpression (WebSocketApiKeySelectionExpression.HEADER_X_API_KEY)'),
  stages: stagesOf(WEBSOCKET_STAGE_SPEC, 'a WebSocketStageOptions object'),
  endpoint: ENDPOINT,
  domain: DOMAIN,
  ipAddressType: IP_ADDRESS_TYPE,
  disableExecuteApiEndpoint: aBoolean,
  // Props of RestGatewayProps and HttpGatewayProps that a WebSocketGateway would silently drop.
  restApiName: notHere('renamed to apiName (one name across the three gateways)'),
  httpApiName: notHere('renamed to apiName (one name across the three gateways)'),
  defaultAuthorization: notHere(`${CONNECT_ONLY} its authorization: addRoute('$connect', integration, { authorization })`),
  apiKeyRequired: notHere(`${CONNECT_ONLY} apiKeyRequired: addRoute('$connect', integration, { apiKeyRequired: true })`),
  apiKeySource: notHere('a WebSocketGateway reads API keys where apiKeySelectionExpression says'),
  policyStatements: notHere(restOnlyFeatureViolation('a resource policy')),
  binaryMediaTypes: notHere(restOnlyFeatureViolation('binary media types')),
  minCompressionSize: notHere(restOnlyFeatureViolation('response compression')),
};

const WEBSOCKET_ROUTE_OPTIONS = aStruct({
  scope: A_CONSTRUCT,
  authorization: WEBSOCKET_AUTHORIZATION,
  returnResponse: aBoolean,
  apiKeyRequired: aBoolean,
  throttle: THROTTLE,
  // Route options of the other gateways that a WebSocket route would silently drop.
  cache: notHere(restOnlyFeatureViolation('caching')),
  requestSchema: notHere(restOnlyFeatureViolation('request validation')),
  requestParameters: notHere(restOnlyFeatureViolation('request validation')),
  operationName: notHere('WebSocketGateway routes have no operationName'),
  authorizationScopes: notHere('WebSocket routes have no OAuth scopes; check them in a $connect Lambda authorizer (WebSocketAuthorization.lambdaRequest)'),
}, 'a WebSocketRouteOptions object');

/** The checks of WebSocketGatewayProps, `addRoute`'s arguments and what an integration's `bind()` returns. */
export const WEBSOCKET_INPUT = new GatewayInputChecks({
  props: WEBSOCKET_GATEWAY_PROPS,
  propsWhat: 'a WebSocketGatewayProps object',
  integration: WEBSOCKET_INTEGRATION,
  routeOptions: WEBSOCKET_ROUTE_OPTIONS,
  boundIntegration: anInstanceOf(() => apigwv2.WebSocketRouteIntegration, 'an apigwv2.WebSocketRouteIntegration'),
  bindExtra: { proxy: aBoolean, responseTemplate: aString() },
  bindWhat: 'a WebSocketIntegrationConfig object',
});

const STAGE_NAME_ARG: InputSpec = { stageName: required(aString()) };
const GRANT_ARGS: InputSpec = { grantee: required(A_GRANTEE), stageName: aString() };
const GRANT_INVOKE_ARGS: InputSpec = {
  grantee: required(A_GRANTEE),
  options: aStruct({ routeKey: aString(), stageName: aString() }, 'a GatewayGrantInvokeOptions object'),
};

/** The arguments of the methods every WebSocket gateway (imported ones too) has. */
export const WEBSOCKET_METHOD_ARGS = {
  arnForExecuteApi: optionalStrings('routeKey', 'stageName'),
  urlForStage: STAGE_NAME_ARG,
  grantManageConnections: GRANT_ARGS,
  grantInvoke: GRANT_INVOKE_ARGS,
  mapDomain: MAP_DOMAIN_ARGS,
  metric: METRIC_ARGS,
  fromWebSocketGatewayAttributes: {
    scope: required(A_CONSTRUCT),
    id: required(aString()),
    attrs: required(aStruct({ apiId: required(aString()) }, 'a WebSocketGatewayAttributes object')),
  },
} satisfies { [method: string]: InputSpec };

function options(spec: InputSpec, what: string): InputCheck {
  return aStruct(spec, what);
}

const TIMEOUT: InputSpec = { timeout: aDuration() };
const A_STATE_MACHINE = aResource('an sfn.IStateMachine', 'stateMachineArn');
const EXECUTION_OPTIONS = options({ ...TIMEOUT, input: A_GATEWAY_VALUE, executionName: A_GATEWAY_VALUE, name: notHere('renamed to executionName') },
  'a WebSocketStepFunctionsExecutionOptions object');

/** The arguments of WebSocketIntegration's and WebSocketAuthorization's static factories, by factory. */
const FACTORY_ARGS: { [factory: string]: InputSpec } = {
  'WebSocketIntegration.lambdaFunction': {
    handler: required(A_FUNCTION),
    options: options(TIMEOUT, 'a WebSocketIntegrationOptions object'),
  },
  'WebSocketIntegration.lambdaAlias': {
    handler: required(A_FUNCTION),
    options: options({ ...TIMEOUT, stageVariable: aString() }, 'a WebSocketLambdaAliasIntegrationOptions object'),
  },
  'WebSocketIntegration.http': {
    url: required(aString(u => v2UriLengthViolation(u, 'an integration URL'))),
    options: options({ ...TIMEOUT, httpMethod: oneOf(() => apigwv2.HttpMethod, 'apigwv2.HttpMethod') }, 'a WebSocketHttpIntegrationOptions object'),
  },
  'WebSocketIntegration.sqs': {
    queue: required(aResource('an sqs.IQueue', 'queueArn')),
    options: options({ ...TIMEOUT, messageBody: aString(), messageGroupId: aString() }, 'a WebSocketSqsIntegrationOptions object'),
  },
  'WebSocketIntegration.sqsSendMessage': {
    queue: required(aResource('an sqs.IQueue', 'queueArn')),
    options: options({
      ...TIMEOUT,
      messageBody: A_GATEWAY_VALUE,
      messageGroupId: A_GATEWAY_VALUE,
      messageDeduplicationId: A_GATEWAY_VALUE,
      delay: aDuration(),
    }, 'a WebSocketSqsSendMessageOptions object'),
  },
  'WebSocketIntegration.stepFunctionsStartExecution': { stateMachine: required(A_STATE_MACHINE), options: EXECUTION_OPTIONS },
  'WebSocketIntegration.stepFunctionsStartSyncExecution': { stateMachine: required(A_STATE_MACHINE), options: EXECUTION_OPTIONS },
  'WebSocketIntegration.eventBridgePutEvents': {
    eventBus: required(aResource('an events.IEventBus', 'eventBusArn')),
    options: required(aStruct({
      ...TIMEOUT,
      source: required(aString(eventSourceViolation)),
      detailType: required(aString(eventDetailTypeViolation)),
      detail: A_GATEWAY_VALUE,
    }, 'a WebSocketEventBridgePutEventsOptions object')),
  },
  'WebSocketIntegration.kinesisPutRecord': {
    stream: required(aResource('a kinesis.IStream', 'streamArn')),
    options: required(aStruct({ ...TIMEOUT, partitionKey: required(A_GATEWAY_VALUE), data: A_GATEWAY_VALUE },
      'a WebSocketKinesisPutRecordOptions object')),
  },
  'WebSocketIntegration.mock': {
    options: options({ requestTemplate: aString(), responseTemplate: aString(), timeout: notHere('a mock integration answers at once; it has no timeout') },
      'a WebSocketMockIntegrationOptions object'),
  },
  'WebSocketAuthorization.lambdaRequest': {
    handler: required(A_FUNCTION),
    options: options({
      identitySources: listOf(aString()),
      authorizerName: aString(n => v2NameViolation(n, 'an authorizer name')),
    }, 'a WebSocketLambdaRequestAuthorizationOptions object'),
  },
};

/**
 * Checks the arguments of a static factory of WebSocketIntegration or WebSocketAuthorization,
 * e.g. `checkWebSocketFactoryInput('WebSocketIntegration.sqs', { queue, options })`.
 */
export function checkWebSocketFactoryInput(factory: string, args: { [name: string]: unknown }): void {
  checkArgs(factory, args, FACTORY_ARGS[factory]);
}
