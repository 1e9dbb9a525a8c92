import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { GatewayAccountLogging, GatewayEndpoint, GatewayValidationError } from '../../lib';
import { WebSocketAuthorization } from '../../lib/websocket/authorization';
import { WebSocketIntegration } from '../../lib/websocket/integration';
import { WebSocketGateway } from '../../lib/websocket/websocket-gateway';
import { fn, newStack } from './util';

function gatewayWithRoutes(props: ConstructorParameters<typeof WebSocketGateway>[2] = {}) {
  const stack = newStack();
  const gateway = new WebSocketGateway(stack, 'Chat', props);
  const handler = fn(stack, 'Handler');
  gateway.addRoute('$connect', WebSocketIntegration.lambdaFunction(handler));
  return { stack, gateway, handler };
}

describe('API', () => {
  test('a WebSocket API named after the construct id with the default route selection expression', () => {
    const { stack } = gatewayWithRoutes({ description: 'chat' });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      Name: 'Chat', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action', Description: 'chat',
      ApiKeySelectionExpression: Match.absent(),
    });
  });

  test('apiName, routeSelectionExpression and apiKeySelectionExpression', () => {
    const { stack } = gatewayWithRoutes({
      apiName: 'chat-api',
      routeSelectionExpression: '$request.body.type',
      apiKeySelectionExpression: apigwv2.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      Name: 'chat-api', RouteSelectionExpression: '$request.body.type', ApiKeySelectionExpression: '$request.header.x-api-key',
    });
  });

  test('rejects a route selection expression outside the message body', () => {
    expect(() => new WebSocketGateway(newStack(), 'Chat', { routeSelectionExpression: '$request.header.x' }))
      .toThrow(/Stack\/Chat: routeSelectionExpression = "\$request.header.x" is invalid: .*JSON message body/);
  });

  test('exposes the L2 API and its id', () => {
    const { gateway } = gatewayWithRoutes();
    expect(gateway.webSocketApi).toBeInstanceOf(apigwv2.WebSocketApi);
    expect(gateway.apiId).toBe(gateway.webSocketApi.apiId);
  });
});

describe('REST-only and HTTP-only features are rejected by name', () => {
  test.each([
    ['edge', GatewayEndpoint.edge(), /endpoint = "EDGE" is invalid: WebSocket APIs are regional only: edge-optimized endpoints exist for REST APIs/],
    ['private', GatewayEndpoint.privateEndpoint({}), /endpoint = "PRIVATE" is invalid: WebSocket APIs are regional only: private endpoints/],
  ])('%s endpoint', (_name, endpoint, message) => {
    expect(() => new WebSocketGateway(newStack(), 'Chat', { endpoint })).toThrow(message);
  });

  test('a regional endpoint is accepted', () => {
    const { stack } = gatewayWithRoutes({ endpoint: GatewayEndpoint.regional() });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'WEBSOCKET' });
  });

  test('cors, naming the alternative', () => {
    expect(() => new WebSocketGateway(newStack(), 'Chat', { cors: { allowOrigins: ['https://app.example.com'] } }))
      .toThrow(/Stack\/Chat: cors = .* is invalid: CORS does not apply to WebSocket APIs.*Origin header in a \$connect Lambda authorizer/);
  });
});

