/**
 * Features API Gateway offers only on REST APIs (rule 21) that an HttpGateway is asked for: it
 * rejects each by name and points to RestGateway, rather than silently dropping it.
 */
import { IConstruct } from 'constructs';
import { EndpointKind, GatewayEndpoint } from '../common/endpoint';
import { GatewayValidationError } from '../common/errors';
import { FeatureHome, FeatureTable, missingFeatureViolation, rejectMissingFeatures } from '../common/missing-features';

const REST: FeatureHome = { apiKind: 'REST API', gateway: 'RestGateway' };

/** The rule text for a REST-only feature asked of another API kind (default: HTTP APIs). */
export function restOnlyFeatureViolation(feature: string, apiKind: string = 'HTTP APIs'): string {
  return missingFeatureViolation(feature, apiKind, REST);
}

/** Throws the error for a REST-only feature. */
export function rejectRestOnlyFeature(scope: IConstruct, prop: string, value: unknown, feature: string, apiKind?: string): never {
  throw new GatewayValidationError(scope, prop, value, restOnlyFeatureViolation(feature, apiKind));
}

/** REST stage options an HTTP stage does not have, and the feature each one is. */
const REST_ONLY_STAGE_OPTIONS: FeatureTable = {
  cache: 'caching',
  canary: 'a canary deployment (shift traffic between versions with the stage\'s lambdaAliases and aliasTrafficShifting instead)',
  webAclArn: 'AWS WAF',
  tracing: 'AWS X-Ray tracing',
  executionLogLevel: 'execution logging',
  dataTrace: 'execution logging',
};

/** REST route options an HTTP route does not have. */
const REST_ONLY_ROUTE_OPTIONS: FeatureTable = {
  cache: 'caching',
  apiKeyRequired: 'an API key',
  requestSchema: 'request validation',
  requestParameters: 'request validation',
};

/** REST gateway props an HTTP gateway does not have. */
const REST_ONLY_GATEWAY_PROPS: FeatureTable = {
  policyStatements: 'a resource policy',
  binaryMediaTypes: 'binary media types (HTTP APIs pass binary bodies base64-encoded to Lambda)',
  minCompressionSize: 'response compression',
};

/**
 * Rejects REST-only options that reached an HTTP gateway at run time (from JavaScript, or from
 * a TypeScript object typed for RestGateway).
 */
export function rejectRestOnlyStageOptions(scope: IConstruct, prop: string, options: object, apiKind?: string, allowed?: string[]): void {
  rejectMissingFeatures(scope, `${prop}.`, options, REST_ONLY_STAGE_OPTIONS, f => restOnlyFeatureViolation(f, apiKind), allowed);
}

/** Rejects REST-only route options. */
export function rejectRestOnlyRouteOptions(scope: IConstruct, prop: string, options: object): void {
  rejectMissingFeatures(scope, `${prop}.`, options, REST_ONLY_ROUTE_OPTIONS, f => restOnlyFeatureViolation(f));
}

/** Rejects REST-only gateway props. */
export function rejectRestOnlyGatewayProps(scope: IConstruct, props: object): void {
  rejectMissingFeatures(scope, '', props, REST_ONLY_GATEWAY_PROPS, f => restOnlyFeatureViolation(f));
}

/** HTTP APIs are regional only (rule 4): edge-optimized and private endpoints are REST features. */
export function rejectNonRegionalEndpoint(scope: IConstruct, endpoint: GatewayEndpoint | undefined): void {
  if (!endpoint || endpoint.kind === EndpointKind.REGIONAL) return;
  const feature = endpoint.kind === EndpointKind.EDGE
    ? 'an edge-optimized endpoint (HTTP APIs are regional only; put CloudFront in front of one yourself)'
    : 'a private endpoint (HTTP APIs are regional only; reach private backends with VPC-link integrations instead)';
  rejectRestOnlyFeature(scope, 'endpoint', endpoint.kind, feature);
}
