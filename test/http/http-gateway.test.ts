import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { GatewayEndpoint } from '../../lib/common/endpoint';
import { HttpAuthorization } from '../../lib/http/authorization';
import { HttpGateway } from '../../lib/http/http-gateway';
import { HttpGatewayProps, HttpStageOptions } from '../../lib/http/props';
import { HttpIntegration } from '../../lib/http/integration';

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
  return { app, stack, fn };
}

function gatewayWithRoute(props: HttpGatewayProps = {}) {
  const { stack, fn } = setup();
  const gateway = new HttpGateway(stack, 'Api', props);
  gateway.addRoute('GET /orders', HttpIntegration.lambdaFunction(fn));
  return { stack, fn, gateway };
}

describe('stages', () => {
  test('default: one $default stage, deployed automatically, with the account-default throttle and detailed metrics', () => {
    // GIVEN
    const { stack, gateway } = gatewayWithRoute();

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 10000, ThrottlingBurstLimit: 5000, DetailedMetricsEnabled: true },
      RouteSettings: Match.absent(),
    });
    expect(gateway.stageNames).toEqual(['$default']);
  });

  test('named stages each get their variables, throttle, description and metrics setting', () => {
    // GIVEN
    const { stack } = gatewayWithRoute({
      stages: [
        { stageName: 'dev', variables: { backend: 'dev.example.com' }, throttle: { rateLimit: 7 }, description: 'development' },
        { stageName: 'prod', throttle: { rateLimit: 300, burstLimit: 600 }, detailedMetrics: false, autoDeploy: false },
      ],
    });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 2);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'dev',
      AutoDeploy: true,
      Description: 'development',
      StageVariables: { backend: 'dev.example.com' },
      DefaultRouteSettings: { ThrottlingRateLimit: 7, ThrottlingBurstLimit: 5000, DetailedMetricsEnabled: true },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'prod',
      AutoDeploy: false,
      DefaultRouteSettings: { ThrottlingRateLimit: 300, ThrottlingBurstLimit: 600, DetailedMetricsEnabled: false },
    });
  });

  test('JSON access logs as a plain string to an encrypted log group kept one year', () => {
    // GIVEN
    const { stack } = gatewayWithRoute();

    // THEN
    const template = Template.fromStack(stack);
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0];
    const format = stage.Properties.AccessLogSettings.Format;
    expect(typeof format).toBe('string');
    expect(JSON.parse(format)).toMatchObject({ requestId: '$context.requestId', routeKey: '$context.routeKey' });
    expect(stage.Properties.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ApiAccessLogsdefault/), 'Arn'] });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: Match.anyValue() });
    template.resourceCountIs('AWS::KMS::Key', 1);
  });

  test('a given log group and format are used; access logs can be turned off', () => {
    // GIVEN
    const { stack, fn } = setup();
    const group = new logs.LogGroup(stack, 'Mine');
    const gateway = new HttpGateway(stack, 'Api', {
      stages: [
        { stageName: 'a', accessLogs: { logGroup: group, format: '$context.requestId $context.status' } },
        { stageName: 'b', accessLogs: { enabled: false } },
      ],
    });
    gateway.addRoute('GET /x', HttpIntegration.lambdaFunction(fn));

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'a',
      AccessLogSettings: { Format: '$context.requestId $context.status', DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Mine'), 'Arn'] } },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: 'b', AccessLogSettings: Match.absent() });
  });

  test.each<[string, HttpStageOptions[], RegExp]>([
    ['a bad stage name', [{ stageName: 'my stage' }], /Stack\/Api: stages\[0\]\.stageName = "my stage" is invalid: a stage name is 1 to 128 characters.*\$default/],
    ['duplicate stage names', [{ stageName: 'dev' }, { stageName: 'dev' }], /stages\[1\]\.stageName = "dev" is invalid: stage names must be unique/],
    ['a bad variable name', [{ stageName: 'dev', variables: { 'my-var': 'x' } }], /stages\[0\]\.variables name = "my-var" is invalid/],
    ['a bad variable value', [{ stageName: 'dev', variables: { v: 'a b' } }], /stages\[0\]\.variables\.v = "a b" is invalid/],
    ['a fractional burst', [{ stageName: 'dev', throttle: { burstLimit: 1.5 } }], /stages\[0\]\.throttle\.burstLimit = 1\.5 is invalid/],
    ['no stage', [], /stages = "\[\]" is invalid: an HttpGateway has at least one stage/],
  ])('rejects %s', (_what, stages, message) => {
    const { stack } = setup();
    expect(() => new HttpGateway(stack, 'Api', { stages })).toThrow(message);
  });

  test('11 stages warn: the quota can be raised per API', () => {
    // GIVEN
    const { stack, fn } = setup();

    // WHEN
    new HttpGateway(stack, 'Api', { stages: Array.from({ length: 11 }, (_, i) => ({ stageName: `s${i}` })) })
      .addRoute('GET /a', HttpIntegration.lambdaFunction(fn));

    // THEN
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Stage', 11);
    Annotations.fromStack(stack).hasWarning('/Stack/Api', Match.stringLikeRegexp('^11 stages per HTTP API exceeds the default quota'));
  });

  test('accepts 10 stages and $default among named ones', () => {
    const { stack } = setup();
    const stages = [{ stageName: '$default' }, ...Array.from({ length: 9 }, (_, i) => ({ stageName: `s${i}` }))];
    expect(new HttpGateway(stack, 'Api', { stages }).stageNames).toHaveLength(10);
  });

  test('a throttle above the account default warns', () => {
    // GIVEN
    const { stack } = gatewayWithRoute({ stages: [{ stageName: 'prod', throttle: { rateLimit: 20000 } }] });

    // THEN
    Annotations.fromStack(stack).hasWarning('/Stack/Api', Match.stringLikeRegexp('rateLimit 20000 exceeds the account default'));
  });

  test('stage(), url and urlForStage expose the stages; an unknown stage is an error', () => {
    // GIVEN
    const { stack, gateway } = gatewayWithRoute({ stages: [{ stageName: '$default' }, { stageName: 'prod' }] });

    // THEN
    expect(gateway.stage('prod').stageName).toBe('prod');
    expect(stack.resolve(gateway.urlForStage('prod'))).toEqual({
      'Fn::Join': ['', ['https://', { Ref: expect.stringMatching(/^ApiHttpApi/) }, '.execute-api.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/prod/']],
    });
    expect(stack.resolve(gateway.url)).toEqual({
      'Fn::Join': ['', ['https://', { Ref: expect.stringMatching(/^ApiHttpApi/) }, '.execute-api.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/']],
    });
    expect(() => gateway.stage('qa')).toThrow(/Stack\/Api: stageName = "qa" is invalid: no such stage; the stages are \$default, prod/);
  });
});

