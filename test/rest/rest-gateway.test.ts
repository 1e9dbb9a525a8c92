import { App, Duration, Size, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import {
  GatewayAccountLogging, GatewayEndpoint, RestAuthorization, RestGateway, RestGatewayProps, RestIntegration, RestStageOptions,
} from '../../lib';

const env = { account: '123456789012', region: 'eu-west-1' };

function newStack(app: App = new App(), id: string = 'Stack'): Stack {
  return new Stack(app, id, { env });
}

function newFunction(stack: Stack, id: string = 'Fn'): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({})'),
  });
}

/** A gateway with one mock route, so that it synthesizes. */
function gatewayWithRoute(stack: Stack, props: RestGatewayProps = {}): RestGateway {
  const gateway = new RestGateway(stack, 'Orders', props);
  gateway.addRoute('GET /health', RestIntegration.mock());
  return gateway;
}

function stageLogicalIds(template: Template): { [stageName: string]: string } {
  const result: { [stageName: string]: string } = {};
  for (const [logicalId, resource] of Object.entries(template.findResources('AWS::ApiGateway::Stage'))) {
    result[(resource as { Properties: { StageName: string } }).Properties.StageName] = logicalId;
  }
  return result;
}

function executeApiArn(suffix: string): object {
  return {
    'Fn::Join': ['', [
      'arn:', { Ref: 'AWS::Partition' }, ':execute-api:eu-west-1:123456789012:',
      { Ref: Match.stringLikeRegexp('^OrdersRestApi') }, suffix,
    ]],
  };
}

describe('defaults', () => {
  let template: Template;
  let stack: Stack;

  beforeEach(() => {
    // GIVEN
    stack = newStack();

    // WHEN
    const gateway = new RestGateway(stack, 'Orders');
    gateway.addRoute('GET /orders', RestIntegration.mock());
    template = Template.fromStack(stack);
  });

  test('regional endpoint named after the construct id', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      Name: 'Orders',
      EndpointConfiguration: { Types: ['REGIONAL'] },
      Policy: Match.absent(),
    });
  });

  test('one stage named prod', () => {
    template.resourceCountIs('AWS::ApiGateway::Stage', 1);
    template.resourceCountIs('AWS::ApiGateway::Deployment', 1);
    template.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'prod' });
  });

  test('routes are IAM-authorized', () => {
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', AuthorizationType: 'AWS_IAM', ApiKeyRequired: false });
  });

  test('JSON access logs with the request id to the stage log group', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      AccessLogSetting: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersAccessLogsprod'), 'Arn'] },
        Format: Match.serializedJson(Match.objectLike({
          requestId: '$context.requestId',
          caller: '$context.identity.caller',
          resourcePath: '$context.resourcePath',
          status: '$context.status',
        })),
      },
    });
  });

  test('log group kept 365 days, retained, encrypted with a rotating KMS key', () => {
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersLogsKey'), 'Arn'] } },
      DeletionPolicy: 'Retain',
    });
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('one method setting for */* : ERROR logs, no data trace, metrics, account-default throttle, no cache', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [{
        HttpMethod: '*',
        ResourcePath: '/*',
        LoggingLevel: 'ERROR',
        DataTraceEnabled: false,
        MetricsEnabled: true,
        ThrottlingRateLimit: 10000,
        ThrottlingBurstLimit: 5000,
        CachingEnabled: Match.absent(),
        CacheDataEncrypted: Match.absent(),
      }],
      // Explicitly off, so that removing a cache turns the cluster off (aws-cdk #32342).
      CacheClusterEnabled: false,
    });
  });

  test('X-Ray tracing on', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', { TracingEnabled: true });
  });

  test('no account-level CloudWatch role', () => {
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
    template.resourceCountIs('AWS::IAM::Role', 0);
  });

  test('a request validator for body and parameters', () => {
    template.resourceCountIs('AWS::ApiGateway::RequestValidator', 1);
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', {
      ValidateRequestBody: true,
      ValidateRequestParameters: true,
    });
  });

  test('no CORS, no gateway responses, no WAF', () => {
    template.resourceCountIs('AWS::ApiGateway::GatewayResponse', 0);
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
    expect(Object.values(template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } }))).toHaveLength(0);
  });
});

describe('gateway props', () => {
  test('name, description, edge endpoint, binary media types, compression, execute-api endpoint', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    gatewayWithRoute(stack, {
      apiName: 'orders-api',
      description: 'Orders for partners',
      endpoint: GatewayEndpoint.edge(),
      binaryMediaTypes: ['image/png'],
      minCompressionSize: Size.bytes(2048),
      disableExecuteApiEndpoint: true,
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::RestApi', {
      Name: 'orders-api',
      Description: 'Orders for partners',
      EndpointConfiguration: { Types: ['EDGE'] },
      BinaryMediaTypes: ['image/png'],
      DisableExecuteApiEndpoint: true,
      MinimumCompressionSize: 2048,
    });
  });

  test('exposes the L2 objects and the stage names', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const gateway = gatewayWithRoute(stack, { stages: [{ stageName: 'dev' }, { stageName: 'prod' }] });

    // THEN
    expect(gateway.restApi).toBeInstanceOf(apigateway.RestApi);
    expect(gateway.stageNames).toEqual(['dev', 'prod']);
    expect(gateway.stage('dev')).toBe(gateway.restApi.deploymentStage);
    expect(stack.resolve(gateway.stage('prod').stageName)).toEqual({ Ref: expect.stringMatching(/^OrdersRestApiDeploymentStageprod/) });
    expect(gateway.requestValidator).toBeInstanceOf(apigateway.RequestValidator);
  });

  test('stage() of an unknown stage names the known ones', () => {
    // GIVEN
    const gateway = gatewayWithRoute(newStack(), { stages: [{ stageName: 'dev' }, { stageName: 'prod' }] });

    // THEN
    expect(() => gateway.stage('test')).toThrow(/Stack\/Orders: stageName = "test" is invalid: no such stage; the stages are dev, prod/);
  });
});