describe('stages', () => {
  test('one auto-deployed prod stage with the secure defaults', () => {
    const { stack, gateway } = gatewayWithRoutes();
    expect(gateway.stageNames).toEqual(['prod']);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'prod',
      AutoDeploy: true,
      DefaultRouteSettings: {
        LoggingLevel: 'ERROR', DataTraceEnabled: false, DetailedMetricsEnabled: true,
        ThrottlingRateLimit: 10000, ThrottlingBurstLimit: 5000,
      },
      RouteSettings: Match.absent(),
    });
  });

  test('variables, throttle, logging, metrics, description and autoDeploy per stage', () => {
    const { stack } = gatewayWithRoutes({
      stages: [
        { stageName: 'dev', variables: { backend: 'dev.example.com' }, executionLogLevel: apigateway.MethodLoggingLevel.INFO, detailedMetrics: false, autoDeploy: false, description: 'dev stage' },
        { stageName: 'prod', throttle: { rateLimit: 500, burstLimit: 1000 }, executionLogLevel: apigateway.MethodLoggingLevel.OFF },
      ],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'dev', AutoDeploy: false, Description: 'dev stage', StageVariables: { backend: 'dev.example.com' },
      DefaultRouteSettings: { LoggingLevel: 'INFO', DetailedMetricsEnabled: false, ThrottlingRateLimit: 10000, ThrottlingBurstLimit: 5000 },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'prod', AutoDeploy: true,
      DefaultRouteSettings: { LoggingLevel: 'OFF', DetailedMetricsEnabled: true, ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 },
    });
  });

  test('JSON access logs to an encrypted log group kept a year', () => {
    const { stack } = gatewayWithRoutes();
    const template = Template.fromStack(stack);
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0];
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', connectionId: '$context.connectionId', eventType: '$context.eventType', routeKey: '$context.routeKey' });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ChatAccessLogsprod'), 'Arn'] } },
    });
  });

  test('a custom access-log format and an existing log group', () => {
    const stack = newStack();
    const logGroup = new logs.LogGroup(stack, 'Mine');
    const gateway = new WebSocketGateway(stack, 'Chat', {
      stages: [{ stageName: 'prod', accessLogs: { logGroup, format: '{"id":"$context.requestId"}' } }],
    });
    gateway.addRoute('$default', WebSocketIntegration.http('https://example.com'));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { Format: '{"id":"$context.requestId"}', DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Mine'), 'Arn'] } },
    });
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
  });

  test('access logs can be turned off', () => {
    const { stack } = gatewayWithRoutes({ stages: [{ stageName: 'prod', accessLogs: { enabled: false } }] });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', { AccessLogSettings: Match.absent() });
  });

  test('access-log formats over 3 KB are rejected', () => {
    const format = `{"id":"$context.requestId","pad":"${'x'.repeat(3100)}"}`;
    expect(() => new WebSocketGateway(newStack(), 'Chat', { stages: [{ stageName: 'prod', accessLogs: { format } }] }))
      .toThrow(/Stack\/Chat: stages 'prod' accessLogs.format = .* is invalid: an access-log format is at most 3072 bytes/);
  });

  test.each([
    [[{ stageName: 'my stage' }], /stages\[0\].stageName = "my stage" is invalid: a stage name is 1 to 128 characters/],
    [[{ stageName: '$default' }], /stages\[0\].stageName = "\$default" is invalid/],
    [[{ stageName: 'a' }, { stageName: 'a' }], /stages\[1\].stageName = "a" is invalid: stage names must be unique/],
    [[], /stages = "\[\]" is invalid: a WebSocketGateway has at least one stage/],
    [[{ stageName: 'p', variables: { 'bad-name': 'x' } }], /stages\[0\].variables name = "bad-name" is invalid/],
    [[{ stageName: 'p', variables: { ok: 'has space' } }], /stages\[0\].variables.ok = "has space" is invalid/],
    [[{ stageName: 'p', throttle: { burstLimit: 1.5 } }], /stages\[0\].throttle.burstLimit = 1.5 is invalid/],
  ])('rejects invalid stages %#', (stages, message) => {
    expect(() => new WebSocketGateway(newStack(), 'Chat', { stages })).toThrow(message);
  });

  test('11 stages warn: the quota can be raised per API', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    new WebSocketGateway(stack, 'Chat', { stages: Array.from({ length: 11 }, (_, i) => ({ stageName: `s${i}` })) })
      .addRoute('$connect', WebSocketIntegration.http('https://example.org'));

    // THEN
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Stage', 11);
    Annotations.fromStack(stack).hasWarning('/Stack/Chat', Match.stringLikeRegexp('^11 stages per WebSocket API exceeds the default quota'));
  });

  test('a throttle above the account default warns', () => {
    const { stack } = gatewayWithRoutes({ stages: [{ stageName: 'prod', throttle: { rateLimit: 20000 } }] });
    Annotations.fromStack(stack).hasWarning('/Stack/Chat', Match.stringLikeRegexp('rateLimit 20000 exceeds the account default'));
  });

  test('dataTrace warns', () => {
    const { stack } = gatewayWithRoutes({ stages: [{ stageName: 'prod', dataTrace: true }] });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: { DataTraceEnabled: true } });
    Annotations.fromStack(stack).hasWarning('/Stack/Chat', Match.stringLikeRegexp('dataTrace is on'));
  });

  test('stage(name) returns the L2 stage and rejects unknown names', () => {
    const { gateway } = gatewayWithRoutes({ stages: [{ stageName: 'dev' }, { stageName: 'prod' }] });
    expect(gateway.stage('dev')).toBeInstanceOf(apigwv2.WebSocketStage);
    expect(gateway.stage('dev').stageName).toBe('dev');
    expect(() => gateway.stage('qa')).toThrow(/Stack\/Chat: stageName = "qa" is invalid: no such stage; the stages are dev, prod/);
  });
});

