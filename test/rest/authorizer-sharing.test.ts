import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { RestAuthorization, RestGateway, RestIntegration } from '../../lib';

const env = { account: '123456789012', region: 'eu-west-1' };

function setup() {
  const stack = new Stack(new App(), 'Stack', { env });
  const fn = new lambda.Function(stack, 'AuthFn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({})'),
  });
  const pool = new cognito.UserPool(stack, 'Users');
  const api = new RestGateway(stack, 'Orders');
  return { stack, fn, pool, api };
}

function methodsUsing(template: Template, authorizerId: string): { [id: string]: unknown } {
  return template.findResources('AWS::ApiGateway::Method', { Properties: { AuthorizerId: { Ref: authorizerId } } });
}

describe('Cognito: per-route OAuth scopes on one authorizer', () => {
  test('two cognito() objects with the same pools and different scopes share one authorizer; each method keeps its scopes', () => {
    // GIVEN
    const { stack, pool, api } = setup();

    // WHEN
    api.addRoute('GET /orders', RestIntegration.mock(), { authorization: RestAuthorization.cognito([pool], { scopes: ['orders/read'] }) });
    api.addRoute('POST /orders', RestIntegration.mock(), { authorization: RestAuthorization.cognito([pool], { scopes: ['orders/write'] }) });
    api.addRoute('GET /me', RestIntegration.mock(), { authorization: RestAuthorization.cognito([pool]) });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 1);
    const [authorizerId] = Object.keys(template.findResources('AWS::ApiGateway::Authorizer'));
    // The construct id of the first (and only) Cognito authorizer is the one it always had.
    expect(authorizerId).toMatch(/^OrdersCognitoStackUsers[0-9A-F]+$/);
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET', AuthorizationType: 'COGNITO_USER_POOLS', AuthorizerId: { Ref: authorizerId }, AuthorizationScopes: ['orders/read'],
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST', AuthorizerId: { Ref: authorizerId }, AuthorizationScopes: ['orders/write'],
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET', AuthorizerId: { Ref: authorizerId }, AuthorizationScopes: Match.absent(),
    });
    expect(Object.keys(methodsUsing(template, authorizerId))).toHaveLength(3);
  });

  test('a different identity source is a second Cognito authorizer', () => {
    // GIVEN
    const { stack, pool, api } = setup();

    // WHEN
    api.addRoute('GET /a', RestIntegration.mock(), { authorization: RestAuthorization.cognito([pool]) });
    api.addRoute('GET /b', RestIntegration.mock(), { authorization: RestAuthorization.cognito([pool], { identitySource: 'method.request.header.X-Token' }) });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 2);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'COGNITO_USER_POOLS', IdentitySource: 'method.request.header.Authorization' });
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'COGNITO_USER_POOLS', IdentitySource: 'method.request.header.X-Token' });
  });
});

describe('Lambda authorizers of one function', () => {
  test('TOKEN and REQUEST authorizers of the same function are two authorizers', () => {
    // GIVEN
    const { stack, fn, api } = setup();

    // WHEN
    api.addRoute('GET /token', RestIntegration.mock(), { authorization: RestAuthorization.lambdaToken(fn) });
    api.addRoute('GET /request', RestIntegration.mock(), {
      authorization: RestAuthorization.lambdaRequest(fn, { identitySources: [apigateway.IdentitySource.header('X-Tenant')] }),
    });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 2);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'TOKEN', IdentitySource: 'method.request.header.Authorization' });
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'REQUEST', IdentitySource: 'method.request.header.X-Tenant' });
  });

  test('two TOKEN authorizers of one function with different identity sources are two authorizers; the first keeps its id', () => {
    // GIVEN
    const { stack, fn, api } = setup();

    // WHEN
    api.addRoute('GET /a', RestIntegration.mock(), { authorization: RestAuthorization.lambdaToken(fn) });
    api.addRoute('GET /b', RestIntegration.mock(), { authorization: RestAuthorization.lambdaToken(fn, { identitySource: 'method.request.header.X-Api-Token' }) });

    // THEN
    const template = Template.fromStack(stack);
    const authorizers = template.findResources('AWS::ApiGateway::Authorizer');
    expect(Object.keys(authorizers)).toHaveLength(2);
    const byIdentity = Object.fromEntries(Object.entries(authorizers).map(([id, r]) => [r.Properties.IdentitySource, id]));
    expect(byIdentity['method.request.header.Authorization']).toMatch(/^OrdersTokenStackAuthFn[0-9A-F]+$/);
    expect(byIdentity['method.request.header.X-Api-Token']).toMatch(/^OrdersTokenStackAuthFn[0-9A-F]+[0-9A-F]{8}[0-9A-F]{8}$/);
    expect(byIdentity['method.request.header.Authorization']).not.toEqual(byIdentity['method.request.header.X-Api-Token']);
  });

  test('a different results-cache TTL is a different authorizer', () => {
    // GIVEN
    const { stack, fn, api } = setup();

    // WHEN
    api.addRoute('GET /a', RestIntegration.mock(), { authorization: RestAuthorization.lambdaToken(fn) });
    api.addRoute('GET /b', RestIntegration.mock(), { authorization: RestAuthorization.lambdaToken(fn, { resultsCacheTtl: Duration.seconds(0) }) });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 2);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { AuthorizerResultTtlInSeconds: 300 });
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { AuthorizerResultTtlInSeconds: 0 });
  });

  test('the same function, type, identity sources and TTL reuse one authorizer across objects', () => {
    // GIVEN
    const { stack, fn, api } = setup();
    const sources = [apigateway.IdentitySource.header('X-Tenant'), apigateway.IdentitySource.queryString('site')];

    // WHEN
    api.addRoute('GET /a', RestIntegration.mock(), { authorization: RestAuthorization.lambdaRequest(fn, { identitySources: sources }) });
    api.addRoute('GET /b', RestIntegration.mock(), { authorization: RestAuthorization.lambdaRequest(fn, { identitySources: [...sources] }) });
    api.addRoute('GET /c', RestIntegration.mock(), {
      authorization: RestAuthorization.lambdaRequest(fn, { identitySources: [...sources], resultsCacheTtl: Duration.minutes(5) }),
    });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST', IdentitySource: 'method.request.header.X-Tenant,method.request.querystring.site',
    });
    const [authorizerId] = Object.keys(template.findResources('AWS::ApiGateway::Authorizer'));
    expect(Object.keys(methodsUsing(template, authorizerId))).toHaveLength(3);
  });

  test('the same settings on two gateways make one authorizer in each', () => {
    // GIVEN
    const { stack, fn, api } = setup();
    const other = new RestGateway(stack, 'Customers');

    // WHEN
    api.addRoute('GET /a', RestIntegration.mock(), { authorization: RestAuthorization.lambdaToken(fn) });
    other.addRoute('GET /b', RestIntegration.mock(), { authorization: RestAuthorization.lambdaToken(fn) });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 2);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { RestApiId: { Ref: Match.stringLikeRegexp('^OrdersRestApi') } });
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { RestApiId: { Ref: Match.stringLikeRegexp('^CustomersRestApi') } });
  });
});