describe('stages', () => {
  const stages: RestStageOptions[] = [
    { stageName: 'dev', variables: { backend: 'dev.internal.example.com', tier: 'small' }, throttle: { rateLimit: 11, burstLimit: 22 } },
    { stageName: 'test', variables: { backend: 'test.internal.example.com' }, throttle: { rateLimit: 33 } },
    { stageName: 'prod', throttle: { burstLimit: 44 }, description: 'Production' },
  ];

  test('each stage is a Stage of the one deployment with its own variables and throttle', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    gatewayWithRoute(stack, { stages });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Stage', 3);
    template.resourceCountIs('AWS::ApiGateway::Deployment', 1);
    template.resourceCountIs('AWS::Logs::LogGroup', 3);
    template.resourceCountIs('AWS::KMS::Key', 1);
    const deploymentId = Object.keys(template.findResources('AWS::ApiGateway::Deployment'))[0];
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'dev',
      DeploymentId: { Ref: deploymentId },
      Variables: { backend: 'dev.internal.example.com', tier: 'small' },
      MethodSettings: [Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 11, ThrottlingBurstLimit: 22 })],
    });
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'test',
      DeploymentId: { Ref: deploymentId },
      Variables: { backend: 'test.internal.example.com' },
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 33, ThrottlingBurstLimit: 5000 })],
    });
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      DeploymentId: { Ref: deploymentId },
      Description: 'Production',
      Variables: Match.absent(),
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 10000, ThrottlingBurstLimit: 44 })],
      AccessLogSetting: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersAccessLogsprod'), 'Arn'] }, Format: Match.anyValue() },
    });
  });

  test('stage logical ids stay the same when stages are reordered', () => {
    // GIVEN
    const before = newStack(new App());
    const after = newStack(new App());

    // WHEN
    gatewayWithRoute(before, { stages });
    gatewayWithRoute(after, { stages: [stages[2], stages[0], stages[1]] });

    // THEN
    const beforeTemplate = Template.fromStack(before);
    const afterTemplate = Template.fromStack(after);
    const beforeIds = stageLogicalIds(beforeTemplate);
    expect(Object.keys(beforeIds).sort()).toEqual(['dev', 'prod', 'test']);
    expect(stageLogicalIds(afterTemplate)).toEqual(beforeIds);
    expect(Object.keys(afterTemplate.toJSON().Resources).sort()).toEqual(Object.keys(beforeTemplate.toJSON().Resources).sort());
  });

  test('per-stage tracing, execution log level, data trace, metrics', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    gatewayWithRoute(stack, {
      stages: [
        { stageName: 'dev', tracing: false, executionLogLevel: apigateway.MethodLoggingLevel.INFO, dataTrace: true, detailedMetrics: false },
        { stageName: 'prod', executionLogLevel: apigateway.MethodLoggingLevel.OFF },
      ],
    });

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'dev',
      TracingEnabled: false,
      MethodSettings: [Match.objectLike({ LoggingLevel: 'INFO', DataTraceEnabled: true, MetricsEnabled: false })],
    });
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      TracingEnabled: true,
      MethodSettings: [Match.objectLike({ LoggingLevel: 'OFF', DataTraceEnabled: false, MetricsEnabled: true })],
    });
  });

  test('access logs can be turned off per stage', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    gatewayWithRoute(stack, { stages: [{ stageName: 'dev', accessLogs: { enabled: false } }, { stageName: 'prod' }] });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'dev', AccessLogSetting: Match.absent() });
    template.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'prod', AccessLogSetting: Match.objectLike({}) });
  });

  test('more than 10 stages warns: the quota can be raised per API', () => {
    // GIVEN
    const stack = newStack();
    const eleven = Array.from({ length: 11 }, (_, i) => ({ stageName: `s${i}` }));

    // WHEN
    new RestGateway(stack, 'Orders', { stages: eleven }).addRoute('GET /orders', RestIntegration.mock());

    // THEN
    Template.fromStack(stack).resourceCountIs('AWS::ApiGateway::Stage', 11);
    Annotations.fromStack(stack).hasWarning('/Stack/Orders',
      Match.stringLikeRegexp('^11 stages per REST API exceeds the default quota \\(API Gateway allows at most 10 stages per REST API'));
  });

  test('10 stages are allowed', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    gatewayWithRoute(stack, { stages: Array.from({ length: 10 }, (_, i) => ({ stageName: `s${i}` })) });

    // THEN
    Template.fromStack(stack).resourceCountIs('AWS::ApiGateway::Stage', 10);
  });

  test('no stages is an error', () => {
    expect(() => new RestGateway(newStack(), 'Orders', { stages: [] })).toThrow(/Stack\/Orders: stages = .* is invalid: a RestGateway has at least one stage/);
  });

  test('duplicate stage names are an error', () => {
    expect(() => new RestGateway(newStack(), 'Orders', { stages: [{ stageName: 'dev' }, { stageName: 'qa' }, { stageName: 'dev' }] }))
      .toThrow(/Stack\/Orders: stages\[2\]\.stageName = "dev" is invalid: stage names must be unique within one API/);
  });

  test.each([
    ['my stage', /Stack\/Orders: stages\[1\]\.stageName = "my stage" is invalid: a stage name is 1 to 128 characters/],
    ['prod!', /Stack\/Orders: stages\[1\]\.stageName = "prod!" is invalid/],
    ['', /Stack\/Orders: stages\[1\]\.stageName = "" is invalid/],
    ['x'.repeat(129), /stages\[1\]\.stageName = "x{129}" is invalid/],
  ])('invalid stage name %j is an error with path, prop and value', (stageName, message) => {
    expect(() => new RestGateway(newStack(), 'Orders', { stages: [{ stageName: 'ok' }, { stageName }] })).toThrow(message);
  });

  test('invalid stage variable name is an error with path, prop and value', () => {
    expect(() => new RestGateway(newStack(), 'Orders', { stages: [{ stageName: 'dev', variables: { 'alias-name': 'live' } }] }))
      .toThrow(/Stack\/Orders: stages\[0\]\.variables name = "alias-name" is invalid: a stage variable name is 1 to 64 characters/);
  });

  test('invalid stage variable value is an error with path, prop and value', () => {
    expect(() => new RestGateway(newStack(), 'Orders', { stages: [{ stageName: 'dev', variables: { backend: 'has space' } }] }))
      .toThrow(/Stack\/Orders: stages\[0\]\.variables\.backend = "has space" is invalid: a stage variable value is 1 to 512 characters/);
  });

  test('more than 100 stage variables is an error', () => {
    // GIVEN
    const variables: { [name: string]: string } = {};
    for (let i = 0; i < 101; i++) variables[`v${i}`] = 'x';

    // THEN
    expect(() => new RestGateway(newStack(), 'Orders', { stages: [{ stageName: 'dev', variables }] }))
      .toThrow(/Stack\/Orders: stages\[0\]\.variables = "101 variables" is invalid: API Gateway allows at most 100 stage variables per stage/);
  });

  test('invalid stage throttle is an error', () => {
    expect(() => new RestGateway(newStack(), 'Orders', { stages: [{ stageName: 'dev', throttle: { burstLimit: 2.5 } }] }))
      .toThrow(/Stack\/Orders: stages\[0\]\.throttle\.burstLimit = 2\.5 is invalid/);
  });

  test('stage throttle above the account default warns', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    gatewayWithRoute(stack, { stages: [{ stageName: 'dev', throttle: { rateLimit: 20000 } }] });

    // THEN
    Annotations.fromStack(stack).hasWarning('/Stack/Orders', Match.stringLikeRegexp('stages\\[0\\]\\.throttle\\.rateLimit 20000 exceeds the account default'));
  });
});