describe('execution logs and the account role', () => {
  test('warns when execution logs are on and the app manages no account role', () => {
    const { stack } = gatewayWithRoutes();
    Annotations.fromStack(stack).hasWarning('/Stack/Chat', Match.stringLikeRegexp('stages prod write execution logs'));
  });

  test('no warning with GatewayAccountLogging in the app', () => {
    const { stack } = gatewayWithRoutes();
    new GatewayAccountLogging(stack, 'AccountLogging');
    Annotations.fromStack(stack).hasNoWarning('/Stack/Chat', Match.stringLikeRegexp('write execution logs'));
  });

  test('no warning when execution logs are off', () => {
    const { stack } = gatewayWithRoutes({ stages: [{ stageName: 'prod', executionLogLevel: apigateway.MethodLoggingLevel.OFF }] });
    Annotations.fromStack(stack).hasNoWarning('/Stack/Chat', Match.stringLikeRegexp('write execution logs'));
  });
});

describe('routes', () => {
  test('reserved and custom routes with their integration', () => {
    const { stack, gateway, handler } = gatewayWithRoutes();
    const integration = WebSocketIntegration.lambdaFunction(handler);
    gateway.addRoute('$disconnect', integration);
    gateway.addRoute('$default', integration);
    gateway.addRoute('sendMessage', integration);
    expect(gateway.routeKeys).toEqual(['$connect', '$disconnect', '$default', 'sendMessage']);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 4);
    // Routes sharing one integration object share one AWS::ApiGatewayV2::Integration.
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'sendMessage', AuthorizationType: 'NONE', RouteResponseSelectionExpression: Match.absent() });
    expect(gateway.route('sendMessage')).toBeInstanceOf(apigwv2.WebSocketRoute);
    expect(() => gateway.route('nope')).toThrow(/Stack\/Chat: routeKey = "nope" is invalid: no such route was added/);
  });

  test.each([
    ['$other', /routeKey = "\$other" is invalid: route keys starting with '\$' are reserved/],
    ['k'.repeat(129), /routeKey = "k{129}" is invalid: a custom route key is 1 to 128 characters/],
  ])('rejects the route key %s', (key, message) => {
    const { gateway, handler } = gatewayWithRoutes();
    expect(() => gateway.addRoute(key, WebSocketIntegration.lambdaFunction(handler))).toThrow(message);
  });

  test('accepts the keys a two-variable selection expression produces, e.g. chat/join', () => {
    // GIVEN
    const { stack, gateway, handler } = gatewayWithRoutes();

    // WHEN
    gateway.addRoute('chat/join', WebSocketIntegration.lambdaFunction(handler));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'chat/join' });
  });

  test('rejects a duplicate route', () => {
    const { gateway, handler } = gatewayWithRoutes();
    expect(() => gateway.addRoute('$connect', WebSocketIntegration.lambdaFunction(handler)))
      .toThrow(/Stack\/Chat: routeKey = "\$connect" is invalid: this route was already added/);
  });

  test('returnResponse makes a two-way route with a route response', () => {
    const { stack, gateway, handler } = gatewayWithRoutes();
    gateway.addRoute('echo', WebSocketIntegration.lambdaFunction(handler), { returnResponse: true });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'echo', RouteResponseSelectionExpression: '$default' });
    template.hasResourceProperties('AWS::ApiGatewayV2::RouteResponse', { RouteResponseKey: '$default' });
    // A Lambda proxy passes its answer on without an integration response.
    template.resourceCountIs('AWS::ApiGatewayV2::IntegrationResponse', 0);
  });

  test('a route throttle becomes a route setting on every stage', () => {
    const { stack, gateway, handler } = gatewayWithRoutes({ stages: [{ stageName: 'dev' }, { stageName: 'prod', throttle: { rateLimit: 300, burstLimit: 600 } }] });
    gateway.addRoute('sendMessage', WebSocketIntegration.lambdaFunction(handler), { throttle: { rateLimit: 50 } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'dev',
      RouteSettings: { sendMessage: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 5000, LoggingLevel: 'ERROR', DataTraceEnabled: false, DetailedMetricsEnabled: true } },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'prod',
      RouteSettings: { sendMessage: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 600 } },
    });
  });

  test('rejects an invalid route throttle', () => {
    const { gateway, handler } = gatewayWithRoutes();
    expect(() => gateway.addRoute('x', WebSocketIntegration.lambdaFunction(handler), { throttle: { rateLimit: -1 } }))
      .toThrow(/Stack\/Chat: route 'x' throttle.rateLimit = -1 is invalid/);
  });

  test('a gateway without routes fails validation', () => {
    const stack = newStack();
    new WebSocketGateway(stack, 'Chat');
    expect(() => Template.fromStack(stack)).toThrow(/Stack\/Chat: a WebSocketGateway needs at least one route/);
  });

  test('a gateway without $connect warns that connections are not authorized', () => {
    const stack = newStack();
    const gateway = new WebSocketGateway(stack, 'Chat');
    gateway.addRoute('$default', WebSocketIntegration.lambdaFunction(fn(stack, 'Handler')));
    Annotations.fromStack(stack).hasWarning('/Stack/Chat', Match.stringLikeRegexp('no \'\\$connect\' route'));
  });

  test('no such warning with $connect', () => {
    const { stack } = gatewayWithRoutes();
    Annotations.fromStack(stack).hasNoWarning('/Stack/Chat', Match.stringLikeRegexp('no \'\\$connect\' route'));
  });
});

