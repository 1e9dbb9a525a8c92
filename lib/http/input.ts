/**
 * Run-time checks of HttpGateway's inputs for JavaScript and jsii callers (see
 * lib/common/input.ts): every member of HttpGatewayProps, HttpStageOptions, HttpRouteOptions and
 * the options of HttpIntegration's and HttpAuthorization's factories, with the HTTP API
 * (v2) name, description, scope, URI and CORS ranges.
 */
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import {
  InputCheck, InputSpec, aBoolean, aDuration, aNumber, aResource, aString, aStruct, anInstanceOf, anIntegration, checkArgs,
  listOf, mapOf, notHere, oneOf, required,
} from '../common/input';
import { GatewayOpenApiDocument } from '../common/openapi-document';
import {
  A_CONSTRUCT, A_FUNCTION, DOMAIN, IP_ADDRESS_TYPE, ENDPOINT, STAGE_SPEC, THROTTLE, corsOptions, optionalStrings,
  stagesOf,
  GatewayInputChecks,
  GATEWAY_METHOD_ARGS,
} from '../common/input-specs';
import { RAISED_QUOTAS_SPEC } from '../common/quotas';
import { ROUTE_STACKS_SPEC } from '../common/route-stacks';
import { restOnlyFeatureViolation } from './rest-only';
import { A_GATEWAY_VALUE, eventDetailTypeViolation, eventSourceViolation } from '../common/service-rules';
import {
  v2AuthorizationScopeViolation, v2DescriptionViolation, v2NameViolation, v2ServerNameViolation, v2UriLengthViolation,
} from '../common/rules';
import { HttpAuthorization } from './authorization';
import { httpCorsMaxAgeViolation } from './rules';
import { HttpIntegration } from './integration';

const HTTP_AUTHORIZATION = anInstanceOf(() => HttpAuthorization,
  'an HttpAuthorization (HttpAuthorization.iam(), .jwt(issuer, audiences), .cognito(pool, clients), .lambdaRequest(fn) or .none())');

const HTTP_INTEGRATION = anIntegration(() => HttpIntegration,
  'an HttpIntegration (HttpIntegration.lambdaFunction(fn), .lambdaAlias(fn), .http(url), .alb(listener), .nlb(listener), '
  + '.serviceDiscovery(service, options), .sqsSendMessage(queue), .stepFunctionsStartExecution(stateMachine), '
  + '.stepFunctionsStartSyncExecution(stateMachine), .eventBridgePutEvents(eventBus, options) or .kinesisPutRecord(stream, options))');

const SCOPES = listOf(aString(v2AuthorizationScopeViolation));

const HTTP_STAGE_SPEC: InputSpec = {
  ...STAGE_SPEC,
  description: aString(d => v2DescriptionViolation(d, 'a stage description')),
  autoDeploy: aBoolean,
};

const HTTP_GATEWAY_PROPS: InputSpec = {
  routeStacks: ROUTE_STACKS_SPEC,
  openApi: aStruct({
    document: required(anInstanceOf(() => GatewayOpenApiDocument,
    'a GatewayOpenApiDocument (GatewayOpenApiDocument.fromFile(path), .fromString(text) or .fromObject(obj))')),
    integrations: mapOf(HTTP_INTEGRATION),
    defaultIntegration: HTTP_INTEGRATION,
    authorizations: mapOf(HTTP_AUTHORIZATION),
  }, 'an HttpOpenApiOptions object'),
  raisedQuotas: RAISED_QUOTAS_SPEC,
  apiName: aString(n => v2NameViolation(n, 'an HTTP API name')),
  description: aString(d => v2DescriptionViolation(d, 'an API description')),
  endpoint: ENDPOINT,
  stages: stagesOf(HTTP_STAGE_SPEC, 'an HttpStageOptions object'),
  defaultAuthorization: HTTP_AUTHORIZATION,
  cors: corsOptions(httpCorsMaxAgeViolation),
  disableExecuteApiEndpoint: aBoolean,
  domain: DOMAIN,
  ipAddressType: IP_ADDRESS_TYPE,
  // Props of RestGatewayProps and WebSocketGatewayProps that an HttpGateway would silently drop
  // (policyStatements, binaryMediaTypes and minCompressionSize are rejected as REST-only features).
  restApiName: notHere('an HttpGateway is named with apiName'),
  // Renamed in issue 12 (one vocabulary): JavaScript callers passing the old name are told the new one.
  httpApiName: notHere('renamed to apiName'),
  apiKeyRequired: notHere(restOnlyFeatureViolation('an API key')),
  apiKeySource: notHere(restOnlyFeatureViolation('an API key')),
  apiKeySelectionExpression: notHere(restOnlyFeatureViolation('an API key')),
  routeSelectionExpression: notHere('route selection expressions belong to WebSocket APIs (WebSocketGateway); HTTP routes are METHOD /path keys'),
};