describe('routes', () => {
  test('creates the resources along the path and declares path parameters', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('GET /orders/{orderId}/items/{itemId}', RestIntegration.mock());
    gateway.addRoute('POST /orders', RestIntegration.mock());
    gateway.addRoute('ANY /files/{proxy+}', RestIntegration.mock());
    gateway.addRoute('GET /', RestIntegration.mock());

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Method', 4);
    template.resourceCountIs('AWS::ApiGateway::Resource', 6);
    for (const part of ['orders', '{orderId}', 'items', '{itemId}', 'files', '{proxy+}']) {
      template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: part });
    }
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      ResourceId: { Ref: Match.stringLikeRegexp('^OrdersRestApiordersorderIditemsitemId') },
      RequestParameters: { 'method.request.path.orderId': true, 'method.request.path.itemId': true },
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'ANY',
      RequestParameters: { 'method.request.path.proxy': true },
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      ResourceId: { Ref: Match.stringLikeRegexp('^OrdersRestApiorders[0-9A-F]{8}$') },
      RequestParameters: Match.absent(),
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      ResourceId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersRestApi'), 'RootResourceId'] },
    });
    expect(gateway.routeKeys).toEqual(['GET /orders/{orderId}/items/{itemId}', 'POST /orders', 'ANY /files/{proxy+}', 'GET /']);
  });

  test('route() returns the method; unknown routes are an error', () => {
    // GIVEN
    const gateway = new RestGateway(newStack(), 'Orders');

    // WHEN
    const method = gateway.addRoute('PUT /orders/{id}', RestIntegration.mock());

    // THEN
    expect(gateway.route('PUT /orders/{id}')).toBe(method);
    expect(method.httpMethod).toBe('PUT');
    expect(() => gateway.route('GET /nothing')).toThrow(/Stack\/Orders: routeKey = "GET \/nothing" is invalid: no such route was added/);
  });

  test('extra request parameters, API key and operation name', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('GET /orders', RestIntegration.mock(), {
      apiKeyRequired: true,
      operationName: 'ListOrders',
      requestParameters: { 'method.request.querystring.page': false, 'method.request.header.X-Tenant': true },
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      ApiKeyRequired: true,
      OperationName: 'ListOrders',
      RequestParameters: { 'method.request.querystring.page': false, 'method.request.header.X-Tenant': true },
    });
  });

  test('a duplicate route is an error', () => {
    // GIVEN
    const gateway = new RestGateway(newStack(), 'Orders');
    gateway.addRoute('GET /orders', RestIntegration.mock());

    // THEN
    expect(() => gateway.addRoute('GET /orders', RestIntegration.mock()))
      .toThrow(/Stack\/Orders: routeKey = "GET \/orders" is invalid: this route was already added/);
  });

  test.each([
    ['GET orders', /Stack\/Orders: routeKey = "GET orders" is invalid: a route key is 'METHOD \/path'/],
    ['FETCH /orders', /Stack\/Orders: routeKey = "FETCH \/orders" is invalid: the method must be one of/],
    ['GET /orders/', /Stack\/Orders: routeKey = "GET \/orders\/" is invalid: a path does not end with '\/'/],
    ['GET /{proxy+}/x', /Stack\/Orders: routeKey = "GET \/\{proxy\+\}\/x" is invalid: the greedy parameter/],
  ])('malformed key %j is an error naming the construct path', (routeKey, message) => {
    // GIVEN
    const gateway = new RestGateway(newStack(), 'Orders');

    // THEN
    expect(() => gateway.addRoute(routeKey, RestIntegration.mock())).toThrow(message);
  });

  test('an OPTIONS route on a gateway with CORS is an error', () => {
    // GIVEN
    const gateway = new RestGateway(newStack(), 'Orders', { cors: { allowOrigins: ['https://app.example.com'] } });

    // THEN
    expect(() => gateway.addRoute('OPTIONS /orders', RestIntegration.mock()))
      .toThrow(/Stack\/Orders: routeKey = "OPTIONS \/orders" is invalid: the gateway's cors option already answers OPTIONS/);
  });

  test('an OPTIONS route without CORS is allowed', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('OPTIONS /orders', RestIntegration.mock(), { authorization: RestAuthorization.none() });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'OPTIONS', AuthorizationType: 'NONE' });
  });

  test('invalid route throttle is an error naming the route', () => {
    // GIVEN
    const gateway = new RestGateway(newStack(), 'Orders');

    // THEN
    expect(() => gateway.addRoute('GET /orders', RestIntegration.mock(), { throttle: { rateLimit: -5 } }))
      .toThrow(/Stack\/Orders: route 'GET \/orders' throttle\.rateLimit = -5 is invalid/);
  });

  test('at least one route is required: synthesis fails', () => {
    // GIVEN
    const app = new App();
    const stack = newStack(app);

    // WHEN
    new RestGateway(stack, 'Orders');

    // THEN
    expect(() => app.synth()).toThrow(/Stack\/Orders: a RestGateway needs at least one route \(addRoute\)/);
  });

  test('at least one route is required: Template.fromStack fails too', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    new RestGateway(stack, 'Empty');

    // THEN
    expect(() => Template.fromStack(stack)).toThrow(/Stack\/Empty: a RestGateway needs at least one route/);
  });
});