describe('authorization', () => {
  test('$connect is IAM-authorized by default', () => {
    const { stack } = gatewayWithRoutes();
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$connect', AuthorizationType: 'AWS_IAM' });
  });

  test('$connect without authorization when none() is chosen', () => {
    const stack = newStack();
    const gateway = new WebSocketGateway(stack, 'Chat');
    gateway.addRoute('$connect', WebSocketIntegration.lambdaFunction(fn(stack, 'H')), { authorization: WebSocketAuthorization.none() });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$connect', AuthorizationType: 'NONE' });
  });

  test('a Lambda REQUEST authorizer on $connect, its permission carrying SourceAccount', () => {
    const stack = newStack();
    const gateway = new WebSocketGateway(stack, 'Chat');
    const authFn = fn(stack, 'Auth');
    gateway.addRoute('$connect', WebSocketIntegration.lambdaFunction(fn(stack, 'H')), {
      authorization: WebSocketAuthorization.lambdaRequest(authFn, { identitySources: ['route.request.querystring.token', 'route.request.header.Origin'] }),
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST', IdentitySource: ['route.request.querystring.token', 'route.request.header.Origin'],
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$connect', AuthorizationType: 'CUSTOM', AuthorizerId: Match.anyValue() });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Auth'), 'Arn'] },
      SourceAccount: '123456789012',
      SourceArn: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/authorizers/')])] }),
    });
  });

  test.each([
    ['iam', WebSocketAuthorization.iam()],
    ['lambdaRequest', undefined],
  ])('an authorizer on another route than $connect is an error (%s)', (_kind, auth) => {
    const { stack, gateway, handler } = gatewayWithRoutes();
    const authorization = auth ?? WebSocketAuthorization.lambdaRequest(fn(stack, 'Auth'), { identitySources: ['route.request.header.Auth'] });
    expect(() => gateway.addRoute('sendMessage', WebSocketIntegration.lambdaFunction(handler), { authorization }))
      .toThrow(/Stack\/Chat: route 'sendMessage' authorization = "(AWS_IAM|CUSTOM)" is invalid: API Gateway authorizes a WebSocket connection only when it is made: put the authorization on the '\$connect' route/);
  });

  test('none() on another route is accepted', () => {
    const { gateway, handler } = gatewayWithRoutes();
    gateway.addRoute('x', WebSocketIntegration.lambdaFunction(handler), { authorization: WebSocketAuthorization.none() });
    expect((gateway.route('x').node.defaultChild as apigwv2.CfnRoute).authorizationType).toBe('NONE');
  });

  test('routes other than $connect carry a written acknowledgement of APIG4; $connect needs none', () => {
    const { stack, gateway, handler } = gatewayWithRoutes();
    gateway.addRoute('sendMessage', WebSocketIntegration.lambdaFunction(handler));
    const results = new AwsSolutionsChecks().validateScope(stack);
    expect(results.violations.filter(v => v.ruleName.startsWith('AwsSolutions-APIG'))).toEqual([]);
    const metadata = JSON.stringify(gateway.route('sendMessage').node.metadata);
    expect(metadata).toMatch(/AwsSolutions-APIG4/);
    expect(metadata).toMatch(/cdk-api-gateways:acknowledged-guard-finding.*"rule":"api_gw_v2_authorization_type_configured_check"/);
    expect(metadata).toMatch(/authorizes a WebSocket connection once, on '\$connect'/);
    expect(JSON.stringify(gateway.route('$connect').node.metadata)).not.toMatch(/APIG4/);
  });

  test('an explicitly unauthorized $connect is not acknowledged (APIG4 reports it)', () => {
    const stack = newStack();
    const gateway = new WebSocketGateway(stack, 'Chat');
    gateway.addRoute('$connect', WebSocketIntegration.lambdaFunction(fn(stack, 'H')), { authorization: WebSocketAuthorization.none() });
    const results = new AwsSolutionsChecks().validateScope(stack);
    expect(results.violations.map(v => v.ruleName)).toContain('AwsSolutions-APIG4');
  });
});

