/**
 * RestGateway used from JavaScript (or Python, Java, .NET, Go through jsii): values TypeScript
 * forbids must fail with a GatewayValidationError naming the path, the prop, the value and the
 * rule, never with a TypeError or a value copied into the template.
 */
import { Duration, Size, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  GatewayAccountLogging, GatewayDomain, GatewayEndpoint, HttpAuthorization, HttpIntegration, RestAuthorization,
  RestGateway, RestGatewayProps, RestIntegration, RestRouteOptions,
} from '../../lib';
import { expectGatewayError, js } from '../support/js-callers';
import { fn, newStack } from '../support/fixtures';

describe('RestGatewayProps from JavaScript', () => {
  test.each([
    ['an unknown CacheClusterSize', { stages: [{ stageName: 'prod', cache: { clusterSize: '9GB' } }] },
      /^Stack\/Api: stages\[0\]\.cache\.clusterSize = "9GB" is invalid: expected one of CacheClusterSize\.GB_0_5 \("0\.5"\), .*CacheClusterSize\.GB_237 \("237"\)$/],
    ['an unknown MethodLoggingLevel', { stages: [{ stageName: 'prod', executionLogLevel: 'VERBOSE' }] },
      /^Stack\/Api: stages\[0\]\.executionLogLevel = "VERBOSE" is invalid: expected one of apigateway\.MethodLoggingLevel\.OFF \("OFF"\), apigateway\.MethodLoggingLevel\.ERROR \("ERROR"\), apigateway\.MethodLoggingLevel\.INFO \("INFO"\)$/],
    ['an unknown ApiKeySourceType', { apiKeySource: 'QUERY' },
      /^Stack\/Api: apiKeySource = "QUERY" is invalid: expected one of apigateway\.ApiKeySourceType\.HEADER \("HEADER"\), apigateway\.ApiKeySourceType\.AUTHORIZER \("AUTHORIZER"\)$/],
    ['an unknown SecurityPolicy', { domain: { domainName: 'api.example.com', securityPolicy: 'TLS_1_3' } },
      /^Stack\/Api: domain\.securityPolicy = "TLS_1_3" is invalid: expected one of apigateway\.SecurityPolicy\.TLS_1_0 \("TLS_1_0"\)/],
    ['an unknown logs.RetentionDays', { stages: [{ stageName: 'prod', accessLogs: { retention: 366 } }] },
      /^Stack\/Api: stages\[0\]\.accessLogs\.retention = 366 is invalid: expected one of logs\.RetentionDays\.ONE_DAY \(1\)/],
    ['an unknown EndpointKind', { endpoint: { kind: 'GLOBAL' } },
      /^Stack\/Api: endpoint\.kind = "GLOBAL" is invalid: expected one of EndpointKind\.EDGE \("EDGE"\), EndpointKind\.REGIONAL \("REGIONAL"\), EndpointKind\.PRIVATE \("PRIVATE"\)$/],
    ['an endpoint given as a string', { endpoint: 'EDGE' },
      /^Stack\/Api: endpoint = "EDGE" is invalid: expected a GatewayEndpoint \(GatewayEndpoint\.regional\(\), \.edge\(\) or \.privateEndpoint\(\{ vpc \}\)\), got a string$/],
    ['a stage without stageName', { stages: [{ tracing: true }] },
      /^Stack\/Api: stages\[0\]\.stageName = undefined is invalid: a string is required$/],
    ['a numeric stageName', { stages: [{ stageName: 1 }] },
      /^Stack\/Api: stages\[0\]\.stageName = 1 is invalid: expected a string, got a number$/],
    ['stages that are not an array', { stages: { stageName: 'prod' } },
      /^Stack\/Api: stages = \{"stageName":"prod"\} is invalid: expected an array of RestStageOptions object items, got an object$/],
    ['a throttle rate given as a string', { stages: [{ stageName: 'prod', throttle: { rateLimit: '100' } }] },
      /^Stack\/Api: stages\[0\]\.throttle\.rateLimit = "100" is invalid: expected a number, got a string$/],
    ['tracing given as a string', { stages: [{ stageName: 'prod', tracing: 'yes' }] },
      /^Stack\/Api: stages\[0\]\.tracing = "yes" is invalid: expected a boolean \(true or false\), got a string$/],
    ['stage variables given as an array', { stages: [{ stageName: 'prod', variables: ['a=b'] }] },
      /^Stack\/Api: stages\[0\]\.variables = \["a=b"\] is invalid: expected an object mapping names to string values, got an array$/],
    ['a numeric stage variable', { stages: [{ stageName: 'prod', variables: { version: 2 } }] },
      /^Stack\/Api: stages\[0\]\.variables\.version = 2 is invalid: expected a string, got a number$/],
    ['a lambda alias given as its name', { stages: [{ stageName: 'prod', lambdaAliases: { live: 'live' } }] },
      /^Stack\/Api: stages\[0\]\.lambdaAliases\.live = "live" is invalid: expected a lambda\.IAlias, got a string$/],
    ['a cache TTL given as a number', { stages: [{ stageName: 'prod', cache: { ttl: 300 } }] },
      /^Stack\/Api: stages\[0\]\.cache\.ttl = 300 is invalid: expected a Duration such as Duration\.seconds\(30\), got a number$/],
    ['a canary without percentTraffic', { stages: [{ stageName: 'prod', canary: { useStageCache: true } }] },
      /^Stack\/Api: stages\[0\]\.canary\.percentTraffic = undefined is invalid: a number is required$/],
    ['a canary percentage given as a string', { stages: [{ stageName: 'prod', canary: { percentTraffic: '10' } }] },
      /^Stack\/Api: stages\[0\]\.canary\.percentTraffic = "10" is invalid: expected a number, got a string$/],
    ['an access-log group given as its name', { stages: [{ stageName: 'prod', accessLogs: { logGroup: '/aws/api' } }] },
      /^Stack\/Api: stages\[0\]\.accessLogs\.logGroup = "\/aws\/api" is invalid: expected a logs\.ILogGroup, got a string$/],
    ['traffic-shifting alarms that are not an array', { stages: [{ stageName: 'prod', aliasTrafficShifting: { alarms: 'HighErrors' } }] },
      /^Stack\/Api: stages\[0\]\.aliasTrafficShifting\.alarms = "HighErrors" is invalid: expected an array of cloudwatch\.IAlarm items, got a string$/],
    ['autoDeploy, an HTTP and WebSocket stage option', { stages: [{ stageName: 'prod', autoDeploy: true }] },
      /^Stack\/Api: stages\[0\]\.autoDeploy = true is invalid: REST stages are redeployed by the gateway/],
    ['a minimum compression size given as a number', { minCompressionSize: 1024 },
      /^Stack\/Api: minCompressionSize = 1024 is invalid: expected a Size such as Size\.kibibytes\(1\), got a number$/],
    ['a CORS max age given as a number', { cors: { allowOrigins: ['*'], maxAge: 600 } },
      /^Stack\/Api: cors\.maxAge = 600 is invalid: expected a Duration such as Duration\.seconds\(30\), got a number$/],
    ['CORS without allowOrigins', { cors: { allowMethods: ['GET'] } },
      /^Stack\/Api: cors\.allowOrigins = undefined is invalid: an array of string items is required$/],
    ['CORS origins given as a string', { cors: { allowOrigins: 'https://app.example.com' } },
      /^Stack\/Api: cors\.allowOrigins = "https:\/\/app\.example\.com" is invalid: expected an array of string items, got a string$/],
    ['a default authorization given as a string', { defaultAuthorization: 'AWS_IAM' },
      /^Stack\/Api: defaultAuthorization = "AWS_IAM" is invalid: expected a RestAuthorization \(RestAuthorization\.iam\(\), .*\), got a string$/],
    ['an HTTP authorization', { defaultAuthorization: HttpAuthorization.iam() },
      /^Stack\/Api: defaultAuthorization = .* is invalid: expected a RestAuthorization/],
    ['a policy statement given as JSON', { policyStatements: [{ Effect: 'Allow' }] },
      /^Stack\/Api: policyStatements\[0\] = \{"Effect":"Allow"\} is invalid: expected an iam\.PolicyStatement, got an object$/],
    ['binary media types given as a string', { binaryMediaTypes: 'image/png' },
      /^Stack\/Api: binaryMediaTypes = "image\/png" is invalid: expected an array of string items, got a string$/],
    ['a domain without domainName', { domain: { basePath: 'v1' } },
      /^Stack\/Api: domain\.domainName = undefined is invalid: a string is required$/],
    ['mutual TLS without a bucket', { domain: { domainName: 'api.example.com', mtls: { key: 'truststore.pem' } } },
      /^Stack\/Api: domain\.mtls\.bucket = undefined is invalid: an s3\.IBucket is required$/],
    ['a null description', { description: null },
      /^Stack\/Api: description = null is invalid: expected a string, got null$/],
    ['disableExecuteApiEndpoint given as a string', { disableExecuteApiEndpoint: 'false' },
      /^Stack\/Api: disableExecuteApiEndpoint = "false" is invalid: expected a boolean \(true or false\), got a string$/],
    ['httpApiName, the HttpGateway name before issue 12', { httpApiName: 'orders' },
      /^Stack\/Api: httpApiName = "orders" is invalid: a RestGateway is named with apiName$/],
    ['restApiName, renamed to apiName', { restApiName: 'orders' },
      /^Stack\/Api: restApiName = "orders" is invalid: restApiName was renamed to apiName$/],
    ['routeSelectionExpression, a WebSocketGateway prop', { routeSelectionExpression: '$request.body.action' },
      /^Stack\/Api: routeSelectionExpression = "\$request\.body\.action" is invalid: route selection expressions belong to WebSocket APIs/],
  ])('rejects %s', (_what, props, message) => {
    expectGatewayError(() => new RestGateway(newStack(), 'Api', js<RestGatewayProps>(props)), message);
  });

  test('rejects props that are not an object', () => {
    expectGatewayError(() => new RestGateway(newStack(), 'Api', js<RestGatewayProps>('orders')),
      /^Stack\/Api: props = "orders" is invalid: expected a RestGatewayProps object, got a string$/);
  });

  test('accepts a misspelled prop (unknown props are not checked)', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const api = new RestGateway(stack, 'Api', js<RestGatewayProps>({ restApiNme: 'orders' }));
    api.addRoute('GET /health', RestIntegration.mock());

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::RestApi', { Name: 'Api' });
  });
});

