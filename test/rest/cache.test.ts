import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CacheClusterSize, RestAuthorization, RestGateway, RestIntegration, RestStageOptions } from '../../lib';

const env = { account: '123456789012', region: 'eu-west-1' };

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env });
}

function newFunction(stack: Stack): lambda.Function {
  return new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({})'),
  });
}

// Public routes: the cache mechanics without the per-caller rules of authorized routes (those are
// in cache-identity.test.ts).
function cachedGateway(stack: Stack, stages: RestStageOptions[]): RestGateway {
  return new RestGateway(stack, 'Orders', { stages, defaultAuthorization: RestAuthorization.none() });
}

describe('stage cache', () => {
  test('enables the cache cluster with the given size and encrypted */* caching with the TTL', () => {
    // GIVEN
    const stack = newStack();
    const gateway = cachedGateway(stack, [{ stageName: 'prod', cache: { clusterSize: CacheClusterSize.GB_6_1, ttl: Duration.seconds(90) } }]);

    // WHEN
    gateway.addRoute('GET /orders', RestIntegration.mock());

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      CacheClusterEnabled: true,
      CacheClusterSize: '6.1',
      MethodSettings: [{
        HttpMethod: '*',
        ResourcePath: '/*',
        CachingEnabled: true,
        CacheDataEncrypted: true,
        CacheTtlInSeconds: 90,
        LoggingLevel: 'ERROR',
        DataTraceEnabled: false,
        MetricsEnabled: true,
        ThrottlingRateLimit: 10000,
        ThrottlingBurstLimit: 5000,
      }],
    });
  });

  test('defaults: 0.5 GB and a 300 s TTL', () => {
    // GIVEN
    const stack = newStack();
    const gateway = cachedGateway(stack, [{ stageName: 'prod', cache: {} }]);

    // WHEN
    gateway.addRoute('GET /orders', RestIntegration.mock());

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      CacheClusterEnabled: true,
      CacheClusterSize: '0.5',
      MethodSettings: [Match.objectLike({ CachingEnabled: true, CacheDataEncrypted: true, CacheTtlInSeconds: 300 })],
    });
  });

  test.each([
    [CacheClusterSize.GB_0_5, '0.5'], [CacheClusterSize.GB_1_6, '1.6'], [CacheClusterSize.GB_6_1, '6.1'],
    [CacheClusterSize.GB_13_5, '13.5'], [CacheClusterSize.GB_28_4, '28.4'], [CacheClusterSize.GB_58_2, '58.2'],
    [CacheClusterSize.GB_118, '118'], [CacheClusterSize.GB_237, '237'],
  ])('cluster size %s renders as %s', (clusterSize, rendered) => {
    // GIVEN
    const stack = newStack();
    const gateway = cachedGateway(stack, [{ stageName: 'prod', cache: { clusterSize } }]);

    // WHEN
    gateway.addRoute('GET /orders', RestIntegration.mock());

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', { CacheClusterSize: rendered });
  });

  test('only stages with a cache get one', () => {
    // GIVEN
    const stack = newStack();
    const gateway = cachedGateway(stack, [{ stageName: 'dev' }, { stageName: 'prod', cache: { ttl: Duration.seconds(120) } }]);

    // WHEN
    gateway.addRoute('GET /orders', RestIntegration.mock());

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'dev',
      CacheClusterEnabled: false,
      CacheClusterSize: Match.absent(),
      MethodSettings: [Match.objectLike({ CachingEnabled: Match.absent(), CacheDataEncrypted: Match.absent(), CacheTtlInSeconds: Match.absent() })],
    });
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      CacheClusterEnabled: true,
      MethodSettings: [Match.objectLike({ CachingEnabled: true, CacheTtlInSeconds: 120 })],
    });
  });

  test('a TTL of 0 is accepted', () => {
    // GIVEN
    const stack = newStack();
    const gateway = cachedGateway(stack, [{ stageName: 'prod', cache: { ttl: Duration.seconds(0) } }]);

    // WHEN
    gateway.addRoute('GET /orders', RestIntegration.mock());

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [Match.objectLike({ CacheTtlInSeconds: 0 })],
    });
  });

  test.each([3601, 7200])('a stage TTL of %d s is an error', seconds => {
    expect(() => cachedGateway(newStack(), [{ stageName: 'dev' }, { stageName: 'prod', cache: { ttl: Duration.seconds(seconds) } }]))
      .toThrow(new RegExp(`Stack/Orders: stages\\[1\\]\\.cache\\.ttl = "${seconds} s" is invalid: a cache TTL is a whole number of seconds from 0 to 3600`));
  });
});