describe('Lambda permissions', () => {
  test('exactly one permission per function per stage however many routes use it', () => {
    // GIVEN
    const stack = newStack();
    const orders = newFunction(stack, 'OrdersFn');
    const users = newFunction(stack, 'UsersFn');
    const gateway = new RestGateway(stack, 'Orders', { stages: [{ stageName: 'dev' }, { stageName: 'prod' }] });

    // WHEN
    for (const key of ['GET /orders', 'POST /orders', 'GET /orders/{id}', 'PUT /orders/{id}', 'DELETE /orders/{id}']) {
      gateway.addRoute(key, RestIntegration.lambdaFunction(orders));
    }
    gateway.addRoute('GET /users', RestIntegration.lambdaFunction(users));
    gateway.addRoute('GET /users/{id}', RestIntegration.lambdaFunction(users));

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Permission', 4);
    expect(gateway.lambdaPermissionCount).toBe(4);
    for (const fnPrefix of ['^OrdersFn', '^UsersFn']) {
      const perFunction = template.findResources('AWS::Lambda::Permission', {
        Properties: { FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp(fnPrefix), 'Arn'] } },
      });
      expect(Object.keys(perFunction)).toHaveLength(2);
    }
  });

  test('each permission is scoped to its stage and carries SourceAccount', () => {
    // GIVEN
    const stack = newStack();
    const fn = newFunction(stack);
    const gateway = new RestGateway(stack, 'Orders', { stages: [{ stageName: 'dev' }, { stageName: 'prod' }] });

    // WHEN
    gateway.addRoute('GET /orders', RestIntegration.lambdaFunction(fn));

    // THEN
    const template = Template.fromStack(stack);
    for (const stageName of ['dev', 'prod']) {
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Fn'), 'Arn'] },
        SourceAccount: '123456789012',
        SourceArn: executeApiArn(`/${stageName}/*/*`),
      });
    }
  });

  test('no per-method or test-invoke permission', () => {
    // GIVEN
    const stack = newStack();
    const fn = newFunction(stack);
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('GET /a', RestIntegration.lambdaFunction(fn));
    gateway.addRoute('GET /b', RestIntegration.lambdaFunction(fn));
    gateway.addRoute('GET /c', RestIntegration.lambdaFunction(fn));

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    expect(JSON.stringify(template.toJSON())).not.toContain('test-invoke-stage');
  });

  test('the Lambda integration is a proxy to the function', () => {
    // GIVEN
    const stack = newStack();
    const fn = newFunction(stack);
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('GET /orders', RestIntegration.lambdaFunction(fn, { timeout: Duration.seconds(7) }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: {
        Type: 'AWS_PROXY',
        IntegrationHttpMethod: 'POST',
        TimeoutInMillis: 7000,
        Uri: {
          'Fn::Join': ['', [
            'arn:', { Ref: 'AWS::Partition' }, ':apigateway:eu-west-1:lambda:path/2015-03-31/functions/',
            { 'Fn::GetAtt': [Match.stringLikeRegexp('^Fn'), 'Arn'] }, '/invocations',
          ]],
        },
      },
    });
  });
});