describe('routes', () => {
  test('a route is IAM-authorized by default with a Lambda proxy integration, payload 2.0', () => {
    // GIVEN
    const { stack, gateway } = gatewayWithRoute();

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /orders', AuthorizationType: 'AWS_IAM' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Fn'), 'Arn'] },
    });
    expect(gateway.route('GET /orders').node.path).toBe('Stack/Api/Routes/GET |orders');
    expect(gateway.routeKeys).toEqual(['GET /orders']);
  });

  test('ANY, greedy parameters and $default route keys', () => {
    // GIVEN
    const { stack, fn, gateway } = gatewayWithRoute();
    const integration = HttpIntegration.lambdaFunction(fn);

    // WHEN
    gateway.addRoute('ANY /files/{proxy+}', integration);
    gateway.addRoute('$default', integration);

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /files/{proxy+}' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default', AuthorizationType: 'AWS_IAM' });
  });

  test('defaultAuthorization applies to routes without their own; none is explicit', () => {
    // GIVEN
    const { stack, fn } = setup();
    const gateway = new HttpGateway(stack, 'Api', { defaultAuthorization: HttpAuthorization.none() });

    // WHEN
    gateway.addRoute('GET /public', HttpIntegration.lambdaFunction(fn));
    gateway.addRoute('GET /private', HttpIntegration.lambdaFunction(fn), { authorization: HttpAuthorization.iam() });

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /public', AuthorizationType: 'NONE' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /private', AuthorizationType: 'AWS_IAM' });
  });

  test.each([
    ['GET orders', /routeKey = "GET orders" is invalid: a route key is 'METHOD \/path'/],
    ['FETCH /orders', /routeKey = "FETCH \/orders" is invalid: the method must be one of/],
    ['GET /orders/', /routeKey = "GET \/orders\/" is invalid: a path does not end with '\/'/],
    ['GET /{proxy+}/x', /the greedy parameter \{proxy\+\} must be the last path segment/],
  ])('rejects the route key %s with the construct path', (routeKey, message) => {
    const { gateway, fn } = gatewayWithRoute();
    expect(() => gateway.addRoute(routeKey, HttpIntegration.lambdaFunction(fn))).toThrow(/^Stack\/Api: /);
    expect(() => gateway.addRoute(routeKey, HttpIntegration.lambdaFunction(fn))).toThrow(message);
  });

  test('rejects a duplicate route', () => {
    const { gateway, fn } = gatewayWithRoute();
    expect(() => gateway.addRoute('GET /orders', HttpIntegration.lambdaFunction(fn)))
      .toThrow(/Stack\/Api: routeKey = "GET \/orders" is invalid: this route was already added/);
  });

  test('allows 300 routes; the 301st warns (the quota can be raised per API)', () => {
    // GIVEN
    const { stack, fn } = setup();
    const gateway = new HttpGateway(stack, 'Api');
    const integration = HttpIntegration.lambdaFunction(fn);
    for (let i = 0; i < 300; i++) {
      gateway.addRoute(`GET /r${i}`, integration);
    }

    // WHEN
    gateway.addRoute('GET /one-too-many', integration);

    // THEN
    expect(gateway.routeKeys).toHaveLength(301);
    Annotations.fromStack(stack).hasWarning('/Stack/Api',
      Match.stringLikeRegexp('^301 routes per HTTP API exceeds the default quota \\(API Gateway allows at most 300 routes per HTTP API'));
  });

  test('an unknown route is an error', () => {
    const { gateway } = gatewayWithRoute();
    expect(() => gateway.route('GET /nope')).toThrow(/Stack\/Api: routeKey = "GET \/nope" is invalid: no such route was added/);
  });

  test('a gateway without routes fails validation at synth', () => {
    const { app, stack } = setup();
    new HttpGateway(stack, 'Api');
    expect(() => app.synth()).toThrow(/Stack\/Api: an HttpGateway needs at least one route/);
  });

  test('a route throttle becomes a per-route setting of every stage, inheriting what it does not set', () => {
    // GIVEN
    const { stack, fn } = setup();
    const gateway = new HttpGateway(stack, 'Api', {
      stages: [{ stageName: 'dev', throttle: { rateLimit: 11, burstLimit: 22 } }, { stageName: 'prod', detailedMetrics: false }],
    });

    // WHEN
    gateway.addRoute('POST /orders', HttpIntegration.lambdaFunction(fn), { throttle: { rateLimit: 3 } });
    gateway.addRoute('GET /orders', HttpIntegration.lambdaFunction(fn));

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'dev',
      RouteSettings: { 'POST /orders': { ThrottlingRateLimit: 3, ThrottlingBurstLimit: 22, DetailedMetricsEnabled: true } },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'prod',
      RouteSettings: { 'POST /orders': { ThrottlingRateLimit: 3, ThrottlingBurstLimit: 5000, DetailedMetricsEnabled: false } },
    });
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0];
    expect(Object.keys(stage.Properties.RouteSettings)).toEqual(['POST /orders']);
  });

  test('rejects an invalid route throttle', () => {
    const { gateway, fn } = gatewayWithRoute();
    expect(() => gateway.addRoute('POST /x', HttpIntegration.lambdaFunction(fn), { throttle: { rateLimit: -1 } }))
      .toThrow(/Stack\/Api: route 'POST \/x' throttle\.rateLimit = -1 is invalid/);
  });
});

