import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { HttpAuthorization, HttpAuthorizationKind } from '../../lib/http/authorization';
import { HttpGateway } from '../../lib/http/http-gateway';
import { HttpIntegration } from '../../lib/http/integration';

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x'),
  });
  const authFn = new lambda.Function(stack, 'AuthFn', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x'),
  });
  const gateway = new HttpGateway(stack, 'Api');
  const integration = HttpIntegration.lambdaFunction(fn);
  return { app, stack, fn, authFn, gateway, integration };
}

describe('kinds', () => {
  test.each([
    ['none', HttpAuthorization.none(), HttpAuthorizationKind.NONE],
    ['iam', HttpAuthorization.iam(), HttpAuthorizationKind.IAM],
    ['jwt', HttpAuthorization.jwt('https://issuer.example.com', ['a']), HttpAuthorizationKind.JWT],
    ['lambdaRequest', HttpAuthorization.lambdaRequest(lambda.Function.fromFunctionArn(new Stack(), 'Fn', 'arn:aws:lambda:eu-west-1:123456789012:function:f')),
      HttpAuthorizationKind.LAMBDA_REQUEST],
  ])('%s has kind %s', (_name, authorization, kind) => {
    expect(authorization.kind).toBe(kind);
  });
});

describe('jwt', () => {
  test('a JWT authorizer with the issuer, audiences and the Authorization header', () => {
    // GIVEN
    const { stack, gateway, integration } = setup();

    // WHEN
    gateway.addRoute('GET /a', integration, { authorization: HttpAuthorization.jwt('https://issuer.example.com/', ['aud1', 'aud2']) });

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: 'https://issuer.example.com/', Audience: ['aud1', 'aud2'] },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /a',
      AuthorizationType: 'JWT',
      AuthorizerId: { Ref: Match.stringLikeRegexp('^ApiAuthorizersJwt') },
      AuthorizationScopes: Match.absent(),
    });
  });

  test('one authorizer per gateway however many routes share the object; scopes default from it, routes may replace them', () => {
    // GIVEN
    const { stack, gateway, integration } = setup();
    const jwt = HttpAuthorization.jwt('https://issuer.example.com/', ['aud'], { scopes: ['orders/read'], identitySources: ['$request.header.X-Token'] });

    // WHEN
    gateway.addRoute('GET /a', integration, { authorization: jwt });
    gateway.addRoute('POST /a', integration, { authorization: jwt, authorizationScopes: ['orders/write'] });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { IdentitySource: ['$request.header.X-Token'] });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /a', AuthorizationScopes: ['orders/read'] });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /a', AuthorizationScopes: ['orders/write'] });
  });

  test('two JWT authorizations make two authorizers', () => {
    const { stack, gateway, integration } = setup();
    gateway.addRoute('GET /a', integration, { authorization: HttpAuthorization.jwt('https://one.example.com', ['a']) });
    gateway.addRoute('GET /b', integration, { authorization: HttpAuthorization.jwt('https://two.example.com', ['b']) });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Authorizer', 2);
  });

  test.each([
    ['a non-https issuer', HttpAuthorization.jwt('http://issuer.example.com', ['a']), /HttpAuthorization\.jwt issuer = "http:\/\/issuer\.example\.com" is invalid: a JWT issuer is an https:\/\/ URL/],
    ['no audience', HttpAuthorization.jwt('https://issuer.example.com', []), /HttpAuthorization\.jwt audiences = "\[\]" is invalid: give at least one audience/],
    ['51 audiences', HttpAuthorization.jwt('https://issuer.example.com', Array.from({ length: 51 }, (_, i) => `a${i}`)),
      /HttpAuthorization audiences = "51 audiences" is invalid: API Gateway allows at most 50 audiences per JWT authorizer/],
    ['11 scopes', HttpAuthorization.jwt('https://issuer.example.com', ['a'], { scopes: Array.from({ length: 11 }, (_, i) => `s${i}`) }),
      /HttpAuthorization scopes = "11 scopes" is invalid: API Gateway allows at most 10 authorization scopes per route/],
  ])('rejects %s with the construct path', (_what, authorization, message) => {
    const { gateway, integration } = setup();
    expect(() => gateway.addRoute('GET /a', integration, { authorization })).toThrow(/^Stack\/Api: /);
    const { gateway: g2, integration: i2 } = setup();
    expect(() => g2.addRoute('GET /a', i2, { authorization })).toThrow(message);
  });

  test('accepts 50 audiences and 10 scopes', () => {
    const { stack, gateway, integration } = setup();
    const audiences = Array.from({ length: 50 }, (_, i) => `a${i}`);
    const scopes = Array.from({ length: 10 }, (_, i) => `s${i}`);
    gateway.addRoute('GET /a', integration, { authorization: HttpAuthorization.jwt('https://issuer.example.com', audiences), authorizationScopes: scopes });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { AuthorizationScopes: scopes });
  });

  test('rejects more than 10 route scopes', () => {
    const { gateway, integration } = setup();
    expect(() => gateway.addRoute('GET /a', integration, {
      authorization: HttpAuthorization.jwt('https://issuer.example.com', ['a']),
      authorizationScopes: Array.from({ length: 11 }, (_, i) => `s${i}`),
    })).toThrow(/Stack\/Api: route 'GET \/a' authorizationScopes = "11 scopes" is invalid: API Gateway allows at most 10 authorization scopes per route/);
  });

  test('rejects route scopes without JWT authorization', () => {
    const { gateway, integration } = setup();
    expect(() => gateway.addRoute('GET /a', integration, { authorizationScopes: ['x'] }))
      .toThrow(/Stack\/Api: route 'GET \/a' authorizationScopes = \["x"\] is invalid: authorization scopes need a JWT \(or Cognito\) authorization/);
  });
});