describe('HTTP and mock integrations', () => {
  test('HTTP proxy maps the URL path parameters from the route', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('GET /users/{userId}/orders/{orderId}',
      RestIntegration.http('https://backend.example.com/u/{userId}/o/{orderId}', { timeout: Duration.seconds(12) }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      RequestParameters: { 'method.request.path.userId': true, 'method.request.path.orderId': true },
      Integration: {
        Type: 'HTTP_PROXY',
        IntegrationHttpMethod: 'GET',
        Uri: 'https://backend.example.com/u/{userId}/o/{orderId}',
        TimeoutInMillis: 12000,
        RequestParameters: {
          'integration.request.path.userId': 'method.request.path.userId',
          'integration.request.path.orderId': 'method.request.path.orderId',
        },
      },
    });
  });

  test('HTTP proxy maps a greedy parameter and can use another backend method', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('ANY /files/{proxy+}', RestIntegration.http('https://files.example.com/{proxy}', { httpMethod: apigwv2.HttpMethod.POST }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'ANY',
      Integration: {
        IntegrationHttpMethod: 'POST',
        RequestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
      },
    });
  });

  test('HTTP proxy without URL parameters maps nothing and creates no permission', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('DELETE /cache', RestIntegration.http('https://backend.example.com/cache'));

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'DELETE',
      Integration: { Type: 'HTTP_PROXY', IntegrationHttpMethod: 'DELETE', RequestParameters: Match.absent() },
    });
    template.resourceCountIs('AWS::Lambda::Permission', 0);
  });

  test('mock integration answers the given status and body', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('GET /health', RestIntegration.mock({ statusCode: 202, responseBody: '{"status":"ok"}' }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: {
        Type: 'MOCK',
        RequestTemplates: { 'application/json': '{"statusCode":202}' },
        IntegrationResponses: [{ StatusCode: '202', ResponseTemplates: { 'application/json': '{"status":"ok"}' } }],
      },
      MethodResponses: [{ StatusCode: '202' }],
    });
  });

  test('mock integration defaults to 200 and {}', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    gatewayWithRoute(stack);

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: { Type: 'MOCK', IntegrationResponses: [{ StatusCode: '200', ResponseTemplates: { 'application/json': '{}' } }] },
      MethodResponses: [{ StatusCode: '200' }],
    });
  });

  test.each([99, 600, 200.5])('mock status code %d is an error', statusCode => {
    // GIVEN
    const gateway = new RestGateway(newStack(), 'Orders');

    // THEN
    expect(() => gateway.addRoute('GET /health', RestIntegration.mock({ statusCode })))
      .toThrow(/route 'GET \/health' mock statusCode = .* is invalid: a status code is a whole number from 100 to 599/);
  });
});