describe('Lambda permissions', () => {
  test('exactly one permission per function per stage, scoped to the stage, with SourceAccount', () => {
    // GIVEN
    const { stack, fn } = setup();
    const other = new lambda.Function(stack, 'Other', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x'),
    });
    const gateway = new HttpGateway(stack, 'Api', { stages: [{ stageName: '$default' }, { stageName: 'prod' }] });

    // WHEN: five routes on fn (some with separate integration objects), one on other
    gateway.addRoute('GET /a', HttpIntegration.lambdaFunction(fn));
    gateway.addRoute('GET /b', HttpIntegration.lambdaFunction(fn));
    gateway.addRoute('POST /a', HttpIntegration.lambdaFunction(fn));
    gateway.addRoute('ANY /c/{proxy+}', HttpIntegration.lambdaFunction(fn));
    gateway.addRoute('$default', HttpIntegration.lambdaFunction(fn));
    gateway.addRoute('GET /other', HttpIntegration.lambdaFunction(other));

    // THEN: 2 functions x 2 stages
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Permission', 4);
    expect(gateway.lambdaPermissionCount).toBe(4);
    for (const stageName of ['$default', 'prod']) {
      template.hasResourceProperties('AWS::Lambda::Permission', {
        FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Fn'), 'Arn'] },
        Principal: 'apigateway.amazonaws.com',
        SourceAccount: '123456789012',
        SourceArn: {
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:eu-west-1:123456789012:', { Ref: Match.stringLikeRegexp('^ApiHttpApi') }, `/${stageName}/*`]],
        },
      });
    }
  });
});

