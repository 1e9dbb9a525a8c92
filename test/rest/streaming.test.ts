/**
 * Lambda response streaming on REST routes (issue 16, part B): `responseTransferMode: STREAM` on
 * `RestIntegration.lambdaFunction` and `.lambdaAlias`: Lambda's InvokeWithResponseStream URI,
 * timeouts up to 15 minutes, one permission per function per stage, never cached.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  CacheClusterSize, GatewayEndpoint, RestAuthorization, RestGateway, RestGatewayProps, RestIntegration, RestIntegrationBindOptions,
  RestIntegrationConfig, RestRouteOptions,
} from '../../lib';
import { lambdaStreamingInvocationPath } from '../../lib/common/lambda-invocation';
import { REST_STREAM_MAX_TIMEOUT_MS, responseTransferViolation, streamingCacheViolation } from '../../lib/rest/streaming';
import { aliasSetup, fn as newFunction, newStack } from '../support/fixtures';
import { expectGatewayError, js } from '../support/js-callers';

const STREAM = apigateway.ResponseTransferMode.STREAM;

function fixture(props: RestGatewayProps = {}): { stack: Stack; fn: lambda.Function; api: RestGateway } {
  const stack = newStack();
  return { stack, fn: newFunction(stack, 'Fn'), api: new RestGateway(stack, 'Orders', props) };
}

const streamingUri = (suffix: string = '') => ({
  'Fn::Join': ['', [
    'arn:', { Ref: 'AWS::Partition' }, ':apigateway:eu-west-1:lambda:path/2021-11-15/functions/',
    { 'Fn::GetAtt': [Match.stringLikeRegexp('^Fn'), 'Arn'] }, `${suffix}/response-streaming-invocations`,
  ]],
});

const cached = { stages: [{ stageName: 'prod', cache: { clusterSize: CacheClusterSize.GB_0_5 } }] };

describe('rules', () => {
  test('the streaming invocation path is Lambda\'s InvokeWithResponseStream', () => {
    expect(lambdaStreamingInvocationPath('arn:aws:lambda:eu-west-1:123456789012:function:f'))
      .toBe('2021-11-15/functions/arn:aws:lambda:eu-west-1:123456789012:function:f/response-streaming-invocations');
  });

  test('streams only proxy integrations', () => {
    expect(responseTransferViolation(STREAM, true)).toBeUndefined();
    expect(responseTransferViolation(apigateway.ResponseTransferMode.BUFFERED, false)).toBeUndefined();
    expect(responseTransferViolation(undefined, false)).toBeUndefined();
    expect(responseTransferViolation(STREAM, false)).toMatch(/API Gateway streams only proxy integrations \(AWS_PROXY, HTTP_PROXY\)/);
  });

  test('a streaming route takes no cache options but enabled: false', () => {
    expect(streamingCacheViolation(undefined)).toBeUndefined();
    expect(streamingCacheViolation({ enabled: false })).toBeUndefined();
    expect(streamingCacheViolation({ keyParameters: [] })).toBeUndefined();
    for (const cache of [{ enabled: true }, { ttl: Duration.seconds(60) }, { keyParameters: ['method.request.querystring.q'] }]) {
      expect(streamingCacheViolation(cache)).toMatch(/API Gateway does not cache streamed responses/);
    }
  });

  test('the limit is 15 minutes', () => {
    expect(REST_STREAM_MAX_TIMEOUT_MS).toBe(900000);
  });
});

describe('RestIntegration.lambdaFunction with responseTransferMode STREAM', () => {
  test('renders a Lambda proxy integration with the streaming URI, the transfer mode and the timeout', () => {
    // GIVEN
    const { stack, fn, api } = fixture();

    // WHEN
    api.addRoute('POST /chat', RestIntegration.lambdaFunction(fn, { responseTransferMode: STREAM, timeout: Duration.minutes(15) }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      Integration: {
        Type: 'AWS_PROXY',
        IntegrationHttpMethod: 'POST',
        Uri: streamingUri(),
        ResponseTransferMode: 'STREAM',
        TimeoutInMillis: 900000,
      },
      MethodResponses: Match.absent(),
    });
    // No quota increase is needed for a streaming timeout above 29 s.
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('timeoutAboveDefaultQuota'))).toHaveLength(0);
  });

  test('without a timeout it keeps API Gateway\'s default (29 s)', () => {
    // GIVEN
    const { stack, fn, api } = fixture();

    // WHEN
    api.addRoute('GET /events', RestIntegration.lambdaFunction(fn, { responseTransferMode: STREAM }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: Match.objectLike({ ResponseTransferMode: 'STREAM', TimeoutInMillis: Match.absent() }),
    });
  });

  test('BUFFERED given explicitly renders the buffered invocation', () => {
    // GIVEN
    const { stack, fn, api } = fixture();

    // WHEN
    api.addRoute('GET /orders', RestIntegration.lambdaFunction(fn, { responseTransferMode: apigateway.ResponseTransferMode.BUFFERED }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: Match.objectLike({
        ResponseTransferMode: 'BUFFERED',
        Uri: { 'Fn::Join': ['', Match.arrayWith(['/invocations'])] },
      }),
    });
  });

  test('a streaming and a buffered route of one function share its one permission per stage, with the same source ARN', () => {
    // GIVEN
    const { stack, fn, api } = fixture({ stages: [{ stageName: 'dev' }, { stageName: 'prod' }] });

    // WHEN
    api.addRoute('GET /orders', RestIntegration.lambdaFunction(fn));
    api.addRoute('POST /chat', RestIntegration.lambdaFunction(fn, { responseTransferMode: STREAM }));
    api.addRoute('POST /chat/{id}', RestIntegration.lambdaFunction(fn, { responseTransferMode: STREAM }));

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Permission', 2);
    for (const stage of ['dev', 'prod']) {
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Fn'), 'Arn'] },
        SourceArn: { 'Fn::Join': ['', Match.arrayWith([`/${stage}/*/*`])] },
      });
    }
  });

  test.each([
    ['regional', GatewayEndpoint.regional()],
    ['edge-optimized', GatewayEndpoint.edge()],
  ])('a timeout above 15 minutes is an error on a %s API', (_kind, endpoint) => {
    // GIVEN
    const { fn, api } = fixture({ endpoint });

    // THEN
    expectGatewayError(() => api.addRoute('POST /chat', RestIntegration.lambdaFunction(fn, { responseTransferMode: STREAM, timeout: Duration.seconds(901) })),
      /^Stack\/Orders\/Routes\/POST \|chat: route 'POST \/chat' integration timeout = "901000 ms" is invalid: an integration timeout is at most 900 seconds for streamed REST responses \(responseTransferMode STREAM\)$/);
  });

  test('a private API streams for up to 15 minutes', () => {
    // GIVEN
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
    const api = new RestGateway(stack, 'Orders', { endpoint: GatewayEndpoint.privateEndpoint({ vpc }) });

    // WHEN
    api.addRoute('POST /chat', RestIntegration.lambdaFunction(newFunction(stack, 'Fn'), { responseTransferMode: STREAM, timeout: Duration.minutes(15) }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: Match.objectLike({ ResponseTransferMode: 'STREAM', TimeoutInMillis: 900000 }),
    });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('streamIdleTimeoutEdge|timeoutAboveDefaultQuota'))).toHaveLength(0);
  });

  test('an edge-optimized API streams above 29 s, and warns about its 30 s idle timeout', () => {
    // GIVEN
    const { stack, fn, api } = fixture({ endpoint: GatewayEndpoint.edge() });

    // WHEN
    api.addRoute('POST /chat', RestIntegration.lambdaFunction(fn, { responseTransferMode: STREAM, timeout: Duration.minutes(5) }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: Match.objectLike({ ResponseTransferMode: 'STREAM', TimeoutInMillis: 300000 }),
    });
    Annotations.fromStack(stack).hasWarning('/Stack/Orders/Routes/POST |chat', Match.stringLikeRegexp(
      "route 'POST /chat' streams for up to 300 s on an edge-optimized API, which closes a stream that sends nothing for 30 s.*streamIdleTimeoutEdge"));
  });

  test('an edge-optimized streaming route of at most 30 s does not warn', () => {
    // GIVEN
    const { stack, fn, api } = fixture({ endpoint: GatewayEndpoint.edge() });

    // WHEN
    api.addRoute('POST /chat', RestIntegration.lambdaFunction(fn, { responseTransferMode: STREAM, timeout: Duration.seconds(30) }));

    // THEN
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('streamIdleTimeoutEdge'))).toHaveLength(0);
  });

  test('a buffered route keeps the buffered limits: above 29 s on an edge-optimized API is an error', () => {
    // GIVEN
    const { fn, api } = fixture({ endpoint: GatewayEndpoint.edge() });

    // THEN
    expectGatewayError(() => api.addRoute('GET /slow', RestIntegration.lambdaFunction(fn, { timeout: Duration.seconds(30) })),
      /route 'GET \/slow' integration timeout = "30000 ms" is invalid: an integration timeout is at most 29 seconds for edge-optimized REST APIs/);
  });

  test('a buffered route above 29 s on a regional API still warns about the quota', () => {
    // GIVEN
    const { stack, fn, api } = fixture();

    // WHEN
    api.addRoute('GET /slow', RestIntegration.lambdaFunction(fn, { timeout: Duration.seconds(60) }));

    // THEN
    Annotations.fromStack(stack).hasWarning('/Stack/Orders/Routes/GET |slow', Match.stringLikeRegexp('timeoutAboveDefaultQuota'));
  });

  test('streaming a non-proxy integration is an error', () => {
    // GIVEN
    const { fn, api } = fixture();

    // THEN
    expectGatewayError(() => api.addRoute('POST /chat', RestIntegration.lambdaFunction(fn, { proxy: false, responseTransferMode: STREAM })),
      /^Stack\/Orders\/Routes\/POST \|chat: route 'POST \/chat' lambdaFunction responseTransferMode = "STREAM" is invalid: API Gateway streams only proxy integrations/);
  });
});

describe('RestIntegration.lambdaAlias with responseTransferMode STREAM', () => {
  test('streams from the stage\'s alias; each alias keeps its one permission per stage', () => {
    // GIVEN
    const { stack, fn, dev, prod } = aliasSetup();
    const api = new RestGateway(stack, 'Orders', {
      stages: [{ stageName: 'dev', lambdaAliases: { lambdaAlias: dev } }, { stageName: 'prod', lambdaAliases: { lambdaAlias: prod } }],
    });

    // WHEN
    api.addRoute('POST /chat', RestIntegration.lambdaAlias(fn, { responseTransferMode: STREAM, timeout: Duration.minutes(10) }));
    api.addRoute('GET /orders', RestIntegration.lambdaAlias(fn));

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      Integration: Match.objectLike({ Type: 'AWS_PROXY', Uri: streamingUri(':${stageVariables.lambdaAlias}'), ResponseTransferMode: 'STREAM', TimeoutInMillis: 600000 }),
    });
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission')) as Array<{ Properties: { FunctionName: unknown; SourceArn: unknown } }>;
    expect(permissions).toHaveLength(2);
    const devPermission = permissions.find(p => JSON.stringify(p.Properties.FunctionName).includes(stack.getLogicalId(dev.node.defaultChild as lambda.CfnAlias)));
    expect(JSON.stringify(devPermission?.Properties.SourceArn)).toContain('/dev/*/*');
  });
});

describe('a streamed response is never cached', () => {
  test('on a stage with a cache, a streaming GET route has caching turned off; a buffered one stays cached', () => {
    // GIVEN
    const { stack, fn, api } = fixture(cached);

    // WHEN
    api.addRoute('GET /events', RestIntegration.lambdaFunction(fn, { responseTransferMode: STREAM }), { authorization: RestAuthorization.none() });
    api.addRoute('GET /orders', RestIntegration.lambdaFunction(fn), { authorization: RestAuthorization.none() });

    // THEN
    const settings = Template.fromStack(stack).findResources('AWS::ApiGateway::Stage');
    const methodSettings = (Object.values(settings)[0] as { Properties: { MethodSettings: Array<{ [k: string]: unknown }> } }).Properties.MethodSettings;
    expect(methodSettings.find(s => s.ResourcePath === '/~1events')).toMatchObject({ HttpMethod: 'GET', CachingEnabled: false });
    expect(methodSettings.find(s => s.ResourcePath === '/~1orders')).toBeUndefined();
    expect(methodSettings.find(s => s.ResourcePath === '/*')).toMatchObject({ CachingEnabled: true });
  });

  test('an ANY streaming route is uncached for every method', () => {
    // GIVEN
    const { stack, fn, api } = fixture(cached);

    // WHEN
    api.addRoute('ANY /chat/{proxy+}', RestIntegration.lambdaFunction(fn, { responseTransferMode: STREAM }), { authorization: RestAuthorization.none() });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([Match.objectLike({ HttpMethod: '*', ResourcePath: '/~1chat~1{proxy+}', CachingEnabled: false })]),
    });
  });

  test('a custom integration that streams is uncached too', () => {
    // GIVEN
    const { stack, api } = fixture(cached);
    class Streaming extends RestIntegration {
      public bind(_options: RestIntegrationBindOptions): RestIntegrationConfig {
        return { integration: new apigateway.HttpIntegration('https://stream.example.com', { options: { responseTransferMode: STREAM } }) };
      }
    }

    // WHEN
    api.addRoute('GET /feed', new Streaming(), { authorization: RestAuthorization.none() });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([Match.objectLike({ HttpMethod: 'GET', ResourcePath: '/~1feed', CachingEnabled: false })]),
    });
  });

  test.each([
    ['enabled: true', { enabled: true }, /\{"enabled":true\}/],
    ['a TTL', { ttl: Duration.seconds(60) }, /\{"ttl":.*\}/],
    ['cache key parameters', { keyParameters: ['method.request.querystring.q'] }, /\{"keyParameters":\["method\.request\.querystring\.q"\]\}/],
  ])('cache options with %s on a streaming route are an error', (_what, cache, value) => {
    // GIVEN
    const { fn, api } = fixture(cached);

    // THEN
    expectGatewayError(() => api.addRoute('GET /events', RestIntegration.lambdaFunction(fn, { responseTransferMode: STREAM }), {
      authorization: RestAuthorization.none(), requestParameters: { 'method.request.querystring.q': false }, cache,
    }), new RegExp(`^Stack/Orders: route 'GET /events' cache = ${value.source} is invalid: API Gateway does not cache streamed responses \\(responseTransferMode STREAM\\), so a streaming route is never cached; remove its cache options$`));
  });

  test('cache: { enabled: false } on a streaming route is accepted', () => {
    // GIVEN
    const { stack, fn, api } = fixture(cached);

    // WHEN
    api.addRoute('GET /events', RestIntegration.lambdaFunction(fn, { responseTransferMode: STREAM }), { cache: { enabled: false } });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([Match.objectLike({ ResourcePath: '/~1events', CachingEnabled: false })]),
    });
  });
});

describe('from JavaScript', () => {
  test.each([
    ['an unknown transfer mode', () => RestIntegration.lambdaFunction(newFunction(newStack(), 'Fn'), js({ responseTransferMode: 'STREAMING' })),
      /^RestIntegration\.lambdaFunction: options\.responseTransferMode = "STREAMING" is invalid: expected one of apigateway\.ResponseTransferMode\.BUFFERED \("BUFFERED"\), apigateway\.ResponseTransferMode\.STREAM \("STREAM"\)$/],
    ['a transfer mode given as a boolean', () => RestIntegration.lambdaAlias(newFunction(newStack(), 'Fn'), js({ responseTransferMode: true })),
      /^RestIntegration\.lambdaAlias: options\.responseTransferMode = true is invalid: expected one of apigateway\.ResponseTransferMode\.BUFFERED/],
    ['a streaming timeout given as a number', () => RestIntegration.lambdaFunction(newFunction(newStack(), 'Fn'), js({ responseTransferMode: 'STREAM', timeout: 900 })),
      /^RestIntegration\.lambdaFunction: options\.timeout = 900 is invalid: expected a Duration such as Duration\.seconds\(30\), got a number$/],
  ])('rejects %s', (_what, make, message) => {
    expectGatewayError(make, message);
  });

  test('the transfer mode given as a string synthesizes', () => {
    // GIVEN
    const { stack, fn, api } = fixture();

    // WHEN
    api.addRoute('POST /chat', RestIntegration.lambdaFunction(fn, js({ responseTransferMode: 'STREAM', timeout: Duration.minutes(2) })));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: Match.objectLike({ Uri: streamingUri(), ResponseTransferMode: 'STREAM', TimeoutInMillis: 120000 }),
    });
  });

  test('cache options on a streaming route are rejected for a JavaScript caller too', () => {
    // GIVEN
    const { fn, api } = fixture(cached);

    // THEN
    expectGatewayError(() => api.addRoute('GET /events', RestIntegration.lambdaFunction(fn, js({ responseTransferMode: 'STREAM' })),
      js<RestRouteOptions>({ cache: { enabled: true } })), /route 'GET \/events' cache = \{"enabled":true\} is invalid: API Gateway does not cache streamed responses/);
  });
});
