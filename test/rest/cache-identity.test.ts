import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { RestAuthorization, RestGateway, RestIntegration, RestStageOptions } from '../../lib';
import { callerIdentityCacheKeys } from '../../lib/rest/cache-identity';

const env = { account: '123456789012', region: 'eu-west-1' };
const CACHED: RestStageOptions[] = [{ stageName: 'dev' }, { stageName: 'prod', cache: {} }];

function setup(stages: RestStageOptions[] = CACHED) {
  const stack = new Stack(new App(), 'Stack', { env });
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({})'),
  });
  const pool = new cognito.UserPool(stack, 'Users');
  const api = new RestGateway(stack, 'Orders', { stages });
  return { stack, fn, pool, api, integration: RestIntegration.lambdaFunction(fn) };
}

function methodSettings(template: Template, stageName: string): Array<{ [key: string]: unknown }> {
  const stages = Object.values(template.findResources('AWS::ApiGateway::Stage', { Properties: { StageName: stageName } }));
  expect(stages).toHaveLength(1);
  return stages[0].Properties.MethodSettings;
}

describe('authorized routes are cached per caller', () => {
  test('Cognito: the Authorization header is declared and added to the cache key after the path parameters', () => {
    // GIVEN
    const { stack, pool, api, integration } = setup();

    // WHEN
    api.addRoute('GET /me/orders/{id}', integration, { authorization: RestAuthorization.cognito([pool]) });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      RequestParameters: { 'method.request.path.id': true, 'method.request.header.Authorization': false },
      Integration: Match.objectLike({ CacheKeyParameters: ['method.request.path.id', 'method.request.header.Authorization'] }),
    });
  });

  test('Lambda TOKEN with a custom identity source: that header is the cache key', () => {
    // GIVEN
    const { stack, fn, api, integration } = setup();

    // WHEN
    api.addRoute('GET /me', integration, { authorization: RestAuthorization.lambdaToken(fn, { identitySource: 'method.request.header.X-Session' }) });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      RequestParameters: { 'method.request.header.X-Session': false },
      Integration: Match.objectLike({ CacheKeyParameters: ['method.request.header.X-Session'] }),
    });
  });

  test('Lambda REQUEST with header and query-string sources: both are in the cache key, a required declaration is kept', () => {
    // GIVEN
    const { stack, fn, api, integration } = setup();

    // WHEN
    api.addRoute('GET /me', integration, {
      authorization: RestAuthorization.lambdaRequest(fn, {
        identitySources: [apigateway.IdentitySource.header('X-Tenant'), apigateway.IdentitySource.queryString('token')],
      }),
      requestParameters: { 'method.request.header.X-Tenant': true },
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      RequestParameters: { 'method.request.header.X-Tenant': true, 'method.request.querystring.token': false },
      Integration: Match.objectLike({ CacheKeyParameters: ['method.request.header.X-Tenant', 'method.request.querystring.token'] }),
    });
  });

  test('an identity parameter the user already keys on is not repeated', () => {
    // GIVEN
    const { stack, pool, api, integration } = setup();

    // WHEN
    api.addRoute('GET /me', integration, {
      authorization: RestAuthorization.cognito([pool]),
      requestParameters: { 'method.request.header.Authorization': true },
      cache: { keyParameters: ['method.request.header.Authorization'] },
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: Match.objectLike({ CacheKeyParameters: ['method.request.header.Authorization'] }),
    });
  });

  test('POST routes explicitly cached get the identity key too', () => {
    // GIVEN
    const { stack, pool, api, integration } = setup();

    // WHEN
    api.addRoute('POST /search', integration, { authorization: RestAuthorization.cognito([pool]), cache: { enabled: true } });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      Integration: Match.objectLike({ CacheKeyParameters: ['method.request.header.Authorization'] }),
    });
  });
});