describe('addRoute from JavaScript', () => {
  let stack: Stack;
  let api: RestGateway;

  beforeEach(() => {
    // GIVEN
    stack = newStack();
    api = new RestGateway(stack, 'Api');
  });

  test('rejects a missing integration', () => {
    expectGatewayError(() => api.addRoute('GET /x', js<RestIntegration>(undefined)),
      /^Stack\/Api: addRoute integration = undefined is invalid: a RestIntegration \(RestIntegration\.lambdaFunction\(fn\), .*\) is required$/);
  });

  test('rejects an HTTP API integration', () => {
    expectGatewayError(() => api.addRoute('GET /x', js<RestIntegration>(HttpIntegration.http('https://example.com'))),
      /^Stack\/Api: addRoute integration = .* is invalid: expected a RestIntegration .*, got a HttpIntegration$/);
  });

  test('rejects a route key that is not a string', () => {
    expectGatewayError(() => api.addRoute(js<string>(42), RestIntegration.mock()),
      /^Stack\/Api: addRoute routeKey = 42 is invalid: expected a string, got a number$/);
  });

  test.each([
    ['an HTTP authorization', { authorization: HttpAuthorization.iam() }, /options\.authorization = .* is invalid: expected a RestAuthorization/],
    ['apiKeyRequired given as a string', { apiKeyRequired: 'true' }, /options\.apiKeyRequired = "true" is invalid: expected a boolean/],
    ['request parameters given as strings', { requestParameters: { 'method.request.querystring.page': 'yes' } },
      /options\.requestParameters\.method\.request\.querystring\.page = "yes" is invalid: expected a boolean/],
    ['a cache TTL given as a number', { cache: { ttl: 60 } }, /options\.cache\.ttl = 60 is invalid: expected a Duration/],
    ['cache key parameters given as a string', { cache: { keyParameters: 'method.request.querystring.page' } },
      /options\.cache\.keyParameters = "method\.request\.querystring\.page" is invalid: expected an array of string items/],
    ['a throttle burst given as a string', { throttle: { burstLimit: '10' } }, /options\.throttle\.burstLimit = "10" is invalid: expected a number/],
    ['an operation name given as a number', { operationName: 1 }, /options\.operationName = 1 is invalid: expected a string/],
    ['authorizationScopes, an HTTP route option', { authorizationScopes: ['orders/read'] },
      /options\.authorizationScopes = \["orders\/read"\] is invalid: a REST route's OAuth scopes are set on its Cognito authorization/],
    ['returnResponse, a WebSocket route option', { returnResponse: true }, /options\.returnResponse = true is invalid: two-way routes are a WebSocket API feature/],
  ])('rejects %s', (_what, options, message) => {
    expectGatewayError(() => api.addRoute('GET /x', RestIntegration.mock(), js<RestRouteOptions>(options)),
      new RegExp(`^Stack/Api: route 'GET /x' ${message.source}`));
  });

  test('rejects what a JavaScript integration\'s bind returns when it is not an integration config', () => {
    // GIVEN
    const custom = js<RestIntegration>({ bind: () => ({ integration: 'https://example.com' }) });

    // THEN
    expectGatewayError(() => api.addRoute('GET /x', custom),
      /^Stack\/Api: route 'GET \/x' integration\.bind\(\) result\.integration = "https:\/\/example\.com" is invalid: expected an apigateway\.Integration, got a string$/);
  });
});

describe('static factories from JavaScript', () => {
  test.each([
    ['RestIntegration.lambdaFunction without a function', () => RestIntegration.lambdaFunction(js<lambda.IFunction>(undefined)),
      /^RestIntegration\.lambdaFunction: handler = undefined is invalid: a lambda\.IFunction is required$/],
    ['RestIntegration.lambdaFunction with a function ARN', () => RestIntegration.lambdaFunction(js<lambda.IFunction>('arn:aws:lambda:eu-west-1:123456789012:function:f')),
      /^RestIntegration\.lambdaFunction: handler = "arn:aws:lambda:eu-west-1:123456789012:function:f" is invalid: expected a lambda\.IFunction, got a string$/],
    ['RestIntegration.lambdaFunction with a numeric timeout', () => RestIntegration.lambdaFunction(fn(newStack(), 'Fn'), js({ timeout: 10 })),
      /^RestIntegration\.lambdaFunction: options\.timeout = 10 is invalid: expected a Duration/],
    ['RestIntegration.lambdaAlias with a numeric stage variable', () => RestIntegration.lambdaAlias(fn(newStack(), 'Fn'), js({ stageVariable: 1 })),
      /^RestIntegration\.lambdaAlias: options\.stageVariable = 1 is invalid: expected a string, got a number$/],
    ['RestIntegration.http without a URL', () => RestIntegration.http(js<string>(undefined)),
      /^RestIntegration\.http: url = undefined is invalid: a string is required$/],
    ['RestIntegration.nlb without a load balancer', () => RestIntegration.nlb(js(undefined)),
      /^RestIntegration\.nlb: loadBalancer = undefined is invalid: an elbv2\.INetworkLoadBalancer is required$/],
    ['RestIntegration.mock with a string status code', () => RestIntegration.mock(js({ statusCode: '204' })),
      /^RestIntegration\.mock: options\.statusCode = "204" is invalid: expected a number, got a string$/],
    ['RestIntegration.mock with null options', () => RestIntegration.mock(js(null)),
      /^RestIntegration\.mock: options = null is invalid: expected a RestMockIntegrationOptions object, got null$/],
    ['RestAuthorization.cognito without pools', () => RestAuthorization.cognito(js(undefined)),
      /^RestAuthorization\.cognito: userPools = undefined is invalid: an array of cognito\.IUserPool items is required$/],
    ['RestAuthorization.cognito with scopes as a string', () => RestAuthorization.cognito([], js({ scopes: 'orders/read' })),
      /^RestAuthorization\.cognito: options\.scopes = "orders\/read" is invalid: expected an array of string items, got a string$/],
    ['RestAuthorization.lambdaToken with a numeric TTL', () => RestAuthorization.lambdaToken(fn(newStack(), 'Fn'), js({ resultsCacheTtl: 300 })),
      /^RestAuthorization\.lambdaToken: options\.resultsCacheTtl = 300 is invalid: expected a Duration/],
    ['RestAuthorization.lambdaRequest with null options', () => RestAuthorization.lambdaRequest(fn(newStack(), 'Fn'), js(null)),
      /^RestAuthorization\.lambdaRequest: options = null is invalid: expected a RestLambdaRequestAuthorizationOptions object, got null$/],
    ['RestAuthorization.lambdaRequest with one identity source as a string',
      () => RestAuthorization.lambdaRequest(fn(newStack(), 'Fn'), js({ identitySources: 'method.request.header.X-Tenant' })),
      /^RestAuthorization\.lambdaRequest: options\.identitySources = "method\.request\.header\.X-Tenant" is invalid: expected an array of string items, got a string$/],
    ['RestIntegration.http with a lower-case backend method', () => RestIntegration.http('https://example.com', js({ httpMethod: 'post' })),
      /^RestIntegration\.http: options\.httpMethod = "post" is invalid: expected one of apigwv2\.HttpMethod\.ANY/],
    ['GatewayEndpoint.privateEndpoint without options', () => GatewayEndpoint.privateEndpoint(js(undefined)),
      /^GatewayEndpoint\.privateEndpoint: options = undefined is invalid: a PrivateEndpointOptions object is required$/],
    ['GatewayEndpoint.privateEndpoint with a VPC id', () => GatewayEndpoint.privateEndpoint(js({ vpc: 'vpc-0123' })),
      /^GatewayEndpoint\.privateEndpoint: options\.vpc = "vpc-0123" is invalid: expected an ec2\.IVpc, got a string$/],
    ['RestGateway.fromRestGatewayAttributes without apiId', () => RestGateway.fromRestGatewayAttributes(newStack(), 'Imported', js({})),
      /^RestGateway\.fromRestGatewayAttributes: attrs\.apiId = undefined is invalid: a string is required$/],
    ['RestGateway.fromRestGatewayAttributes with restApiId, renamed to apiId',
      () => RestGateway.fromRestGatewayAttributes(newStack(), 'Imported', js({ apiId: 'abc123def4', restApiId: 'abc123def4' })),
      /^RestGateway\.fromRestGatewayAttributes: attrs\.restApiId = "abc123def4" is invalid: restApiId was renamed to apiId$/],
    ['GatewayAccountLogging.isManagedIn without a scope', () => GatewayAccountLogging.isManagedIn(js(undefined)),
      /^GatewayAccountLogging\.isManagedIn: scope = undefined is invalid: a construct is required$/],
  ])('%s', (_what, fn, message) => {
    expectGatewayError(fn, message);
  });
});

describe('methods and other constructs from JavaScript', () => {
  let stack: Stack;
  let api: RestGateway;

  beforeEach(() => {
    // GIVEN
    stack = newStack();
    api = new RestGateway(stack, 'Api');
  });

  test.each([
    ['addApiKey without a name', () => api.addApiKey(js<string>(undefined)), /^Stack\/Api: addApiKey name = undefined is invalid: a string is required$/],
    ['addApiKey with enabled as a string', () => api.addApiKey('partner', js({ enabled: 'no' })),
      /^Stack\/Api: addApiKey options\.enabled = "no" is invalid: expected a boolean/],
    ['addApiKey with a secret given as its ARN', () => api.addApiKey('partner', js({ valueSecret: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:k' })),
      /^Stack\/Api: addApiKey options\.valueSecret = ".*" is invalid: expected a secretsmanager\.ISecret, got a string$/],
    ['addUsagePlan with an unknown quota period', () => api.addUsagePlan('basic', js({ quota: { limit: 1000, period: 'YEAR' } })),
      /^Stack\/Api: addUsagePlan options\.quota\.period = "YEAR" is invalid: expected one of apigateway\.Period\.DAY \("DAY"\), apigateway\.Period\.WEEK \("WEEK"\), apigateway\.Period\.MONTH \("MONTH"\)$/],
    ['addUsagePlan with a quota without limit', () => api.addUsagePlan('basic', js({ quota: { period: 'DAY' } })),
      /^Stack\/Api: addUsagePlan options\.quota\.limit = undefined is invalid: a number is required$/],
    ['addUsagePlan with a throttle burst as a string', () => api.addUsagePlan('basic', js({ throttle: { burstLimit: '5' } })),
      /^Stack\/Api: addUsagePlan options\.throttle\.burstLimit = "5" is invalid: expected a number/],
    ['addUsagePlan with a stage without stageName', () => api.addUsagePlan('basic', js({ stages: [{}] })),
      /^Stack\/Api: addUsagePlan options\.stages\[0\]\.stageName = undefined is invalid: a string is required$/],
    ['addUsagePlan with API keys as a string', () => api.addUsagePlan('basic', js({ apiKeys: 'partner' })),
      /^Stack\/Api: addUsagePlan options\.apiKeys = "partner" is invalid: expected an array of string items/],
    ['mapDomain without a domain', () => api.mapDomain(js<GatewayDomain>(undefined)),
      /^Stack\/Api: mapDomain domain = undefined is invalid: a GatewayDomain is required$/],
    ['mapDomain with a domain name', () => api.mapDomain(js<GatewayDomain>('api.example.com')),
      /^Stack\/Api: mapDomain domain = "api\.example\.com" is invalid: expected a GatewayDomain, got a string$/],
    ['grantInvoke without a grantee', () => api.grantInvoke(js<iam.IGrantable>(undefined)),
      /^Stack\/Api: grantInvoke grantee = undefined is invalid: an iam\.IGrantable is required$/],
    ['grantInvoke with a numeric route key', () => api.grantInvoke(new iam.User(stack, 'U'), js({ routeKey: 7 })),
      /^Stack\/Api: grantInvoke options\.routeKey = 7 is invalid: expected a string, got a number$/],
    ['grantInvoke with a malformed route key', () => api.grantInvoke(new iam.User(stack, 'U'), { routeKey: 'GET orders' }),
      /^Stack\/Api: grantInvoke routeKey = "GET orders" is invalid: a route key is 'METHOD \/path'/],
    ['arnForExecuteApi with a numeric stage', () => api.arnForExecuteApi('GET', '/x', js<string>(1)),
      /^Stack\/Api: arnForExecuteApi stageName = 1 is invalid: expected a string, got a number$/],
    ['metric without a metric name', () => api.metric(js<string>(undefined), 'prod'),
      /^Stack\/Api: metric metricName = undefined is invalid: a string is required$/],
    ['metric with options as a string', () => api.metric('Count', 'prod', js('Sum')),
      /^Stack\/Api: metric props = "Sum" is invalid: expected a cloudwatch\.MetricOptions object, got a string$/],
    ['GatewayDomain without props', () => new GatewayDomain(stack, 'Domain', js(undefined)),
      /^Stack\/Domain: props = undefined is invalid: a GatewayDomainProps object is required$/],
    ['GatewayDomain with a certificate ARN', () => new GatewayDomain(stack, 'Domain', js({ domainName: 'api.example.com', certificate: 'arn:aws:acm:eu-west-1:123456789012:certificate/c' })),
      /^Stack\/Domain: certificate = ".*" is invalid: expected an acm\.ICertificate, got a string$/],
    ['GatewayAccountLogging with a role ARN', () => new GatewayAccountLogging(stack, 'Logging', js({ role: 'arn:aws:iam::123456789012:role/logs' })),
      /^Stack\/Logging: role = ".*" is invalid: expected an iam\.IRole, got a string$/],
  ])('%s', (_what, fn, message) => {
    expectGatewayError(fn, message);
  });
});

describe('documented ranges', () => {
  function gateway(props: RestGatewayProps): Template {
    const stack = newStack();
    const api = new RestGateway(stack, 'Api', props);
    api.addRoute('GET /health', RestIntegration.mock());
    return Template.fromStack(stack);
  }

  test.each([0, 10485760])('a minimum compression size of %d bytes is rendered', bytes => {
    // WHEN
    const template = gateway({ minCompressionSize: Size.bytes(bytes) });

    // THEN
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { MinimumCompressionSize: bytes });
  });

  test('a minimum compression size above 10 MiB is rejected', () => {
    expectGatewayError(() => gateway({ minCompressionSize: Size.bytes(10485761) }),
      /^Stack\/Api: minCompressionSize = "10485761 bytes" is invalid: a minimum compression size is a whole number of bytes from 0 to 10485760 \(10 MiB\)$/);
  });

  test('a REST API name of one character is rendered', () => {
    gateway({ apiName: 'o' }).hasResourceProperties('AWS::ApiGateway::RestApi', { Name: 'o' });
  });

  test('an empty REST API name is rejected', () => {
    expectGatewayError(() => gateway({ apiName: '' }),
      /^Stack\/Api: apiName = "" is invalid: a REST API name is required: at least one character$/);
  });

  test('a REST CORS max age has no service limit: a day is rendered as the preflight header', () => {
    // WHEN
    const template = gateway({ cors: { allowOrigins: ['https://app.example.com'], maxAge: Duration.days(2) } });

    // THEN
    const methods = template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } });
    expect(JSON.stringify(methods)).toContain('\'172800\'');
  });
});
