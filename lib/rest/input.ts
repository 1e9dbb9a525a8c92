/**
 * Run-time checks of RestGateway's inputs for JavaScript and jsii callers (see
 * lib/common/input.ts): every member of RestGatewayProps, RestStageOptions, RestRouteOptions and
 * the options of RestIntegration's and RestAuthorization's factories.
 */
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import {
  InputCheck, InputScope, InputSpec, aBoolean, aDuration, aNumber, aResource, aSize, aString, aStruct, anInstanceOf, anIntegration,
  checkArgs, listOf, mapOf, notHere, oneOf, required,
} from '../common/input';
import {
  AN_ALIAS, A_CONSTRUCT, A_FUNCTION, DOMAIN, IP_ADDRESS_TYPE, ENDPOINT, STAGE_SPEC, THROTTLE, corsOptions,
  optionalStrings, stagesOf,
  GatewayInputChecks,
  GATEWAY_METHOD_ARGS,
} from '../common/input-specs';
import { GatewayOpenApiDocument } from '../common/openapi-document';
import { RAISED_QUOTAS_SPEC } from '../common/quotas';
import { ROUTE_STACKS_SPEC } from '../common/route-stacks';
import { minimumCompressionSizeViolation, restApiNameViolation } from './rules';
import { RestAuthorization } from './authorization';
import { CacheClusterSize } from './cache';
import { RestIntegration } from './integration';
import { restServiceIntegrations } from '../common/lazy';
import { MAPPING_SPEC, METHOD_RESPONSES, PROXY_SPEC } from './non-proxy';
import { TRANSFER_SPEC } from './streaming';

const REST_AUTHORIZATION = anInstanceOf(() => RestAuthorization,
  'a RestAuthorization (RestAuthorization.iam(), .cognito(pools), .lambdaToken(fn), .lambdaRequest(fn) or .none())');

const REST_INTEGRATION = anIntegration(() => RestIntegration,
  'a RestIntegration (RestIntegration.lambdaFunction(fn), .lambdaAlias(fn), .http(url), .nlb(loadBalancer), .alb(listener) or .mock())');

const REST_STAGE_SPEC: InputSpec = {
  ...STAGE_SPEC,
  canary: aStruct({
    percentTraffic: required(aNumber()),
    lambdaAliases: mapOf(AN_ALIAS),
    variables: mapOf(aString()),
    useStageCache: aBoolean,
    bake: aStruct({
      duration: aDuration(undefined, 'seconds'),
      alarms: listOf(aResource('a cloudwatch.IAlarm', 'alarmArn')),
      stageAlarms: aBoolean,
    }, 'a RestCanaryBakeOptions object'),
  }, 'a RestCanaryOptions object'),
  tracing: aBoolean,
  executionLogLevel: oneOf(() => apigateway.MethodLoggingLevel, 'apigateway.MethodLoggingLevel'),
  dataTrace: aBoolean,
  cache: aStruct({ clusterSize: oneOf(() => CacheClusterSize, 'CacheClusterSize'), ttl: aDuration() }, 'a RestCacheOptions object'),
  webAclArn: aString(),
  // An HTTP and WebSocket stage option that a REST stage would silently drop.
  autoDeploy: notHere('REST stages are redeployed by the gateway whenever the API changes; autoDeploy is an HTTP and WebSocket stage option'),
};

const REST_GATEWAY_PROPS: InputSpec = {
  apiName: aString(restApiNameViolation),
  description: aString(),
  endpoint: ENDPOINT,
  stages: stagesOf(REST_STAGE_SPEC, 'a RestStageOptions object'),
  defaultAuthorization: REST_AUTHORIZATION,
  cors: corsOptions(),
  policyStatements: listOf(aResource('an iam.PolicyStatement', 'toStatementJson')),
  binaryMediaTypes: listOf(aString()),
  minCompressionSize: aSize(minimumCompressionSizeViolation),
  disableExecuteApiEndpoint: aBoolean,
  apiKeyRequired: aBoolean,
  domain: DOMAIN,
  ipAddressType: IP_ADDRESS_TYPE,
  apiKeySource: oneOf(() => apigateway.ApiKeySourceType, 'apigateway.ApiKeySourceType'),
  routeStacks: ROUTE_STACKS_SPEC,
  openApi: aStruct({
    document: required(anInstanceOf(() => GatewayOpenApiDocument,
    'a GatewayOpenApiDocument (GatewayOpenApiDocument.fromFile(path), .fromString(text) or .fromObject(obj))')),
    integrations: mapOf(REST_INTEGRATION),
    defaultIntegration: REST_INTEGRATION,
    authorizations: mapOf(REST_AUTHORIZATION),
  }, 'a RestOpenApiOptions object'),
  raisedQuotas: RAISED_QUOTAS_SPEC,
  // Props of HttpGatewayProps and WebSocketGatewayProps that a RestGateway would silently drop.
  // Renamed props (one vocabulary across the gateways, issue 12).
  restApiName: notHere('restApiName was renamed to apiName'),
  httpApiName: notHere('a RestGateway is named with apiName'),
  routeSelectionExpression: notHere('route selection expressions belong to WebSocket APIs (WebSocketGateway); REST routes are METHOD /path keys'),
  apiKeySelectionExpression: notHere('a RestGateway reads API keys where apiKeySource says (the X-API-Key header, or a Lambda authorizer)'),
};