describe('CORS', () => {
  test('CORS configuration on the API with the shared defaults', () => {
    // GIVEN
    const { stack } = gatewayWithRoute({ cors: { allowOrigins: ['https://app.example.com'], allowCredentials: true } });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['https://app.example.com'],
        AllowCredentials: true,
        AllowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'],
        AllowHeaders: ['Content-Type', 'Authorization', 'X-Amz-Date', 'X-Api-Key', 'X-Amz-Security-Token'],
        MaxAge: 600,
      },
    });
  });

  test('custom methods, headers, expose headers and max age', () => {
    // GIVEN
    const { stack } = gatewayWithRoute({
      cors: { allowOrigins: ['*'], allowMethods: ['get', '*'], allowHeaders: ['X-A'], exposeHeaders: ['X-B'], maxAge: Duration.seconds(30) },
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { AllowOrigins: ['*'], AllowMethods: ['GET', '*'], AllowHeaders: ['X-A'], ExposeHeaders: ['X-B'], MaxAge: 30 },
    });
  });

  test('no CORS by default', () => {
    const { stack } = gatewayWithRoute();
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
  });

  test('rejects allowCredentials with origin *', () => {
    const { stack } = setup();
    expect(() => new HttpGateway(stack, 'Api', { cors: { allowOrigins: ['*'], allowCredentials: true } }))
      .toThrow(/Stack\/Api: cors\.allowCredentials = true is invalid: CORS does not allow allowCredentials/);
  });

  test('rejects an unknown CORS method', () => {
    const { stack } = setup();
    expect(() => new HttpGateway(stack, 'Api', { cors: { allowOrigins: ['*'], allowMethods: ['FETCH'] } }))
      .toThrow(/Stack\/Api: cors\.allowMethods\[0\] = "FETCH" is invalid: a CORS method is one of/);
  });

  test('rejects an OPTIONS route when CORS answers preflight', () => {
    const { gateway, fn } = gatewayWithRoute({ cors: { allowOrigins: ['https://a.example.com'] } });
    expect(() => gateway.addRoute('OPTIONS /orders', HttpIntegration.lambdaFunction(fn)))
      .toThrow(/routeKey = "OPTIONS \/orders" is invalid: the gateway's cors option already answers OPTIONS/);
  });
});

