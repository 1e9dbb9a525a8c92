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
    ['canary', 'a canary deployment (shift traffic between versions with the stage\'s lambdaAliases and aliasTrafficShifting instead)'],
    ['webAclArn', 'AWS WAF'],
    ['tracing', 'AWS X-Ray tracing'],
    ['executionLogLevel', 'execution logging'],
    ['dataTrace', 'execution logging'],
  ])('%s is rejected as %s', (prop, feature) => {
    expect(() => rejectRestOnlyStageOptions(scope(), 'stages[2]', { stageName: 'x', [prop]: false }))
      .toThrow(`Stack/Gw: stages[2].${prop} = false is invalid: ${feature} is a REST API feature`);
  });

  test('only the REST key of otherwise valid stage options is rejected (undefined values pass)', () => {
    const ok = { stageName: 'x', throttle: {}, variables: {}, autoDeploy: true, cache: undefined };
    rejectRestOnlyStageOptions(scope(), 'stages[0]', ok);
    expect(() => rejectRestOnlyStageOptions(scope(), 'stages[0]', { ...ok, tracing: true })).toThrow(/stages\[0\]\.tracing = true/);
  });

  test('allowed keys and the API kind are honoured', () => {
    expect(() => rejectRestOnlyStageOptions(scope(), 's', { dataTrace: false, tracing: true }, 'WebSocket APIs', ['dataTrace']))
      .toThrow(/s\.tracing = true is invalid: AWS X-Ray tracing is a REST API feature that WebSocket APIs do not have/);
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

  test('only the REST keys of otherwise valid route options and props are rejected', () => {
    const route = { throttle: {}, authorizationScopes: [] };
    rejectRestOnlyRouteOptions(scope(), 'route', route);
    expect(() => rejectRestOnlyRouteOptions(scope(), 'route', { ...route, cache: {} })).toThrow(/route\.cache = \{\}/);
    const props = { description: 'x', cors: { allowOrigins: ['*'] } };
    rejectRestOnlyGatewayProps(scope(), props);
    expect(() => rejectRestOnlyGatewayProps(scope(), { ...props, binaryMediaTypes: ['a/b'] })).toThrow(/binaryMediaTypes/);
  });
});

describe('rejectNonRegionalEndpoint', () => {
  test('regional and absent pass, edge on the same scope fails', () => {
    const s = scope();
    rejectNonRegionalEndpoint(s, GatewayEndpoint.regional());
    rejectNonRegionalEndpoint(s, undefined);
    expect(() => rejectNonRegionalEndpoint(s, GatewayEndpoint.edge())).toThrow(/endpoint = "EDGE"/);
  });

  test.each([
    [GatewayEndpoint.edge(), /Stack\/Gw: endpoint = "EDGE" is invalid: an edge-optimized endpoint \(HTTP APIs are regional only.*use RestGateway for it/],
    [GatewayEndpoint.privateEndpoint({}), /Stack\/Gw: endpoint = "PRIVATE" is invalid: a private endpoint \(HTTP APIs are regional only.*use RestGateway for it/],
  ])('rejects %o', (endpoint, message) => {
    expect(() => rejectNonRegionalEndpoint(scope(), endpoint)).toThrow(message);
  });
});