describe('routes whose caller cannot be a cache key are not cached by default', () => {
  test('IAM (the default): GET is not cached on cached stages, untouched elsewhere, and no identity key is added', () => {
    // GIVEN
    const { stack, api, integration } = setup();

    // WHEN
    api.addRoute('GET /me', integration);

    // THEN
    const template = Template.fromStack(stack);
    expect(methodSettings(template, 'prod')).toEqual([
      expect.objectContaining({ HttpMethod: '*', ResourcePath: '/*', CachingEnabled: true }),
      expect.objectContaining({ HttpMethod: 'GET', ResourcePath: '/~1me', CachingEnabled: false, CacheDataEncrypted: true }),
    ]);
    expect(methodSettings(template, 'dev')).toEqual([expect.objectContaining({ HttpMethod: '*', ResourcePath: '/*' })]);
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET', AuthorizationType: 'AWS_IAM', RequestParameters: Match.absent(), Integration: Match.objectLike({ CacheKeyParameters: Match.absent() }),
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('cache.enabled'));
  });

  test('Lambda REQUEST reading context.sourceIp: not cached by default', () => {
    // GIVEN
    const { stack, fn, api, integration } = setup();

    // WHEN
    api.addRoute('GET /me', integration, {
      authorization: RestAuthorization.lambdaRequest(fn, { identitySources: [apigateway.IdentitySource.header('X-Tenant'), apigateway.IdentitySource.context('sourceIp')] }),
    });

    // THEN
    expect(methodSettings(Template.fromStack(stack), 'prod')).toEqual([
      expect.objectContaining({ ResourcePath: '/*' }),
      expect.objectContaining({ HttpMethod: 'GET', ResourcePath: '/~1me', CachingEnabled: false }),
    ]);
  });

  test('IAM with cache.enabled: cached as asked, with a warning naming the route', () => {
    // GIVEN
    const { stack, api, integration } = setup();

    // WHEN
    api.addRoute('GET /catalog/{id}', integration, { cache: { enabled: true } });

    // THEN
    expect(methodSettings(Template.fromStack(stack), 'prod')).toEqual([
      expect.objectContaining({ ResourcePath: '/*' }),
      expect.objectContaining({ HttpMethod: 'GET', ResourcePath: '/~1catalog~1{id}', CachingEnabled: true }),
    ]);
    Annotations.fromStack(stack).hasWarning('/Stack/Orders', Match.stringLikeRegexp(
      'route \'GET /catalog/\\{id\\}\' sets cache.enabled, but its AWS_IAM authorization has no caller identity that can be a cache key'));
  });

  test('a route throttle on an IAM route keeps its throttle and is not cached', () => {
    // GIVEN
    const { stack, api, integration } = setup();

    // WHEN
    api.addRoute('GET /me', integration, { throttle: { rateLimit: 7, burstLimit: 9 } });

    // THEN
    const template = Template.fromStack(stack);
    expect(methodSettings(template, 'prod')[1]).toEqual(expect.objectContaining({ CachingEnabled: false, ThrottlingRateLimit: 7 }));
    expect(methodSettings(template, 'dev')[1]).toEqual(expect.objectContaining({ ThrottlingRateLimit: 7 }));
    expect(methodSettings(template, 'dev')[1].CachingEnabled).toBeUndefined();
  });

  test('public routes and uncached methods are unchanged', () => {
    // GIVEN
    const { stack, api, integration } = setup();

    // WHEN
    api.addRoute('GET /health', integration, { authorization: RestAuthorization.none() });
    api.addRoute('POST /orders', integration);

    // THEN
    expect(methodSettings(Template.fromStack(stack), 'prod')).toHaveLength(1);
  });

  test('without any stage cache nothing changes', () => {
    // GIVEN
    const { stack, pool, api, integration } = setup([{ stageName: 'prod' }]);

    // WHEN
    api.addRoute('GET /me', integration, { authorization: RestAuthorization.cognito([pool]) });
    api.addRoute('GET /iam', integration);

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      AuthorizationType: 'COGNITO_USER_POOLS', RequestParameters: Match.absent(), Integration: Match.objectLike({ CacheKeyParameters: Match.absent() }),
    });
    expect(methodSettings(template, 'prod')).toHaveLength(1);
  });
});

describe('callerIdentityCacheKeys (pure)', () => {
  test.each([
    [['method.request.header.Authorization'], ['method.request.header.Authorization']],
    [['method.request.header.X-Tenant', 'method.request.querystring.token'], ['method.request.header.X-Tenant', 'method.request.querystring.token']],
    [[], undefined],
    [['context.sourceIp'], undefined],
    [['method.request.header.X-Tenant', 'stageVariables.tenant'], undefined],
  ])('%j -> %j', (sources, keys) => {
    expect(callerIdentityCacheKeys(sources)).toEqual(keys);
  });
});

describe('a stage without a cache turns the cache cluster off', () => {
  test('CacheClusterEnabled is rendered false, so removing `cache` turns the cluster off (aws-cdk #32342)', () => {
    // GIVEN
    const { stack, api, integration } = setup([{ stageName: 'dev' }, { stageName: 'prod', cache: {} }]);

    // WHEN
    api.addRoute('GET /orders', integration, { authorization: RestAuthorization.none() });

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'dev', CacheClusterEnabled: false, CacheClusterSize: Match.absent() });
    template.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'prod', CacheClusterEnabled: true, CacheClusterSize: '0.5' });
  });
});