describe('integration timeouts (rule 10)', () => {
  test('above 29 s on an edge API is an error', () => {
    // GIVEN
    const stack = newStack();
    const fn = newFunction(stack);
    const gateway = new RestGateway(stack, 'Orders', { endpoint: GatewayEndpoint.edge() });

    // THEN
    expect(() => gateway.addRoute('GET /slow', RestIntegration.lambdaFunction(fn, { timeout: Duration.seconds(30) })))
      .toThrow(/Stack\/Orders\/Routes\/GET \|slow: route 'GET \/slow' integration timeout = "30000 ms" is invalid: an integration timeout is at most 29 seconds for edge-optimized/);
  });

  test('exactly 29 s on an edge API is accepted without warning', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders', { endpoint: GatewayEndpoint.edge() });

    // WHEN
    gateway.addRoute('GET /slow', RestIntegration.http('https://slow.example.com', { timeout: Duration.seconds(29) }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', { Integration: Match.objectLike({ TimeoutInMillis: 29000 }) });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('timeoutAboveDefaultQuota'))).toHaveLength(0);
  });

  test('above 29 s on a regional API warns and is kept', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('GET /slow', RestIntegration.http('https://slow.example.com', { timeout: Duration.seconds(45) }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', { Integration: Match.objectLike({ TimeoutInMillis: 45000 }) });
    Annotations.fromStack(stack).hasWarning('/Stack/Orders/Routes/GET |slow',
      Match.stringLikeRegexp("route 'GET /slow' integration timeout 45000 ms exceeds 29 s.*timeoutAboveDefaultQuota"));
  });

  test('below 50 ms is an error', () => {
    // GIVEN
    const stack = newStack();
    const fn = newFunction(stack);
    const gateway = new RestGateway(stack, 'Orders');

    // THEN
    expect(() => gateway.addRoute('GET /fast', RestIntegration.lambdaFunction(fn, { timeout: Duration.millis(49) })))
      .toThrow(/route 'GET \/fast' integration timeout = "49 ms" is invalid: an integration timeout is at least 50 milliseconds/);
  });
});

describe('request validation', () => {
  test('the validator is attached only to routes with a schema or required parameters', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('POST /orders', RestIntegration.mock(), {
      requestSchema: { type: apigateway.JsonSchemaType.OBJECT, required: ['item'] },
    });
    gateway.addRoute('GET /orders', RestIntegration.mock(), { requestParameters: { 'method.request.header.X-Tenant': true } });
    gateway.addRoute('GET /search', RestIntegration.mock(), { requestParameters: { 'method.request.querystring.q': false } });
    gateway.addRoute('GET /plain', RestIntegration.mock());

    // THEN
    const template = Template.fromStack(stack);
    const validatorId = Object.keys(template.findResources('AWS::ApiGateway::RequestValidator'))[0];
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'POST', RequestValidatorId: { Ref: validatorId } });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET', RequestParameters: { 'method.request.header.X-Tenant': true }, RequestValidatorId: { Ref: validatorId },
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET', RequestParameters: { 'method.request.querystring.q': false }, RequestValidatorId: Match.absent(),
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET', ResourceId: { Ref: Match.stringLikeRegexp('^OrdersRestApiplain') }, RequestValidatorId: Match.absent(),
    });
    expect(Object.keys(template.findResources('AWS::ApiGateway::Method', { Properties: { RequestValidatorId: Match.anyValue() } }))).toHaveLength(2);
  });

  test('a requestSchema creates a JSON model used by the method', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('POST /orders', RestIntegration.mock(), {
      requestSchema: {
        type: apigateway.JsonSchemaType.OBJECT,
        required: ['item', 'quantity'],
        properties: { item: { type: apigateway.JsonSchemaType.STRING }, quantity: { type: apigateway.JsonSchemaType.INTEGER, minimum: 1 } },
      },
    });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Model', 1);
    template.hasResourceProperties('AWS::ApiGateway::Model', {
      ContentType: 'application/json',
      Schema: {
        $schema: 'http://json-schema.org/draft-04/schema#',
        type: 'object',
        required: ['item', 'quantity'],
        properties: { item: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } },
      },
    });
    const modelId = Object.keys(template.findResources('AWS::ApiGateway::Model'))[0];
    template.hasResourceProperties('AWS::ApiGateway::Method', { RequestModels: { 'application/json': { Ref: modelId } } });
  });

  test('routes with schemas on different paths get distinct models', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders');
    const schema = { type: apigateway.JsonSchemaType.OBJECT };

    // WHEN
    gateway.addRoute('POST /orders', RestIntegration.mock(), { requestSchema: schema });
    gateway.addRoute('PUT /orders/{id}', RestIntegration.mock(), { requestSchema: schema });

    // THEN
    Template.fromStack(stack).resourceCountIs('AWS::ApiGateway::Model', 2);
  });
});

describe('route settings', () => {
  test('a route throttle adds a method setting per stage with the ~1 path encoding', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders', {
      stages: [{ stageName: 'dev', throttle: { rateLimit: 100, burstLimit: 200 } }, { stageName: 'prod' }],
    });

    // WHEN
    gateway.addRoute('POST /orders/{id}/items', RestIntegration.mock(), { throttle: { rateLimit: 12, burstLimit: 34 } });
    gateway.addRoute('ANY /files', RestIntegration.mock(), { throttle: { rateLimit: 56 } });
    gateway.addRoute('GET /plain', RestIntegration.mock());

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'dev',
      MethodSettings: [
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 }),
        Match.objectLike({
          HttpMethod: 'POST', ResourcePath: '/~1orders~1{id}~1items', ThrottlingRateLimit: 12, ThrottlingBurstLimit: 34,
          LoggingLevel: 'ERROR', DataTraceEnabled: false, MetricsEnabled: true, CachingEnabled: Match.absent(),
        }),
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/~1files', ThrottlingRateLimit: 56, ThrottlingBurstLimit: 200 }),
      ],
    });
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      MethodSettings: [
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 10000, ThrottlingBurstLimit: 5000 }),
        Match.objectLike({ HttpMethod: 'POST', ResourcePath: '/~1orders~1{id}~1items', ThrottlingRateLimit: 12, ThrottlingBurstLimit: 34 }),
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/~1files', ThrottlingRateLimit: 56, ThrottlingBurstLimit: 5000 }),
      ],
    });
  });

  test('a route cache on a stage without a cache adds no method setting', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('GET /orders', RestIntegration.mock(), { cache: { ttl: Duration.seconds(60) } });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', CachingEnabled: Match.absent() })],
    });
  });
});

