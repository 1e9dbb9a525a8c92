import { App, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { GatewayEndpoint } from '../../lib/common/endpoint';
import {
  rejectNonRegionalEndpoint, rejectRestOnlyGatewayProps, rejectRestOnlyRouteOptions, rejectRestOnlyStageOptions, restOnlyFeatureViolation,
} from '../../lib/http/rest-only';

function scope(): Construct {
  return new Construct(new Stack(new App(), 'Stack'), 'Gw');
}

describe('restOnlyFeatureViolation', () => {
  test('names the feature and points to RestGateway', () => {
    expect(restOnlyFeatureViolation('caching')).toBe('caching is a REST API feature that HTTP APIs do not have; use RestGateway for it');
  });
});

describe('rejectRestOnlyStageOptions', () => {
  test.each([
    ['cache', 'caching'],
    ['canary', 'a canary deployment'],
    ['webAclArn', 'AWS WAF'],
    ['tracing', 'AWS X-Ray tracing'],
    ['executionLogLevel', 'execution logging'],
    ['dataTrace', 'execution logging'],
  ])('%s is rejected as %s', (prop, feature) => {
    expect(() => rejectRestOnlyStageOptions(scope(), 'stages[2]', { stageName: 'x', [prop]: false }))
      .toThrow(`Stack/Gw: stages[2].${prop} = false is invalid: ${feature} is a REST API feature`);
  });

  test('HTTP stage options pass', () => {
    expect(() => rejectRestOnlyStageOptions(scope(), 'stages[0]', { stageName: 'x', throttle: {}, variables: {}, autoDeploy: true })).not.toThrow();
  });

  test('undefined values pass', () => {
    expect(() => rejectRestOnlyStageOptions(scope(), 'stages[0]', { stageName: 'x', cache: undefined })).not.toThrow();
  });
});

describe('rejectRestOnlyRouteOptions and rejectRestOnlyGatewayProps', () => {
  test.each([
    ['apiKeyRequired', 'an API key'],
    ['cache', 'caching'],
    ['requestSchema', 'request validation'],
    ['requestParameters', 'request validation'],
  ])('route option %s is rejected as %s', (prop, feature) => {
    expect(() => rejectRestOnlyRouteOptions(scope(), 'route', { [prop]: 1 })).toThrow(`route.${prop} = 1 is invalid: ${feature} is a REST API feature`);
  });

  test.each([
    ['policyStatements', 'a resource policy'],
    ['binaryMediaTypes', 'binary media types'],
    ['minCompressionSize', 'response compression'],
  ])('gateway prop %s is rejected as %s', (prop, feature) => {
    expect(() => rejectRestOnlyGatewayProps(scope(), { [prop]: 1 })).toThrow(`Stack/Gw: ${prop} = 1 is invalid: ${feature}`);
  });

  test('HTTP route options and props pass', () => {
    expect(() => rejectRestOnlyRouteOptions(scope(), 'route', { throttle: {}, authorizationScopes: [] })).not.toThrow();
    expect(() => rejectRestOnlyGatewayProps(scope(), { description: 'x', cors: { allowOrigins: ['*'] } })).not.toThrow();
  });
});

describe('rejectNonRegionalEndpoint', () => {
  test('regional and absent pass', () => {
    expect(() => rejectNonRegionalEndpoint(scope(), GatewayEndpoint.regional())).not.toThrow();
    expect(() => rejectNonRegionalEndpoint(scope(), undefined)).not.toThrow();
  });

  test.each([
    [GatewayEndpoint.edge(), /Stack\/Gw: endpoint = "EDGE" is invalid: an edge-optimized endpoint \(HTTP APIs are regional only.*use RestGateway for it/],
    [GatewayEndpoint.privateEndpoint({}), /Stack\/Gw: endpoint = "PRIVATE" is invalid: a private endpoint \(HTTP APIs are regional only.*use RestGateway for it/],
  ])('rejects %o', (endpoint, message) => {
    expect(() => rejectNonRegionalEndpoint(scope(), endpoint)).toThrow(message);
  });
});
