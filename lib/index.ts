// The public API, by name: every construct, struct, enum and class below is part of the jsii
// assembly (documented in API.md). Helpers that are not listed here are internal.
export { AccessLogOptions } from './common/access-logs';
export { GatewayAccountLogging, GatewayAccountLoggingProps } from './common/account-logging';
export { GatewayCompliance } from './common/compliance';
export { GatewayCorsOptions } from './common/cors';
export { GatewayDomain, GatewayDomainBaseOptions, GatewayDomainMappingOptions, GatewayDomainOptions, GatewayDomainProps, GatewayMtlsOptions } from './common/domain';
export { EndpointKind, GatewayEndpoint, PrivateEndpointOptions } from './common/endpoint';
export { GatewayValidationError } from './common/errors';
export { IGateway } from './common/gateway';
export { GatewayRaisedQuotas } from './common/quotas';
export { GatewayValue } from './common/service-integrations';
export { GatewayRouteStacks } from './common/route-stacks';
export { GatewayGrantInvokeOptions } from './common/grant-options';
export { GatewayLogEncryption } from './common/log-encryption';
export { AliasTrafficShiftingOptions, GatewayStageOptions, StageVariableInvocation } from './common/stage';
export { ThrottleSettings } from './common/throttle';
export { GatewayApiKeyOptions, GatewayUsagePlanOptions, UsagePlanQuota, UsagePlanStageOptions } from './common/usage-plans';
export { RestAuthorization, RestAuthorizationConfig, RestAuthorizationKind, RestCognitoAuthorizationOptions, RestLambdaRequestAuthorizationOptions, RestLambdaTokenAuthorizationOptions } from './rest/authorization';
export { CacheClusterSize, RestCacheOptions, RestRouteCacheOptions } from './rest/cache';
export { RestHttpIntegrationOptions, RestIntegration, RestIntegrationBindOptions, RestIntegrationConfig, RestIntegrationOptions, RestLambdaAliasIntegrationOptions, RestLambdaIntegrationOptions, RestMockIntegrationOptions, RestNlbIntegrationOptions } from './rest/integration';
export { RestMappingOptions, RestMethodResponse } from './rest/non-proxy';
export { RestServiceIntegrationOptions, RestSqsSendMessageOptions, RestStepFunctionsExecutionOptions, RestEventBridgePutEventsOptions, RestKinesisPutRecordOptions, RestDynamoDbKeyValue, RestDynamoDbGetItemOptions, RestDynamoDbPutItemOptions, RestDynamoDbQueryOptions, RestS3ObjectOptions } from './rest/service-integrations';
export { IRestGateway, RestCanaryOptions, RestGatewayAttributes, RestGatewayProps, RestRouteOptions, RestStageOptions } from './rest/props';
export { RestGateway } from './rest/rest-gateway';
export { HttpAuthorization, HttpAuthorizationConfig, HttpAuthorizationKind, HttpJwtAuthorizationOptions, HttpLambdaAuthorizationOptions } from './http/authorization';
export { IHttpGateway } from './http/base';
export { HttpGateway } from './http/http-gateway';
export { HttpIntegration, HttpIntegrationBindOptions, HttpIntegrationConfig, HttpIntegrationOptions, HttpLambdaAliasIntegrationOptions, HttpLambdaIntegrationOptions, HttpPrivateIntegrationOptions, HttpServiceDiscoveryIntegrationOptions, HttpUrlIntegrationOptions, HttpServiceIntegrationOptions, HttpSqsSendMessageOptions, HttpStepFunctionsExecutionOptions, HttpEventBridgePutEventsOptions, HttpKinesisPutRecordOptions } from './http/integration';
export { HttpGatewayAttributes, HttpGatewayProps, HttpRouteOptions, HttpStageOptions } from './http/props';
export { WebSocketAuthorization, WebSocketAuthorizationKind, WebSocketLambdaRequestAuthorizationOptions } from './websocket/authorization';
export { IWebSocketGateway, WebSocketGatewayAttributes } from './websocket/base';
export { WebSocketHttpIntegrationOptions, WebSocketIntegration, WebSocketIntegrationBindOptions, WebSocketIntegrationConfig, WebSocketIntegrationOptions, WebSocketLambdaAliasIntegrationOptions, WebSocketSqsIntegrationOptions, WebSocketSqsSendMessageOptions, WebSocketStepFunctionsExecutionOptions, WebSocketEventBridgePutEventsOptions, WebSocketKinesisPutRecordOptions, WebSocketMockIntegrationOptions } from './websocket/integration';
export { WebSocketGatewayProps, WebSocketRouteOptions, WebSocketStageOptions } from './websocket/props';
export { WebSocketGateway } from './websocket/websocket-gateway';
export { SnapshotTemplate, SnapshotTemplateOptions } from './testing/snapshot';

export { GatewayIntegrationConfig } from './common/integration-config';