describe('WAF', () => {
  const devAcl = 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/dev-acl/1111aaaa';
  const prodAcl = 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/prod-acl/2222bbbb';

  test('associates each stage with its web ACL', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    gatewayWithRoute(stack, {
      stages: [{ stageName: 'dev', webAclArn: devAcl }, { stageName: 'prod', webAclArn: prodAcl }, { stageName: 'test' }],
    });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 2);
    const ids = stageLogicalIds(template);
    for (const [stageName, acl] of [['dev', devAcl], ['prod', prodAcl]]) {
      template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
        WebACLArn: acl,
        ResourceArn: {
          'Fn::Join': ['', [
            'arn:', { Ref: 'AWS::Partition' }, ':apigateway:eu-west-1::/restapis/',
            { Ref: Match.stringLikeRegexp('^OrdersRestApi') }, '/stages/', { Ref: ids[stageName] },
          ]],
        },
      });
    }
  });

  test('accepts a token web ACL ARN', () => {
    // GIVEN
    const stack = newStack();
    const acl = new wafv2.CfnWebACL(stack, 'Acl', {
      scope: 'REGIONAL', defaultAction: { allow: {} },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'acl', sampledRequestsEnabled: true },
    });

    // WHEN
    gatewayWithRoute(stack, { stages: [{ stageName: 'dev', webAclArn: acl.attrArn }] });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      WebACLArn: { 'Fn::GetAtt': ['Acl', 'Arn'] },
    });
  });

  test.each([
    'arn:aws:wafv2:us-east-1:123456789012:global/webacl/cf-acl/3333cccc',
    'arn:aws:waf-regional:eu-west-1:123456789012:webacl/4444dddd',
    'not-an-arn',
  ])('an invalid web ACL ARN %s is an error', webAclArn => {
    expect(() => new RestGateway(newStack(), 'Orders', { stages: [{ stageName: 'dev' }, { stageName: 'prod', webAclArn }] }))
      .toThrow(new RegExp(`Stack/Orders: stages\\[1\\]\\.webAclArn = "${webAclArn.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}" is invalid: a stage is protected by a regional WAFv2 web ACL`));
  });
});

describe('warnings', () => {
  test('dataTrace on warns', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    gatewayWithRoute(stack, { stages: [{ stageName: 'dev' }, { stageName: 'prod', dataTrace: true }] });

    // THEN
    Annotations.fromStack(stack).hasWarning('/Stack/Orders',
      Match.stringLikeRegexp('stages\\[1\\]\\.dataTrace is on: full requests and responses'));
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('stages\\[0\\]\\.dataTrace'))).toHaveLength(0);
  });

  test('no dataTrace warning by default', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    gatewayWithRoute(stack);

    // THEN
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('dataTrace'))).toHaveLength(0);
  });

  test('execution logs without GatewayAccountLogging in the app warn', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    gatewayWithRoute(stack, { stages: [{ stageName: 'dev' }, { stageName: 'prod', executionLogLevel: apigateway.MethodLoggingLevel.OFF }] });

    // THEN
    Annotations.fromStack(stack).hasWarning('/Stack/Orders', Match.stringLikeRegexp(
      'stages dev write execution logs, which need the account-level API Gateway CloudWatch role; this app does not manage it.*executionLoggingRole'));
  });

  test('execution logs with GatewayAccountLogging elsewhere in the app do not warn', () => {
    // GIVEN
    const app = new App();
    const loggingStack = newStack(app, 'Logging');
    new GatewayAccountLogging(loggingStack, 'AccountLogging');
    const stack = newStack(app);

    // WHEN
    gatewayWithRoute(stack, { stages: [{ stageName: 'dev' }, { stageName: 'prod' }] });

    // THEN
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('executionLoggingRole'))).toHaveLength(0);
  });

  test('no warning when every stage has execution logs off', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    gatewayWithRoute(stack, { stages: [{ stageName: 'dev', executionLogLevel: apigateway.MethodLoggingLevel.OFF }] });

    // THEN
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('executionLoggingRole'))).toHaveLength(0);
  });
});

describe('grantInvoke', () => {
  test('grants execute-api:Invoke on one route of one stage', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders', { stages: [{ stageName: 'dev' }, { stageName: 'prod' }] });
    gateway.addRoute('GET /orders/{id}/items/{itemId}', RestIntegration.mock());
    const role = new iam.Role(stack, 'Client', { assumedBy: new iam.AccountRootPrincipal() });

    // WHEN
    gateway.grantInvoke(role, { routeKey: 'GET /orders/{id}/items/{itemId}', stageName: 'prod' });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Client') }],
      PolicyDocument: {
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: executeApiArn('/prod/GET/orders/*/items/*') }],
      },
    });
  });

  test('grants every route of every stage by default, and ANY routes as *', () => {
    // GIVEN
    const stack = newStack();
    const gateway = gatewayWithRoute(stack);
    gateway.addRoute('ANY /files', RestIntegration.mock());
    const everything = new iam.Role(stack, 'Everything', { assumedBy: new iam.AccountRootPrincipal() });
    const files = new iam.Role(stack, 'Files', { assumedBy: new iam.AccountRootPrincipal() });

    // WHEN
    gateway.grantInvoke(everything);
    gateway.grantInvoke(files, { routeKey: 'ANY /files' });

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Everything') }],
      PolicyDocument: { Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: executeApiArn('/*/*/*') }] },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Files') }],
      PolicyDocument: { Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: executeApiArn('/*/*/files') }] },
    });
  });

  test('a malformed route key is an error', () => {
    // GIVEN
    const stack = newStack();
    const gateway = gatewayWithRoute(stack);
    const role = new iam.Role(stack, 'Client', { assumedBy: new iam.AccountRootPrincipal() });

    // THEN
    expect(() => gateway.grantInvoke(role, { routeKey: 'GET orders' })).toThrow(/METHOD \/path/);
  });
});