describe('cognito', () => {
  test('the pool is the issuer and its clients the audiences', () => {
    // GIVEN
    const { stack, gateway, integration } = setup();
    const pool = new cognito.UserPool(stack, 'Pool');
    const client = pool.addClient('Client');

    // WHEN
    gateway.addRoute('GET /a', integration, { authorization: HttpAuthorization.cognito(pool, [client]) });

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: {
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.eu-west-1.amazonaws.com/', { Ref: Match.stringLikeRegexp('^Pool') }]] },
        Audience: [{ Ref: Match.stringLikeRegexp('^PoolClient') }],
      },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { AuthorizationType: 'JWT' });
  });

  test('rejects a pool without clients', () => {
    const { stack, gateway, integration } = setup();
    const pool = new cognito.UserPool(stack, 'Pool');
    expect(() => gateway.addRoute('GET /a', integration, { authorization: HttpAuthorization.cognito(pool, []) }))
      .toThrow(/Stack\/Api: HttpAuthorization\.cognito clients = "\[\]" is invalid: give at least one app client/);
  });
});

describe('lambdaRequest', () => {
  test('a REQUEST authorizer with simple responses, payload 2.0, a 5-minute cache on the Authorization header', () => {
    // GIVEN
    const { stack, gateway, integration, authFn } = setup();

    // WHEN
    gateway.addRoute('GET /a', integration, { authorization: HttpAuthorization.lambdaRequest(authFn) });

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      EnableSimpleResponses: true,
      AuthorizerPayloadFormatVersion: '2.0',
      AuthorizerResultTtlInSeconds: 300,
      IdentitySource: ['$request.header.Authorization'],
      AuthorizerUri: {
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:eu-west-1:lambda:path/2015-03-31/functions/',
          { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuthFn'), 'Arn'] }, '/invocations']],
      },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { AuthorizationType: 'CUSTOM', AuthorizerId: Match.anyValue() });
  });

  test('the authorizer\'s invoke permission is scoped to it and carries SourceAccount', () => {
    // GIVEN
    const { stack, gateway, integration, authFn } = setup();
    const auth = HttpAuthorization.lambdaRequest(authFn);

    // WHEN
    gateway.addRoute('GET /a', integration, { authorization: auth });
    gateway.addRoute('GET /b', integration, { authorization: auth });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuthFn'), 'Arn'] },
      Principal: 'apigateway.amazonaws.com',
      SourceAccount: '123456789012',
      SourceArn: {
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:eu-west-1:123456789012:', { Ref: Match.stringLikeRegexp('^ApiHttpApi') },
          '/authorizers/', { Ref: Match.stringLikeRegexp('^ApiAuthorizersLambda') }]],
      },
    });
    // one for the authorizer, one for the integration function on the single stage
    template.resourceCountIs('AWS::Lambda::Permission', 2);
  });

  test('IAM-policy responses, custom identity sources and TTL', () => {
    // GIVEN
    const { stack, gateway, integration, authFn } = setup();

    // WHEN
    gateway.addRoute('GET /a', integration, {
      authorization: HttpAuthorization.lambdaRequest(authFn, {
        simpleResponses: false, identitySources: ['$request.header.X-Tenant'], resultsCacheTtl: Duration.seconds(60),
      }),
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      EnableSimpleResponses: Match.absent(),
      AuthorizerPayloadFormatVersion: '1.0',
      AuthorizerResultTtlInSeconds: 60,
      IdentitySource: ['$request.header.X-Tenant'],
    });
  });

  test.each([
    [{ resultsCacheTtl: Duration.seconds(3601) }, /HttpAuthorization\.lambdaRequest resultsCacheTtl = "3601 s" is invalid: an authorizer result TTL is a whole number of seconds from 0 to 3600/],
    [{ identitySources: [] }, /HttpAuthorization\.lambdaRequest identitySources = \[\] is invalid: a Lambda authorizer with a results cache needs at least one identity source/],
  ])('rejects %o', (options, message) => {
    const { gateway, integration, authFn } = setup();
    expect(() => gateway.addRoute('GET /a', integration, { authorization: HttpAuthorization.lambdaRequest(authFn, options) }))
      .toThrow(message);
  });
});

describe('quota', () => {
  test.each([
    [10, false],
    [11, true],
  ])('%d authorizers synthesize; over the default quota of 10 warns (the quota can be raised): %s', (count, warns) => {
    // GIVEN
    const { app, stack, gateway, integration } = setup();

    // WHEN
    for (let i = 0; i < count; i++) {
      gateway.addRoute(`GET /r${i}`, integration, { authorization: HttpAuthorization.jwt(`https://issuer${i}.example.com`, ['a']) });
    }

    // THEN
    const template = app.synth().getStackByName('Stack').template as { Resources: { [id: string]: { Type: string } } };
    expect(Object.values(template.Resources).filter(r => r.Type === 'AWS::ApiGatewayV2::Authorizer')).toHaveLength(count);
    const warning = Match.stringLikeRegexp('^11 authorizers per HTTP API exceeds the default quota \\(API Gateway allows at most 10 authorizers per HTTP API');
    if (warns) {
      Annotations.fromStack(stack).hasWarning('/Stack/Api', warning);
    } else {
      Annotations.fromStack(stack).hasNoWarning('/Stack/Api', Match.stringLikeRegexp('authorizers per HTTP API'));
    }
  });
});