const REST_ROUTE_OPTIONS = aStruct({
  authorization: REST_AUTHORIZATION,
  apiKeyRequired: aBoolean,
  requestParameters: mapOf(aBoolean),
  requestSchema: aStruct({}, 'an apigateway.JsonSchema object'),
  cache: aStruct({ enabled: aBoolean, ttl: aDuration(), keyParameters: listOf(aString()) }, 'a RestRouteCacheOptions object'),
  throttle: THROTTLE,
  operationName: aString(),
  scope: A_CONSTRUCT,
  methodResponses: METHOD_RESPONSES,
  // Route options of the other gateways that a REST route would silently drop.
  authorizationScopes: notHere('a REST route\'s OAuth scopes are set on its Cognito authorization: RestAuthorization.cognito(pools, { scopes })'),
  returnResponse: notHere('two-way routes are a WebSocket API feature (WebSocketGateway); a REST route always answers'),
}, 'a RestRouteOptions object');

/** The checks of RestGatewayProps, `addRoute`'s arguments and what an integration's `bind()` returns. */
export const REST_INPUT = new GatewayInputChecks({
  props: REST_GATEWAY_PROPS,
  propsWhat: 'a RestGatewayProps object',
  integration: REST_INTEGRATION,
  routeOptions: REST_ROUTE_OPTIONS,
  boundIntegration: anInstanceOf(() => apigateway.Integration, 'an apigateway.Integration'),
  bindExtra: { methodResponses: listOf(aStruct({}, 'an apigateway.MethodResponse object')), requestParameters: mapOf(aBoolean) },
  bindWhat: 'a RestIntegrationConfig object',
});

/** Checks the arguments of the methods every REST gateway (imported ones too) has. */
export const REST_METHOD_ARGS = {
  arnForExecuteApi: optionalStrings('method', 'path', 'stageName'),
  ...GATEWAY_METHOD_ARGS,
  fromRestGatewayAttributes: {
    scope: required(A_CONSTRUCT),
    id: required(aString()),
    attrs: required(aStruct({
      apiId: required(aString()),
      apiName: aString(),
      restApiId: notHere('restApiId was renamed to apiId'),
    }, 'a RestGatewayAttributes object')),
  },
} satisfies { [method: string]: InputSpec };

const TIMEOUT: InputSpec = { timeout: aDuration() };

/** The backend method of an HTTP or NLB integration (aws-cdk-lib's enum, as on the other gateways). */
const HTTP_METHOD = oneOf(() => apigwv2.HttpMethod, 'apigwv2.HttpMethod');

function options(spec: InputSpec, what: string): InputCheck {
  return aStruct(spec, what);
}

/** The arguments of RestIntegration's and RestAuthorization's static factories, by factory. */
const FACTORY_ARGS: { [factory: string]: InputSpec } = {
  'RestIntegration.lambdaFunction': {
    handler: required(A_FUNCTION),
    options: options({ ...TIMEOUT, ...PROXY_SPEC, ...MAPPING_SPEC, ...TRANSFER_SPEC }, 'a RestLambdaIntegrationOptions object'),
  },
  'RestIntegration.lambdaAlias': {
    handler: required(A_FUNCTION),
    options: options({ ...TIMEOUT, ...PROXY_SPEC, ...MAPPING_SPEC, ...TRANSFER_SPEC, stageVariable: aString() }, 'a RestLambdaAliasIntegrationOptions object'),
  },
  'RestIntegration.http': {
    url: required(aString()),
    options: options({ ...TIMEOUT, ...PROXY_SPEC, ...MAPPING_SPEC, httpMethod: HTTP_METHOD }, 'a RestHttpIntegrationOptions object'),
  },
  'RestIntegration.nlb': {
    loadBalancer: required(aResource('an elbv2.INetworkLoadBalancer', 'loadBalancerArn')),
    options: options({
      ...TIMEOUT,
      httpMethod: HTTP_METHOD,
      url: aString(),
      secureServerName: aString(),
      vpcLink: aResource('an apigateway.IVpcLink', 'vpcLinkId'),
      ...PROXY_SPEC,
      ...MAPPING_SPEC,
    }, 'a RestNlbIntegrationOptions object'),
  },
  'RestIntegration.mock': {
    options: options({ statusCode: aNumber(), responseBody: aString(), ...MAPPING_SPEC }, 'a RestMockIntegrationOptions object'),
  },
  'RestAuthorization.cognito': {
    userPools: required(listOf(aResource('a cognito.IUserPool', 'userPoolId'))),
    options: options({ scopes: listOf(aString()), identitySource: aString() }, 'a RestCognitoAuthorizationOptions object'),
  },
  'RestAuthorization.lambdaToken': {
    handler: required(A_FUNCTION),
    options: options({ identitySource: aString(), validationRegex: aString(), resultsCacheTtl: aDuration() },
      'a RestLambdaTokenAuthorizationOptions object'),
  },
  'RestAuthorization.lambdaRequest': {
    handler: required(A_FUNCTION),
    options: options({ identitySources: listOf(aString()), resultsCacheTtl: aDuration() },
      'a RestLambdaRequestAuthorizationOptions object'),
  },
};

/**
 * Checks the arguments of a static factory of RestIntegration or RestAuthorization, e.g.
 * `checkRestFactoryInput('RestIntegration.lambdaFunction', { handler, options })`.
 */
export function checkRestFactoryInput(factory: string, args: { [name: string]: unknown }): void {
  // The AWS-service factories' checks load with the service integrations, on first use.
  checkArgs(factory as InputScope, args, FACTORY_ARGS[factory] ?? restServiceIntegrations().REST_SERVICE_FACTORY_ARGS[factory]);
}