describe('fromRestGatewayAttributes', () => {
  test('an imported gateway builds ARNs and grants invoke', () => {
    // GIVEN
    const stack = newStack();
    const imported = RestGateway.fromRestGatewayAttributes(stack, 'Imported', { apiId: 'abc123def4' });
    const role = new iam.Role(stack, 'Client', { assumedBy: new iam.AccountRootPrincipal() });

    // WHEN
    imported.grantInvoke(role, { routeKey: 'POST /orders', stageName: 'live' });

    // THEN
    expect(imported.apiId).toBe('abc123def4');
    expect(stack.resolve(imported.arnForExecuteApi('PUT', '/x', 'beta'))).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:eu-west-1:123456789012:abc123def4/beta/PUT/x']],
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::RestApi', 0);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: 'execute-api:Invoke',
          Effect: 'Allow',
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:eu-west-1:123456789012:abc123def4/live/POST/orders']] },
        }],
      },
    });
  });
});

/** Each REST metric helper, the CloudWatch metric it reads and its default statistic. */
const REST_METRICS = [
  ['metricClientError', '4XXError', 'Sum'],
  ['metricServerError', '5XXError', 'Sum'],
  ['metricCount', 'Count', 'SampleCount'],
  ['metricLatency', 'Latency', 'Average'],
  ['metricIntegrationLatency', 'IntegrationLatency', 'Average'],
] as const;

describe('metrics', () => {
  test.each(REST_METRICS)('%s has ApiName and Stage dimensions', (method, metricName, statistic) => {
    // GIVEN
    const stack = newStack();
    const gateway = gatewayWithRoute(stack, { apiName: 'orders-api', stages: [{ stageName: 'dev' }, { stageName: 'prod' }] });

    // WHEN
    const metric = gateway[method]('prod');

    // THEN
    expect(metric.namespace).toBe('AWS/ApiGateway');
    expect(metric.metricName).toBe(metricName);
    expect(metric.statistic).toBe(statistic);
    expect(stack.resolve(metric.dimensions)).toEqual({
      ApiName: 'orders-api',
      Stage: { Ref: stageLogicalIds(Template.fromStack(stack)).prod },
    });
  });

  test('metric() passes options and rejects an unknown stage', () => {
    // GIVEN
    const stack = newStack();
    const gateway = gatewayWithRoute(stack);

    // WHEN
    const metric = gateway.metric('CacheHitCount', 'prod', { period: Duration.minutes(1), statistic: 'Maximum' });

    // THEN
    expect(metric.metricName).toBe('CacheHitCount');
    expect(metric.period.toSeconds()).toBe(60);
    expect(metric.statistic).toBe('Maximum');
    expect(() => gateway.metricCount('dev')).toThrow(/stageName = "dev" is invalid: no such stage/);
  });

  test.each(REST_METRICS)('an imported gateway with an apiName has %s by ApiName and Stage', (method, metricName, statistic) => {
    // GIVEN
    const stack = newStack();
    const imported = RestGateway.fromRestGatewayAttributes(stack, 'Imported', { apiId: 'abc123def4', apiName: 'partner-orders' });

    // WHEN
    const metric = imported[method]('live');

    // THEN
    expect(metric.namespace).toBe('AWS/ApiGateway');
    expect(metric.metricName).toBe(metricName);
    expect(metric.statistic).toBe(statistic);
    expect(metric.dimensions).toEqual({ ApiName: 'partner-orders', Stage: 'live' });
  });

  test('metric() of an imported gateway passes options; without an apiName it fails', () => {
    // GIVEN
    const stack = newStack();
    const named = RestGateway.fromRestGatewayAttributes(stack, 'Named', { apiId: 'abc123def4', apiName: 'partner-orders' });
    const unnamed = RestGateway.fromRestGatewayAttributes(stack, 'Unnamed', { apiId: 'abc123def4' });

    // WHEN
    const metric = named.metric('CacheHitCount', 'live', { period: Duration.minutes(1), statistic: 'Maximum' });

    // THEN
    expect(metric.metricName).toBe('CacheHitCount');
    expect(metric.period.toSeconds()).toBe(60);
    expect(metric.statistic).toBe('Maximum');
    expect(() => unnamed.metricCount('live')).toThrow(/^Stack\/Unnamed: apiName = undefined is invalid: REST metrics are published by API name/);
  });
});

describe('HTTP integration URL parameters', () => {
  test('a URL parameter that is not a path parameter of the route is an error', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
    const api = new RestGateway(stack, 'Api');
    expect(() => api.addRoute('GET /h', RestIntegration.http('https://example.com/{id}')))
      .toThrow(/Stack\/Api\/Routes\/GET \|h: route 'GET \/h' http url = "https:\/\/example.com\/\{id\}" is invalid: the URL parameter \{id\} must be a path parameter of the route/);
  });
});