describe('API keys', () => {
  test('apiKeyRequired on $connect', () => {
    const { stack, gateway, handler } = gatewayWithRoutes({ apiKeySelectionExpression: apigwv2.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY });
    gateway.addRoute('$disconnect', WebSocketIntegration.lambdaFunction(handler));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$disconnect', ApiKeyRequired: Match.absent() });
    const stack2 = newStack();
    const gateway2 = new WebSocketGateway(stack2, 'Chat');
    gateway2.addRoute('$connect', WebSocketIntegration.lambdaFunction(fn(stack2, 'H')), { apiKeyRequired: true });
    Template.fromStack(stack2).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$connect', ApiKeyRequired: true });
  });

  test('apiKeyRequired elsewhere is an error', () => {
    const { gateway, handler } = gatewayWithRoutes();
    expect(() => gateway.addRoute('sendMessage', WebSocketIntegration.lambdaFunction(handler), { apiKeyRequired: true }))
      .toThrow(/Stack\/Chat: route 'sendMessage' apiKeyRequired = true is invalid: .*require them on '\$connect'/);
  });
});

describe('Lambda permissions', () => {
  test('one permission per function per stage, however many routes use it', () => {
    const stack = newStack();
    const gateway = new WebSocketGateway(stack, 'Chat', { stages: [{ stageName: 'dev' }, { stageName: 'prod' }] });
    const a = fn(stack, 'A');
    const b = fn(stack, 'B');
    gateway.addRoute('$connect', WebSocketIntegration.lambdaFunction(a));
    gateway.addRoute('$disconnect', WebSocketIntegration.lambdaFunction(a));
    gateway.addRoute('$default', WebSocketIntegration.lambdaFunction(a));
    gateway.addRoute('one', WebSocketIntegration.lambdaFunction(b));
    gateway.addRoute('two', WebSocketIntegration.lambdaFunction(b));
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Permission', 4);
    expect(gateway.lambdaPermissionCount).toBe(4);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^A'), 'Arn'] },
      Principal: 'apigateway.amazonaws.com',
      SourceAccount: '123456789012',
      SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:eu-west-1:123456789012:', { Ref: Match.stringLikeRegexp('^ChatApi') }, '/dev/*']] },
    });
  });
});

describe('URLs and grants', () => {
  test('wss URL and https callback URL per stage', () => {
    const { stack, gateway } = gatewayWithRoutes({ stages: [{ stageName: 'dev' }, { stageName: 'prod' }] });
    const apiRef = stack.resolve(gateway.apiId).Ref;
    const url = stack.resolve(gateway.urlForStage('prod'));
    expect(url).toEqual({ 'Fn::Join': ['', ['wss://', { Ref: apiRef }, '.execute-api.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/prod']] });
    expect(stack.resolve(gateway.callbackUrlForStage('prod')))
      .toEqual({ 'Fn::Join': ['', ['https://', { Ref: apiRef }, '.execute-api.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/prod']] });
    expect(stack.resolve(gateway.url)).toEqual(stack.resolve(gateway.urlForStage('dev')));
    expect(stack.resolve(gateway.callbackUrl)).toEqual(stack.resolve(gateway.callbackUrlForStage('dev')));
    expect(() => gateway.callbackUrlForStage('qa')).toThrow(/stageName = "qa" is invalid: no such stage/);
  });

  test('grantManageConnections: POST @connections on one stage, with an acknowledged wildcard', () => {
    const { stack, gateway, handler } = gatewayWithRoutes({ stages: [{ stageName: 'dev' }, { stageName: 'prod' }] });
    gateway.grantManageConnections(handler, 'prod');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Action: 'execute-api:ManageConnections',
          Effect: 'Allow',
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:eu-west-1:123456789012:', { Ref: Match.stringLikeRegexp('^ChatApi') }, '/prod/POST/@connections/*']] },
        }]),
      },
    });
    const findings = new AwsSolutionsChecks().validateScope(stack).violations.filter(v => v.ruleName.includes('execute-api'));
    expect(findings).toEqual([]);
  });

  test('grantManageConnections on every stage by default; unknown stages rejected', () => {
    const { stack, gateway, handler } = gatewayWithRoutes();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    gateway.grantManageConnections(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'execute-api:ManageConnections', Resource: { 'Fn::Join': ['', Match.arrayWith(['/*/POST/@connections/*'])] } }] },
    });
    expect(() => gateway.grantManageConnections(handler, 'qa')).toThrow(/stageName = "qa" is invalid/);
  });

  test('grantInvoke: execute-api:Invoke on $connect', () => {
    const { stack, gateway } = gatewayWithRoutes();
    const role = new iam.Role(stack, 'Client', { assumedBy: new iam.AccountRootPrincipal() });
    gateway.grantInvoke(role, { stageName: 'prod' });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'execute-api:Invoke', Resource: { 'Fn::Join': ['', Match.arrayWith(['/prod/$connect'])] } }] },
    });
  });

  test('grantInvoke: $connect of every stage by default, $connect accepted explicitly', () => {
    const { stack, gateway } = gatewayWithRoutes();
    const role = new iam.Role(stack, 'Client', { assumedBy: new iam.AccountRootPrincipal() });
    gateway.grantInvoke(role);
    gateway.grantInvoke(role, { routeKey: '$connect' });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'execute-api:Invoke', Resource: { 'Fn::Join': ['', Match.arrayWith(['/*/$connect'])] } }] },
    });
  });

  test.each(['sendMessage', '$default', '*'])('grantInvoke rejects route key %s: IAM authorizes only $connect', (routeKey) => {
    const { stack, gateway } = gatewayWithRoutes();
    const role = new iam.Role(stack, 'Client', { assumedBy: new iam.AccountRootPrincipal() });
    expect(() => gateway.grantInvoke(role, { routeKey })).toThrow(GatewayValidationError);
    expect(() => gateway.grantInvoke(role, { routeKey })).toThrow(/grantInvoke routeKey = ".*" is invalid: IAM authorizes a WebSocket connection only when it is made/);
  });

  test('grantInvoke rejects an unknown stage', () => {
    const { gateway, handler } = gatewayWithRoutes();
    expect(() => gateway.grantInvoke(handler, { stageName: 'qa' })).toThrow(/stageName = "qa" is invalid/);
  });

  test('an imported gateway offers URLs and grants', () => {
    const stack = newStack();
    const imported = WebSocketGateway.fromWebSocketGatewayAttributes(stack, 'Imported', { apiId: 'abc123' });
    expect(imported.apiId).toBe('abc123');
    expect(stack.resolve(imported.urlForStage('live'))).toEqual({ 'Fn::Join': ['', ['wss://abc123.execute-api.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/live']] });
    expect(stack.resolve(imported.callbackUrlForStage('live'))).toEqual({ 'Fn::Join': ['', ['https://abc123.execute-api.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/live']] });
    expect(stack.resolve(imported.arnForExecuteApi('sendMessage', 'live')))
      .toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:eu-west-1:123456789012:abc123/live/sendMessage']] });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    imported.grantManageConnections(role, 'live');
    const client = new iam.Role(stack, 'Client', { assumedBy: new iam.AccountRootPrincipal() });
    imported.grantInvoke(client, { stageName: 'live' });
    expect(() => imported.grantInvoke(client, { routeKey: 'sendMessage' })).toThrow(/IAM authorizes a WebSocket connection only when it is made/);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'execute-api:ManageConnections', Resource: { 'Fn::Join': ['', Match.arrayWith([':execute-api:eu-west-1:123456789012:abc123/live/POST/@connections/*'])] } }] },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'execute-api:Invoke', Resource: { 'Fn::Join': ['', Match.arrayWith([':execute-api:eu-west-1:123456789012:abc123/live/$connect'])] } }] },
    });
  });
});