describe('endpoint and REST-only features', () => {
  test('a regional endpoint is accepted', () => {
    const { gateway } = gatewayWithRoute({ endpoint: GatewayEndpoint.regional() });
    expect(gateway.stageNames).toEqual(['$default']);
  });

  test.each([
    ['edge', GatewayEndpoint.edge(), /endpoint = "EDGE" is invalid: an edge-optimized endpoint .* is a REST API feature .*use RestGateway/],
    ['private', GatewayEndpoint.privateEndpoint({ vpcEndpoints: [] }), /endpoint = "PRIVATE" is invalid: a private endpoint .* is a REST API feature .*use RestGateway/],
  ])('rejects an %s endpoint, pointing to RestGateway', (_kind, endpoint, message) => {
    const { stack } = setup();
    expect(() => new HttpGateway(stack, 'Api', { endpoint })).toThrow(message);
  });

  test.each([
    ['cache', { cache: {} }, /stages\[0\]\.cache = \{\} is invalid: caching is a REST API feature/],
    ['canary', { canary: { percentTraffic: 5 } }, /stages\[0\]\.canary = .* is invalid: a canary deployment \(shift traffic between versions with the stage's lambdaAliases and aliasTrafficShifting instead\) is a REST API feature/],
    ['webAclArn', { webAclArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/a/b' }, /stages\[0\]\.webAclArn = .* is invalid: AWS WAF is a REST API feature/],
    ['tracing', { tracing: true }, /stages\[0\]\.tracing = true is invalid: AWS X-Ray tracing is a REST API feature .*RestGateway/],
    ['executionLogLevel', { executionLogLevel: 'INFO' }, /stages\[0\]\.executionLogLevel = "INFO" is invalid: execution logging is a REST API feature/],
  ])('rejects the REST stage option %s by name', (_name, extra, message) => {
    const { stack } = setup();
    const stage = { stageName: 'prod', ...extra } as HttpStageOptions;
    expect(() => new HttpGateway(stack, 'Api', { stages: [stage] })).toThrow(message);
  });

  test.each([
    ['apiKeyRequired', { apiKeyRequired: true }, /route 'GET \/x' options\.apiKeyRequired = true is invalid: an API key is a REST API feature/],
    ['cache', { cache: { enabled: true } }, /route 'GET \/x' options\.cache = .* is invalid: caching is a REST API feature/],
    ['requestSchema', { requestSchema: {} }, /options\.requestSchema = .* is invalid: request validation is a REST API feature/],
  ])('rejects the REST route option %s by name', (_name, extra, message) => {
    const { gateway, fn } = gatewayWithRoute();
    expect(() => gateway.addRoute('GET /x', HttpIntegration.lambdaFunction(fn), extra as object)).toThrow(message);
  });

  test('rejects REST-only gateway props by name', () => {
    const { stack } = setup();
    const props = { policyStatements: [] } as HttpGatewayProps;
    expect(() => new HttpGateway(stack, 'Api', props)).toThrow(/policyStatements = \[\] is invalid: a resource policy is a REST API feature/);
  });

  test.each([
    ['addUsagePlan', (g: HttpGateway) => g.addUsagePlan('partners'), /Stack\/Api: addUsagePlan = "partners" is invalid: a usage plan is a REST API feature that HTTP APIs do not have; use RestGateway/],
    ['addApiKey', (g: HttpGateway) => g.addApiKey('key'), /addApiKey = "key" is invalid: an API key is a REST API feature.*RestGateway/],
    ['addWebAcl', (g: HttpGateway) => g.addWebAcl('arn:acl'), /addWebAcl = "arn:acl" is invalid: AWS WAF is a REST API feature.*RestGateway/],
  ])('%s throws, naming the feature and RestGateway', (_name, call, message) => {
    const { gateway } = gatewayWithRoute();
    expect(() => call(gateway)).toThrow(message);
  });
});

describe('grants, imports and metrics', () => {
  test('grantInvoke on a route and stage', () => {
    // GIVEN
    const { stack, gateway } = gatewayWithRoute({ stages: [{ stageName: 'prod' }] });
    const role = new iam.Role(stack, 'Client', { assumedBy: new iam.AccountRootPrincipal() });

    // WHEN
    gateway.grantInvoke(role, { routeKey: 'GET /orders/{id}', stageName: 'prod' });
    gateway.grantInvoke(role, { routeKey: '$default' });
    gateway.grantInvoke(role, { routeKey: 'ANY /files' });

    // THEN
    const resources = (suffix: string) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:eu-west-1:123456789012:', { Ref: Match.stringLikeRegexp('^ApiHttpApi') }, suffix]],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resources('/prod/GET/orders/*') },
          { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resources('/*/$default') },
          { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resources('/*/*/files') },
        ],
      },
    });
  });

  test('grantInvoke without options covers every route and stage; a bad route key is an error', () => {
    // GIVEN
    const { stack, gateway } = gatewayWithRoute();
    const role = new iam.Role(stack, 'Client', { assumedBy: new iam.AccountRootPrincipal() });

    // WHEN
    gateway.grantInvoke(role);

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'execute-api:Invoke', Resource: { 'Fn::Join': ['', Match.arrayWith(['/*/*/*'])] } }] },
    });
    expect(() => gateway.grantInvoke(role, { routeKey: 'orders' })).toThrow(/Stack\/Api: grantInvoke routeKey = "orders" is invalid/);
  });

  test('fromHttpGatewayAttributes imports an API that can grant', () => {
    // GIVEN
    const { stack } = setup();
    const imported = HttpGateway.fromHttpGatewayAttributes(stack, 'Imported', { apiId: 'abc123' });
    const role = new iam.Role(stack, 'Client', { assumedBy: new iam.AccountRootPrincipal() });

    // WHEN
    imported.grantInvoke(role, { routeKey: 'POST /orders', stageName: 'dev' });

    // THEN
    expect(imported.apiId).toBe('abc123');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: 'execute-api:Invoke',
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:eu-west-1:123456789012:abc123/dev/POST/orders']] },
        }],
      },
    });
  });

  test.each([
    ['metricClientError', '4xx'],
    ['metricServerError', '5xx'],
    ['metricCount', 'Count'],
    ['metricLatency', 'Latency'],
    ['metricIntegrationLatency', 'IntegrationLatency'],
  ] as const)('%s is the stage metric %s', (method, metricName) => {
    // GIVEN
    const { stack, gateway } = gatewayWithRoute({ stages: [{ stageName: 'prod' }] });

    // WHEN
    const metric = gateway[method]('prod');

    // THEN
    expect(metric.metricName).toBe(metricName);
    expect(metric.namespace).toBe('AWS/ApiGateway');
    expect(stack.resolve(metric.dimensions)).toEqual({ ApiId: { Ref: expect.stringMatching(/^ApiHttpApi/) }, Stage: 'prod' });
  });

  test.each([
    ['metric', 'DataProcessed'],
    ['metricClientError', '4xx'],
    ['metricServerError', '5xx'],
    ['metricCount', 'Count'],
    ['metricLatency', 'Latency'],
    ['metricIntegrationLatency', 'IntegrationLatency'],
  ] as const)('an imported gateway has %s (%s), by ApiId and Stage', (method, metricName) => {
    // GIVEN
    const { stack } = setup();
    const imported = HttpGateway.fromHttpGatewayAttributes(stack, 'Imported', { apiId: 'abc123' });

    // WHEN
    const metric = method === 'metric' ? imported.metric(metricName, 'prod', { statistic: 'Sum' }) : imported[method]('prod');

    // THEN
    expect(metric.metricName).toBe(metricName);
    expect(metric.namespace).toBe('AWS/ApiGateway');
    expect(metric.dimensions).toEqual({ ApiId: 'abc123', Stage: 'prod' });
  });

  test('an imported gateway\'s metrics use the same statistics as a gateway made here', () => {
    const { stack, gateway } = gatewayWithRoute({ stages: [{ stageName: 'prod' }] });
    const imported = HttpGateway.fromHttpGatewayAttributes(stack, 'Imported', { apiId: 'abc123' });
    for (const m of ['metricClientError', 'metricServerError', 'metricCount', 'metricLatency', 'metricIntegrationLatency'] as const) {
      expect(imported[m]('prod').statistic).toBe(gateway[m]('prod').statistic);
    }
  });

  test('metric() of an unknown stage is an error', () => {
    const { gateway } = gatewayWithRoute();
    expect(() => gateway.metric('Count', 'prod')).toThrow(/stageName = "prod" is invalid: no such stage/);
  });
});