// REST-only route options (cache, apiKeyRequired, requestSchema, requestParameters) are rejected
// by rejectRestOnlyRouteOptions; these are the other gateways' options an HTTP route would drop.
const HTTP_ROUTE_OPTIONS = aStruct({
  scope: A_CONSTRUCT,
  authorization: HTTP_AUTHORIZATION,
  authorizationScopes: SCOPES,
  throttle: THROTTLE,
  returnResponse: notHere('two-way routes are a WebSocket API feature (WebSocketGateway); an HTTP route always answers'),
  operationName: notHere('HttpGateway routes have no operationName'),
}, 'an HttpRouteOptions object');

/** The checks of HttpGatewayProps, `addRoute`'s arguments and what an integration's `bind()` returns. */
export const HTTP_INPUT = new GatewayInputChecks({
  props: HTTP_GATEWAY_PROPS,
  propsWhat: 'an HttpGatewayProps object',
  integration: HTTP_INTEGRATION,
  routeOptions: HTTP_ROUTE_OPTIONS,
  boundIntegration: anInstanceOf(() => apigwv2.HttpRouteIntegration, 'an apigwv2.HttpRouteIntegration'),
  bindExtra: { timeout: aDuration() },
  bindWhat: 'an HttpIntegrationConfig object',
});

/** The arguments of the methods every HTTP gateway (imported ones too) has. */
export const HTTP_METHOD_ARGS = {
  arnForExecuteApi: optionalStrings('method', 'path', 'stageName'),
  ...GATEWAY_METHOD_ARGS,
  fromHttpGatewayAttributes: {
    scope: required(A_CONSTRUCT),
    id: required(aString()),
    attrs: required(aStruct({ httpApiId: notHere('renamed to apiId'), apiId: required(aString()) }, 'an HttpGatewayAttributes object')),
  },
} satisfies { [method: string]: InputSpec };

function options(spec: InputSpec, what: string, isRequired: boolean = false): InputCheck {
  return isRequired ? required(aStruct(spec, what)) : aStruct(spec, what);
}

const TIMEOUT: InputSpec = { timeout: aDuration() };
const PAYLOAD_FORMAT: InputSpec = {
  payloadFormatVersion: aStruct({ version: required(aString()) }, 'an apigwv2.PayloadFormatVersion (PayloadFormatVersion.VERSION_2_0)'),
};
const URL_OPTIONS: InputSpec = {
  ...TIMEOUT,
  httpMethod: oneOf(() => apigwv2.HttpMethod, 'apigwv2.HttpMethod'),
  method: notHere('renamed to httpMethod'),
  parameterMapping: aStruct({ mappings: required(aStruct()) }, 'an apigwv2.ParameterMapping'),
};
const PRIVATE_OPTIONS: InputSpec = {
  ...URL_OPTIONS,
  vpcLink: aResource('an apigwv2.IVpcLink', 'vpcLinkId'),
  secureServerName: aString(v2ServerNameViolation),
};
// AWS-service integrations (HttpIntegration.sqsSendMessage ...).
const SERVICE_OPTIONS: InputSpec = {
  ...TIMEOUT,
  successStatusCode: aNumber(httpSuccessStatusViolation),
};
const EXECUTION_OPTIONS = options({ ...SERVICE_OPTIONS, input: A_GATEWAY_VALUE, executionName: A_GATEWAY_VALUE, name: notHere('renamed to executionName') },
  'an HttpStepFunctionsExecutionOptions object');
const A_STATE_MACHINE = aResource('an sfn.IStateMachine', 'stateMachineArn');

/** A success status code a response parameter mapping gives the client: 200 to 299. */
function httpSuccessStatusViolation(code: number): string | undefined {
  return Number.isInteger(code) && code >= 200 && code <= 299 ? undefined : 'a success status code is a whole number from 200 to 299';
}

const JWT_OPTIONS = options({ scopes: SCOPES, identitySources: listOf(aString()), identitySource: notHere('renamed to identitySources') },
  'an HttpJwtAuthorizationOptions object');