describe('route cache', () => {
  test('a route override adds a method setting with its TTL, encrypted, on cached stages', () => {
    // GIVEN
    const stack = newStack();
    const gateway = cachedGateway(stack, [{ stageName: 'prod', cache: { ttl: Duration.seconds(200) } }]);

    // WHEN
    gateway.addRoute('GET /orders/{id}/lines', RestIntegration.mock(), { cache: { ttl: Duration.seconds(30) } });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', CacheTtlInSeconds: 200 }),
        Match.objectLike({
          HttpMethod: 'GET',
          ResourcePath: '/~1orders~1{id}~1lines',
          CachingEnabled: true,
          CacheDataEncrypted: true,
          CacheTtlInSeconds: 30,
          LoggingLevel: 'ERROR',
          ThrottlingRateLimit: 10000,
          ThrottlingBurstLimit: 5000,
        }),
      ],
    });
  });

  test('a route can turn caching off; non-GET routes are not cached unless enabled; TTL defaults to the stage', () => {
    // GIVEN
    const stack = newStack();
    const gateway = cachedGateway(stack, [{ stageName: 'prod', cache: { ttl: Duration.seconds(240) } }]);

    // WHEN
    gateway.addRoute('GET /live', RestIntegration.mock(), { cache: { enabled: false } });
    gateway.addRoute('POST /search', RestIntegration.mock(), { cache: { ttl: Duration.seconds(15) } });
    gateway.addRoute('PUT /lookup', RestIntegration.mock(), { cache: { enabled: true } });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/*' }),
        Match.objectLike({ HttpMethod: 'GET', ResourcePath: '/~1live', CachingEnabled: false, CacheTtlInSeconds: 240, CacheDataEncrypted: true }),
        Match.objectLike({ HttpMethod: 'POST', ResourcePath: '/~1search', CachingEnabled: false, CacheTtlInSeconds: 15 }),
        Match.objectLike({ HttpMethod: 'PUT', ResourcePath: '/~1lookup', CachingEnabled: true, CacheTtlInSeconds: 240 }),
      ],
    });
  });

  test('a route cache with a throttle keeps both on cached stages and only the throttle elsewhere', () => {
    // GIVEN
    const stack = newStack();
    const gateway = cachedGateway(stack, [{ stageName: 'dev' }, { stageName: 'prod', cache: {} }]);

    // WHEN
    gateway.addRoute('GET /orders', RestIntegration.mock(), { cache: { ttl: Duration.seconds(20) }, throttle: { rateLimit: 77, burstLimit: 88 } });

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      MethodSettings: [
        Match.objectLike({ ResourcePath: '/*' }),
        Match.objectLike({ ResourcePath: '/~1orders', CachingEnabled: true, CacheTtlInSeconds: 20, ThrottlingRateLimit: 77, ThrottlingBurstLimit: 88 }),
      ],
    });
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'dev',
      MethodSettings: [
        Match.objectLike({ ResourcePath: '/*' }),
        Match.objectLike({ ResourcePath: '/~1orders', CachingEnabled: Match.absent(), CacheTtlInSeconds: Match.absent(), ThrottlingRateLimit: 77 }),
      ],
    });
  });

  test('a route on the root path keeps the / resource path', () => {
    // GIVEN
    const stack = newStack();
    const gateway = cachedGateway(stack, [{ stageName: 'prod', cache: {} }]);

    // WHEN
    gateway.addRoute('GET /', RestIntegration.mock(), { cache: { ttl: Duration.seconds(10) } });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [Match.objectLike({ ResourcePath: '/*' }), Match.objectLike({ HttpMethod: 'GET', ResourcePath: '/', CacheTtlInSeconds: 10 })],
    });
  });

  test('a route TTL above 3600 s is an error', () => {
    // GIVEN
    const gateway = cachedGateway(newStack(), [{ stageName: 'prod', cache: {} }]);

    // THEN
    expect(() => gateway.addRoute('GET /orders', RestIntegration.mock(), { cache: { ttl: Duration.seconds(3601) } }))
      .toThrow(/Stack\/Orders: route 'GET \/orders' cache\.ttl = "3601 s" is invalid: a cache TTL is a whole number of seconds from 0 to 3600/);
  });
});

describe('cache key', () => {
  test('path parameters are always in the integration cache key', () => {
    // GIVEN
    const stack = newStack();
    const gateway = cachedGateway(stack, [{ stageName: 'prod', cache: {} }]);

    // WHEN
    gateway.addRoute('GET /orders/{orderId}/lines/{lineId}', RestIntegration.lambdaFunction(newFunction(stack)));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: Match.objectLike({ CacheKeyParameters: ['method.request.path.orderId', 'method.request.path.lineId'] }),
    });
  });

  test('declared key parameters are added after the path parameters', () => {
    // GIVEN
    const stack = newStack();
    const gateway = cachedGateway(stack, [{ stageName: 'prod', cache: {} }]);

    // WHEN
    gateway.addRoute('GET /orders/{id}', RestIntegration.http('https://backend.example.com/orders/{id}'), {
      requestParameters: { 'method.request.querystring.page': false, 'method.request.header.X-Tenant': true },
      cache: { keyParameters: ['method.request.querystring.page', 'method.request.header.X-Tenant'] },
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: Match.objectLike({
        CacheKeyParameters: ['method.request.path.id', 'method.request.querystring.page', 'method.request.header.X-Tenant'],
      }),
    });
  });

  test('routes without path or key parameters have no cache key', () => {
    // GIVEN
    const stack = newStack();
    const gateway = cachedGateway(stack, [{ stageName: 'prod', cache: {} }]);

    // WHEN
    gateway.addRoute('GET /orders', RestIntegration.lambdaFunction(newFunction(stack)));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: Match.objectLike({ CacheKeyParameters: Match.absent() }),
    });
  });

  test('a key parameter that the route does not declare is an error', () => {
    // GIVEN
    const gateway = cachedGateway(newStack(), [{ stageName: 'prod', cache: {} }]);

    // THEN
    expect(() => gateway.addRoute('GET /orders', RestIntegration.mock(), {
      requestParameters: { 'method.request.querystring.page': false },
      cache: { keyParameters: ['method.request.querystring.size'] },
    })).toThrow(/Stack\/Orders: route 'GET \/orders' cache\.keyParameters = "method\.request\.querystring\.size" is invalid: a cache key parameter must be declared in requestParameters/);
  });
});
