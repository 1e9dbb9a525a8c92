/**
 * HttpGateway used from JavaScript (or Python, Java, .NET, Go through jsii): values TypeScript
 * forbids must fail with a GatewayValidationError naming the path, the prop, the value and the
 * rule, never with a TypeError or a value copied into the template; and the HTTP API (v2)
 * documented ranges.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  HttpAuthorization, HttpGateway, HttpIntegration, HttpGatewayProps, HttpRouteOptions, RestAuthorization,
  RestIntegration,
} from '../../lib';
import { expectGatewayError, js } from '../support/js-callers';
import { fn, newStack } from '../support/fixtures';

const URL = 'https://backend.example.com';

describe('HttpGatewayProps from JavaScript', () => {
  test.each([
    ['a stage without stageName', { stages: [{ autoDeploy: true }] },
      /^Stack\/Api: stages\[0\]\.stageName = undefined is invalid: a string is required$/],
    ['autoDeploy given as a string', { stages: [{ stageName: 'prod', autoDeploy: 'yes' }] },
      /^Stack\/Api: stages\[0\]\.autoDeploy = "yes" is invalid: expected a boolean \(true or false\), got a string$/],
    ['detailedMetrics given as a number', { stages: [{ stageName: 'prod', detailedMetrics: 1 }] },
      /^Stack\/Api: stages\[0\]\.detailedMetrics = 1 is invalid: expected a boolean \(true or false\), got a number$/],
    ['an unknown EndpointKind', { endpoint: { kind: 'GLOBAL' } },
      /^Stack\/Api: endpoint\.kind = "GLOBAL" is invalid: expected one of EndpointKind\.EDGE \("EDGE"\)/],
    ['a REST authorization', { defaultAuthorization: RestAuthorization.iam() },
      /^Stack\/Api: defaultAuthorization = .* is invalid: expected an HttpAuthorization \(HttpAuthorization\.iam\(\), .*\), got an object$/],
    ['a CORS max age given as a number', { cors: { allowOrigins: ['*'], maxAge: 600 } },
      /^Stack\/Api: cors\.maxAge = 600 is invalid: expected a Duration/],
    ['CORS credentials given as a string', { cors: { allowOrigins: ['https://app.example.com'], allowCredentials: 'true' } },
      /^Stack\/Api: cors\.allowCredentials = "true" is invalid: expected a boolean/],
    ['a numeric API name', { apiName: 7 }, /^Stack\/Api: apiName = 7 is invalid: expected a string, got a number$/],
    ['restApiName, a RestGateway prop', { restApiName: 'orders' },
      /^Stack\/Api: restApiName = "orders" is invalid: an HttpGateway is named with apiName$/],
    ['httpApiName, the old name of apiName', { httpApiName: 'orders' },
      /^Stack\/Api: httpApiName = "orders" is invalid: renamed to apiName$/],
    ['apiKeyRequired, a REST API feature', { apiKeyRequired: true },
      /^Stack\/Api: apiKeyRequired = true is invalid: an API key is a REST API feature that HTTP APIs do not have; use RestGateway for it$/],
    ['apiKeySource, a REST API feature', { apiKeySource: 'HEADER' },
      /^Stack\/Api: apiKeySource = "HEADER" is invalid: an API key is a REST API feature that HTTP APIs do not have/],
    ['routeSelectionExpression, a WebSocketGateway prop', { routeSelectionExpression: '$request.body.action' },
      /^Stack\/Api: routeSelectionExpression = .* is invalid: route selection expressions belong to WebSocket APIs/],
    ['a stage cache, a REST API feature', { stages: [{ stageName: 'prod', cache: {} }] },
      /^Stack\/Api: stages\[0\]\.cache = \{\} is invalid: caching is a REST API feature/],
  ])('rejects %s', (_what, props, message) => {
    expectGatewayError(() => new HttpGateway(newStack(), 'Api', js<HttpGatewayProps>(props)), message);
  });
});

describe('addRoute from JavaScript', () => {
  let stack: Stack;
  let api: HttpGateway;

  beforeEach(() => {
    // GIVEN
    stack = newStack();
    api = new HttpGateway(stack, 'Api');
  });

  test('rejects a missing integration', () => {
    expectGatewayError(() => api.addRoute('GET /x', js<HttpIntegration>(undefined)),
      /^Stack\/Api: addRoute integration = undefined is invalid: an HttpIntegration \(.*\) is required$/);
  });

  test('rejects a REST integration', () => {
    expectGatewayError(() => api.addRoute('GET /x', js<HttpIntegration>(RestIntegration.mock())),
      /^Stack\/Api: addRoute integration = .* is invalid: expected an HttpIntegration .*, got a RestIntegration$/);
  });

  test.each([
    ['a REST authorization', { authorization: RestAuthorization.none() }, /options\.authorization = .* is invalid: expected an HttpAuthorization/],
    ['authorization scopes given as a string', { authorizationScopes: 'orders/read' },
      /options\.authorizationScopes = "orders\/read" is invalid: expected an array of string items/],
    ['a throttle given as a number', { throttle: 100 }, /options\.throttle = 100 is invalid: expected a ThrottleSettings object, got a number$/],
    ['returnResponse, a WebSocket route option', { returnResponse: true }, /options\.returnResponse = true is invalid: two-way routes are a WebSocket API feature/],
    ['operationName, a REST route option', { operationName: 'getX' }, /options\.operationName = "getX" is invalid: HttpGateway routes have no operationName$/],
  ])('rejects %s', (_what, options, message) => {
    expectGatewayError(() => api.addRoute('GET /x', HttpIntegration.http(URL), js<HttpRouteOptions>(options)),
      new RegExp(`^Stack/Api: route 'GET /x' ${message.source}`));
  });

  test('rejects what a JavaScript integration\'s bind returns when it is not an integration config', () => {
    expectGatewayError(() => api.addRoute('GET /x', js<HttpIntegration>({ bind: () => undefined })),
      /^Stack\/Api: route 'GET \/x' integration\.bind\(\) result = undefined is invalid: an HttpIntegrationConfig object is required$/);
  });
});

describe('static factories and methods from JavaScript', () => {
  test.each([
    ['HttpIntegration.lambdaFunction without a function', () => HttpIntegration.lambdaFunction(js(undefined)),
      /^HttpIntegration\.lambdaFunction: handler = undefined is invalid: a lambda\.IFunction is required$/],
    ['HttpIntegration.lambdaFunction with a payload version string', () => HttpIntegration.lambdaFunction(fn(newStack(), 'Fn'), js({ payloadFormatVersion: '2.0' })),
      /^HttpIntegration\.lambdaFunction: options\.payloadFormatVersion = "2\.0" is invalid: expected an apigwv2\.PayloadFormatVersion \(PayloadFormatVersion\.VERSION_2_0\), got a string$/],
    ['HttpIntegration.http with an unknown method', () => HttpIntegration.http(URL, js({ httpMethod: 'FETCH' })),
      /^HttpIntegration\.http: options\.httpMethod = "FETCH" is invalid: expected one of apigwv2\.HttpMethod\.ANY \("ANY"\)/],
    ['HttpIntegration.http with method, the old name of httpMethod', () => HttpIntegration.http(URL, js({ method: 'GET' })),
      /^HttpIntegration\.http: options\.method = "GET" is invalid: renamed to httpMethod$/],
    ['HttpAuthorization.jwt with identitySource, the old name of identitySources', () => HttpAuthorization.jwt('https://issuer.example.com', ['a'], js({ identitySource: ['$request.header.X'] })),
      /^HttpAuthorization\.jwt: options\.identitySource = .* is invalid: renamed to identitySources$/],
    ['HttpIntegration.http without a URL', () => HttpIntegration.http(js(undefined)),
      /^HttpIntegration\.http: url = undefined is invalid: a string is required$/],
    ['HttpIntegration.alb without a listener', () => HttpIntegration.alb(js(undefined)),
      /^HttpIntegration\.alb: listener = undefined is invalid: an elbv2\.IApplicationListener is required$/],
    ['HttpIntegration.nlb with a VPC link id', () => HttpIntegration.nlb(js({ listenerArn: 'arn' }), js({ vpcLink: 'abc123' })),
      /^HttpIntegration\.nlb: options\.vpcLink = "abc123" is invalid: expected an apigwv2\.IVpcLink, got a string$/],
    ['HttpIntegration.serviceDiscovery without options', () => HttpIntegration.serviceDiscovery(js({ serviceArn: 'arn' }), js(undefined)),
      /^HttpIntegration\.serviceDiscovery: options = undefined is invalid: an HttpServiceDiscoveryIntegrationOptions object is required$/],
    ['HttpIntegration.serviceDiscovery without a VPC link', () => HttpIntegration.serviceDiscovery(js({ serviceArn: 'arn' }), js({})),
      /^HttpIntegration\.serviceDiscovery: options\.vpcLink = undefined is invalid: an apigwv2\.IVpcLink is required$/],
    ['HttpAuthorization.jwt without audiences', () => HttpAuthorization.jwt('https://issuer.example.com', js(undefined)),
      /^HttpAuthorization\.jwt: audiences = undefined is invalid: an array of string items is required$/],
    ['HttpAuthorization.cognito with a client id', () => HttpAuthorization.cognito(js({ userPoolId: 'p' }), js(['abc'])),
      /^HttpAuthorization\.cognito: clients\[0\] = "abc" is invalid: expected a cognito\.IUserPoolClient, got a string$/],
    ['HttpAuthorization.lambdaRequest with simpleResponses as a string', () => HttpAuthorization.lambdaRequest(fn(newStack(), 'Fn'), js({ simpleResponses: 'true' })),
      /^HttpAuthorization\.lambdaRequest: options\.simpleResponses = "true" is invalid: expected a boolean/],
    ['HttpGateway.fromHttpGatewayAttributes with a numeric id', () => HttpGateway.fromHttpGatewayAttributes(newStack(), 'I', js({ apiId: 1 })),
      /^HttpGateway\.fromHttpGatewayAttributes: attrs\.apiId = 1 is invalid: expected a string, got a number$/],
    ['HttpGateway.fromHttpGatewayAttributes with httpApiId, the old name of apiId', () => HttpGateway.fromHttpGatewayAttributes(newStack(), 'I', js({ httpApiId: 'abc' })),
      /^HttpGateway\.fromHttpGatewayAttributes: attrs\.httpApiId = "abc" is invalid: renamed to apiId$/],
  ])('%s', (_what, fn, message) => {
    expectGatewayError(fn, message);
  });

  test.each([
    ['grantInvoke without a grantee', (api: HttpGateway) => api.grantInvoke(js<iam.IGrantable>(undefined)),
      /^Stack\/Api: grantInvoke grantee = undefined is invalid: an iam\.IGrantable is required$/],
    ['grantInvoke with options as a string', (api: HttpGateway) => api.grantInvoke(new iam.User(api, 'U'), js('GET /x')),
      /^Stack\/Api: grantInvoke options = "GET \/x" is invalid: expected a GatewayGrantInvokeOptions object, got a string$/],
    ['mapDomain without a domain', (api: HttpGateway) => api.mapDomain(js(undefined)),
      /^Stack\/Api: mapDomain domain = undefined is invalid: a GatewayDomain is required$/],
    ['metric with a numeric stage', (api: HttpGateway) => api.metric('Count', js(1)),
      /^Stack\/Api: metric stageName = 1 is invalid: expected a string, got a number$/],
  ])('%s', (_what, call, message) => {
    expectGatewayError(() => call(new HttpGateway(newStack(), 'Api')), message);
  });
});

describe('documented ranges (API Gateway V2 API reference)', () => {
  function gateway(props: HttpGatewayProps, routeOptions: HttpRouteOptions = {}, integration?: HttpIntegration): Template {
    const stack = newStack();
    const api = new HttpGateway(stack, 'Api', props);
    api.addRoute('GET /x', integration ?? HttpIntegration.http(URL), routeOptions);
    return Template.fromStack(stack);
  }

  test('an API name of 128 characters is rendered; 129 are rejected', () => {
    gateway({ apiName: 'n'.repeat(128) }).hasResourceProperties('AWS::ApiGatewayV2::Api', { Name: 'n'.repeat(128) });
    expectGatewayError(() => gateway({ apiName: 'n'.repeat(129) }),
      /^Stack\/Api: apiName = "n{129}" is invalid: an HTTP API name is 1 to 128 characters$/);
  });

  test('an API description of 1024 characters is rendered; 1025 are rejected', () => {
    gateway({ description: 'd'.repeat(1024) }).hasResourceProperties('AWS::ApiGatewayV2::Api', { Description: 'd'.repeat(1024) });
    expectGatewayError(() => gateway({ description: 'd'.repeat(1025) }),
      /^Stack\/Api: description = "d{1025}" is invalid: an API description is at most 1024 characters$/);
  });

  test('a stage description of 1024 characters is rendered; 1025 are rejected', () => {
    gateway({ stages: [{ stageName: 'prod', description: 's'.repeat(1024) }] })
      .hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: 'prod', Description: 's'.repeat(1024) });
    expectGatewayError(() => gateway({ stages: [{ stageName: 'prod', description: 's'.repeat(1025) }] }),
      /^Stack\/Api: stages\[0\]\.description = "s{1025}" is invalid: a stage description is at most 1024 characters$/);
  });

  test('a CORS max age of one day is rendered; a second more is rejected', () => {
    gateway({ cors: { allowOrigins: ['https://app.example.com'], maxAge: Duration.days(1) } })
      .hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: { MaxAge: 86400 } });
    expectGatewayError(() => gateway({ cors: { allowOrigins: ['https://app.example.com'], maxAge: Duration.seconds(86401) } }),
      /^Stack\/Api: cors\.maxAge = "86401 s" is invalid: an HTTP API CORS max age is a whole number of seconds from -1 to 86400 \(one day\)$/);
  });

  test('a route scope of 64 characters is rendered; 65 are rejected', () => {
    const jwt = () => HttpAuthorization.jwt('https://issuer.example.com', ['orders']);
    gateway({}, { authorization: jwt(), authorizationScopes: ['s'.repeat(64)] })
      .hasResourceProperties('AWS::ApiGatewayV2::Route', { AuthorizationScopes: ['s'.repeat(64)] });
    expectGatewayError(() => gateway({}, { authorization: jwt(), authorizationScopes: ['s'.repeat(65)] }),
      /^Stack\/Api: route 'GET \/x' options\.authorizationScopes\[0\] = "s{65}" is invalid: an authorization scope is 1 to 64 characters$/);
  });

  test('a JWT authorization scope of 65 characters is rejected when the authorization is made', () => {
    expectGatewayError(() => HttpAuthorization.jwt('https://issuer.example.com', ['orders'], { scopes: ['s'.repeat(65)] }),
      /^HttpAuthorization\.jwt: options\.scopes\[0\] = "s{65}" is invalid: an authorization scope is 1 to 64 characters$/);
  });

  test('a JWT issuer of 2048 characters is rendered; 2049 are rejected', () => {
    const issuer = (n: number) => `https://${'i'.repeat(n - 'https://'.length)}`;
    gateway({}, { authorization: HttpAuthorization.jwt(issuer(2048), ['orders']) })
      .hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { JwtConfiguration: { Issuer: issuer(2048) } });
    expectGatewayError(() => HttpAuthorization.jwt(issuer(2049), ['orders']),
      /^HttpAuthorization\.jwt: issuer = "https:\/\/i+" is invalid: a JWT issuer is 1 to 2048 characters$/);
  });

  test('an integration URL of 2048 characters is rendered; 2049 are rejected', () => {
    const url = (n: number) => `${URL}/${'p'.repeat(n - URL.length - 1)}`;
    gateway({}, {}, HttpIntegration.http(url(2048)))
      .hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationUri: url(2048) });
    expectGatewayError(() => HttpIntegration.http(url(2049)),
      /^HttpIntegration\.http: url = ".*" is invalid: an integration URL is 1 to 2048 characters$/);
  });

  test('a secure server name of 512 characters is rendered; 513 are rejected', () => {
    // GIVEN
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const listener = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc }).addListener('Listener', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(200) });
    const vpcLink = new apigwv2.VpcLink(stack, 'Link', { vpc });
    const api = new HttpGateway(stack, 'Api');

    // WHEN
    api.addRoute('GET /x', HttpIntegration.alb(listener, { vpcLink, secureServerName: 's'.repeat(512) }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', { TlsConfig: { ServerNameToVerify: 's'.repeat(512) } });
    expectGatewayError(() => HttpIntegration.alb(listener, { vpcLink, secureServerName: 's'.repeat(513) }),
      /^HttpIntegration\.alb: options\.secureServerName = "s{513}" is invalid: a secure server name is 1 to 512 characters$/);
  });
});