/** The arguments of HttpIntegration's and HttpAuthorization's static factories, by factory. */
const FACTORY_ARGS: { [factory: string]: InputSpec } = {
  'HttpIntegration.lambdaFunction': {
    handler: required(A_FUNCTION),
    options: options({ ...TIMEOUT, ...PAYLOAD_FORMAT }, 'an HttpLambdaIntegrationOptions object'),
  },
  'HttpIntegration.lambdaAlias': {
    handler: required(A_FUNCTION),
    options: options({ ...TIMEOUT, ...PAYLOAD_FORMAT, stageVariable: aString() }, 'an HttpLambdaAliasIntegrationOptions object'),
  },
  'HttpIntegration.http': {
    url: required(aString(u => v2UriLengthViolation(u, 'an integration URL'))),
    options: options(URL_OPTIONS, 'an HttpUrlIntegrationOptions object'),
  },
  'HttpIntegration.alb': {
    listener: required(aResource('an elbv2.IApplicationListener', 'listenerArn')),
    options: options(PRIVATE_OPTIONS, 'an HttpPrivateIntegrationOptions object'),
  },
  'HttpIntegration.nlb': {
    listener: required(aResource('an elbv2.INetworkListener', 'listenerArn')),
    options: options(PRIVATE_OPTIONS, 'an HttpPrivateIntegrationOptions object'),
  },
  'HttpIntegration.serviceDiscovery': {
    service: required(aResource('a servicediscovery.IService', 'serviceArn')),
    options: options({ ...PRIVATE_OPTIONS, vpcLink: required(aResource('an apigwv2.IVpcLink', 'vpcLinkId')) },
      'an HttpServiceDiscoveryIntegrationOptions object', true),
  },
  'HttpIntegration.sqsSendMessage': {
    queue: required(aResource('an sqs.IQueue', 'queueArn')),
    options: options({
      ...SERVICE_OPTIONS,
      messageBody: A_GATEWAY_VALUE,
      messageGroupId: A_GATEWAY_VALUE,
      messageDeduplicationId: A_GATEWAY_VALUE,
      delay: aDuration(),
    }, 'an HttpSqsSendMessageOptions object'),
  },
  'HttpIntegration.stepFunctionsStartExecution': { stateMachine: required(A_STATE_MACHINE), options: EXECUTION_OPTIONS },
  'HttpIntegration.stepFunctionsStartSyncExecution': { stateMachine: required(A_STATE_MACHINE), options: EXECUTION_OPTIONS },
  'HttpIntegration.eventBridgePutEvents': {
    eventBus: required(aResource('an events.IEventBus', 'eventBusArn')),
    options: options({
      ...SERVICE_OPTIONS,
      source: required(aString(eventSourceViolation)),
      detailType: required(aString(eventDetailTypeViolation)),
      detail: A_GATEWAY_VALUE,
    }, 'an HttpEventBridgePutEventsOptions object', true),
  },
  'HttpIntegration.kinesisPutRecord': {
    stream: required(aResource('a kinesis.IStream', 'streamArn')),
    options: options({ ...SERVICE_OPTIONS, partitionKey: required(A_GATEWAY_VALUE), data: A_GATEWAY_VALUE },
      'an HttpKinesisPutRecordOptions object', true),
  },
  'HttpAuthorization.jwt': {
    issuer: required(aString(i => v2UriLengthViolation(i, 'a JWT issuer'))),
    audiences: required(listOf(aString())),
    options: JWT_OPTIONS,
  },
  'HttpAuthorization.cognito': {
    userPool: required(aResource('a cognito.IUserPool', 'userPoolId')),
    clients: required(listOf(aResource('a cognito.IUserPoolClient', 'userPoolClientId'))),
    options: JWT_OPTIONS,
  },
  'HttpAuthorization.lambdaRequest': {
    handler: required(A_FUNCTION),
    options: options({ identitySources: listOf(aString()), resultsCacheTtl: aDuration(), simpleResponses: aBoolean },
      'an HttpLambdaAuthorizationOptions object'),
  },
};

/**
 * Checks the arguments of a static factory of HttpIntegration or HttpAuthorization, e.g.
 * `checkHttpFactoryInput('HttpIntegration.lambdaFunction', { handler, options })`.
 */
export function checkHttpFactoryInput(factory: string, args: { [name: string]: unknown }): void {
  checkArgs(factory, args, FACTORY_ARGS[factory]);
}