describe('metrics', () => {
  test.each([
    ['metricConnectCount', 'ConnectCount', 'Sum'],
    ['metricMessageCount', 'MessageCount', 'Sum'],
    ['metricIntegrationError', 'IntegrationError', 'Sum'],
    ['metricClientError', 'ClientError', 'Sum'],
    ['metricServerError', 'ExecutionError', 'Sum'],
    ['metricCount', 'MessageCount', 'Sum'],
    ['metricIntegrationLatency', 'IntegrationLatency', 'Average'],
  ] as const)('%s', (method, metricName, statistic) => {
    const { stack, gateway } = gatewayWithRoutes({ stages: [{ stageName: 'dev' }, { stageName: 'prod' }] });
    const metric = gateway[method]('prod');
    expect(metric.metricName).toBe(metricName);
    expect(metric.namespace).toBe('AWS/ApiGateway');
    expect(metric.statistic).toBe(statistic);
    expect(stack.resolve(metric.dimensions)).toEqual({ ApiId: stack.resolve(gateway.apiId), Stage: 'prod' });
  });

  test('metric by name; an unknown stage fails', () => {
    const { gateway } = gatewayWithRoutes();
    expect(gateway.metric('ConnectCount', 'prod', { statistic: 'Maximum' }).statistic).toBe('Maximum');
    expect(() => gateway.metricConnectCount('qa')).toThrow(/stageName = "qa" is invalid/);
  });

  test('an imported gateway has the same metrics, with ApiId and Stage dimensions', () => {
    const stack = newStack();
    const imported = WebSocketGateway.fromWebSocketGatewayAttributes(stack, 'Imported', { apiId: 'abc123' });
    const metric = imported.metricServerError('live');
    expect(metric.metricName).toBe('ExecutionError');
    expect(metric.statistic).toBe('Sum');
    expect(metric.namespace).toBe('AWS/ApiGateway');
    expect(stack.resolve(metric.dimensions)).toEqual({ ApiId: 'abc123', Stage: 'live' });
    expect(imported.metricConnectCount('live').metricName).toBe('ConnectCount');
    expect(imported.metricIntegrationLatency('live').statistic).toBe('Average');
    expect(imported.metric('MessageCount', 'live', { statistic: 'Sum' }).metricName).toBe('MessageCount');
  });

  test('no metricLatency: WebSocket APIs publish no Latency metric', () => {
    const { gateway } = gatewayWithRoutes();
    expect((gateway as unknown as { metricLatency?: unknown }).metricLatency).toBeUndefined();
  });
});
