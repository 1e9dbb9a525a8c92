import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { RestAuthorization, RestAuthorizationKind, RestGateway, RestIntegration } from '../../lib';

const env = { account: '123456789012', region: 'eu-west-1' };

function newStack(app: App = new App()): Stack {
  return new Stack(app, 'Stack', { env });
}

function newFunction(stack: Stack, id: string = 'Fn'): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({})'),
  });
}

function acknowledgedRules(method: apigateway.Method): string[] {
  return method.node.metadata
    .filter(m => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap(m => Object.keys(m.data as object));
}

describe('kinds', () => {
  test.each([
    [RestAuthorization.none(), RestAuthorizationKind.NONE],
    [RestAuthorization.iam(), RestAuthorizationKind.IAM],
  ])('%#: factory sets the kind', (authorization, kind) => {
    expect(authorization.kind).toBe(kind);
  });
});

describe('IAM and none', () => {
  test('IAM is the default and creates no authorizer', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('GET /orders', RestIntegration.mock());
    gateway.addRoute('POST /orders', RestIntegration.mock(), { authorization: RestAuthorization.iam() });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 0);
    expect(Object.keys(template.findResources('AWS::ApiGateway::Method', {
      Properties: { AuthorizationType: 'AWS_IAM', AuthorizerId: Match.absent() },
    }))).toHaveLength(2);
  });

  test('none makes a route public', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('GET /health', RestIntegration.mock(), { authorization: RestAuthorization.none() });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', AuthorizationType: 'NONE' });
  });

  test('defaultAuthorization applies to routes without their own', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders', { defaultAuthorization: RestAuthorization.none() });

    // WHEN
    gateway.addRoute('GET /public', RestIntegration.mock());
    gateway.addRoute('POST /private', RestIntegration.mock(), { authorization: RestAuthorization.iam() });

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', AuthorizationType: 'NONE' });
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'POST', AuthorizationType: 'AWS_IAM' });
  });
});

describe('Cognito', () => {
  test('creates a user pool authorizer and sets the scopes on the method', () => {
    // GIVEN
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'Users');
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('POST /orders', RestIntegration.mock(), {
      authorization: RestAuthorization.cognito([pool], { scopes: ['orders/write', 'orders/admin'] }),
    });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'COGNITO_USER_POOLS',
      IdentitySource: 'method.request.header.Authorization',
      ProviderARNs: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Users'), 'Arn'] }],
      RestApiId: { Ref: Match.stringLikeRegexp('^OrdersRestApi') },
    });
    const authorizerId = Object.keys(template.findResources('AWS::ApiGateway::Authorizer'))[0];
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      AuthorizationType: 'COGNITO_USER_POOLS',
      AuthorizerId: { Ref: authorizerId },
      AuthorizationScopes: ['orders/write', 'orders/admin'],
    });
  });

  test('several pools and a custom identity source', () => {
    // GIVEN
    const stack = newStack();
    const staff = new cognito.UserPool(stack, 'Staff');
    const partners = new cognito.UserPool(stack, 'Partners');
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('GET /orders', RestIntegration.mock(), {
      authorization: RestAuthorization.cognito([staff, partners], { identitySource: 'method.request.header.X-Id-Token' }),
    });

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      IdentitySource: 'method.request.header.X-Id-Token',
      ProviderARNs: [
        { 'Fn::GetAtt': [Match.stringLikeRegexp('^Staff'), 'Arn'] },
        { 'Fn::GetAtt': [Match.stringLikeRegexp('^Partners'), 'Arn'] },
      ],
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', { AuthorizationScopes: Match.absent(), AuthorizationType: 'COGNITO_USER_POOLS' });
  });

  test('no user pool is an error', () => {
    // GIVEN
    const gateway = new RestGateway(newStack(), 'Orders');

    // THEN
    expect(() => gateway.addRoute('GET /orders', RestIntegration.mock(), { authorization: RestAuthorization.cognito([]) }))
      .toThrow(/Stack\/Orders: RestAuthorization\.cognito userPools = .* is invalid: give at least one user pool/);
  });
});

describe('Lambda TOKEN authorizer', () => {
  test('creates a TOKEN authorizer with TTL, identity source and validation regex', () => {
    // GIVEN
    const stack = newStack();
    const authFn = newFunction(stack, 'AuthFn');
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('DELETE /orders/{id}', RestIntegration.mock(), {
      authorization: RestAuthorization.lambdaToken(authFn, {
        identitySource: 'method.request.header.X-Token',
        validationRegex: '^Bearer .+$',
        resultsCacheTtl: Duration.seconds(120),
      }),
    });

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'TOKEN',
      IdentitySource: 'method.request.header.X-Token',
      IdentityValidationExpression: '^Bearer .+$',
      AuthorizerResultTtlInSeconds: 120,
      AuthorizerUri: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([{ 'Fn::GetAtt': [Match.stringLikeRegexp('^AuthFn'), 'Arn'] }])] }),
    });
    const authorizerId = Object.keys(template.findResources('AWS::ApiGateway::Authorizer'))[0];
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'DELETE', AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId },
    });
  });

  test('defaults: Authorization header, 300 s TTL', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('GET /orders', RestIntegration.mock(), { authorization: RestAuthorization.lambdaToken(newFunction(stack)) });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'TOKEN', IdentitySource: 'method.request.header.Authorization', AuthorizerResultTtlInSeconds: 300,
    });
  });

  test('the authorizer Lambda permission carries SourceAccount and the authorizer ARN', () => {
    // GIVEN
    const stack = newStack();
    const authFn = newFunction(stack, 'AuthFn');
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('GET /orders', RestIntegration.mock(), { authorization: RestAuthorization.lambdaToken(authFn) });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuthFn'), 'Arn'] },
      SourceAccount: '123456789012',
      SourceArn: {
        'Fn::Join': ['', [
          'arn:', { Ref: 'AWS::Partition' }, ':execute-api:eu-west-1:123456789012:',
          { Ref: Match.stringLikeRegexp('^OrdersRestApi') }, '/authorizers/', { Ref: Match.stringLikeRegexp('^OrdersToken') },
        ]],
      },
    });
  });

  test.each([3601, 7200])('a TTL of %d s is an error', seconds => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders');

    // THEN
    expect(() => gateway.addRoute('GET /orders', RestIntegration.mock(), {
      authorization: RestAuthorization.lambdaToken(newFunction(stack), { resultsCacheTtl: Duration.seconds(seconds) }),
    })).toThrow(new RegExp(`Stack/Orders: RestAuthorization\\.lambdaToken resultsCacheTtl = "${seconds} s" is invalid: an authorizer result TTL is a whole number of seconds from 0 to 3600`));
  });

  test('a TTL of exactly 3600 s is accepted', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('GET /orders', RestIntegration.mock(), {
      authorization: RestAuthorization.lambdaToken(newFunction(stack), { resultsCacheTtl: Duration.hours(1) }),
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Authorizer', { AuthorizerResultTtlInSeconds: 3600 });
  });
});

describe('Lambda REQUEST authorizer', () => {
  test('creates a REQUEST authorizer with the identity sources', () => {
    // GIVEN
    const stack = newStack();
    const authFn = newFunction(stack, 'AuthFn');
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('GET /orders', RestIntegration.mock(), {
      authorization: RestAuthorization.lambdaRequest(authFn, {
        identitySources: [apigateway.IdentitySource.header('X-Tenant'), apigateway.IdentitySource.queryString('key')],
        resultsCacheTtl: Duration.seconds(45),
      }),
    });

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.X-Tenant,method.request.querystring.key',
      AuthorizerResultTtlInSeconds: 45,
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', { AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: Match.stringLikeRegexp('^OrdersRequest') } });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AuthFn'), 'Arn'] },
      SourceAccount: '123456789012',
    });
  });

  test('without options it reads the Authorization header and caches for 5 minutes', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('GET /orders', RestIntegration.mock(), {
      authorization: RestAuthorization.lambdaRequest(newFunction(stack, 'AuthFn')),
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: 300,
    });
  });

  test('caching with no identity source is an error', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders');

    // THEN
    expect(() => gateway.addRoute('GET /orders', RestIntegration.mock(), {
      authorization: RestAuthorization.lambdaRequest(newFunction(stack), { identitySources: [] }),
    })).toThrow(/Stack\/Orders: RestAuthorization\.lambdaRequest identitySources = \[\] is invalid: a REQUEST authorizer with a results cache needs at least one identity source/);
  });

  test('a TTL above 3600 s is an error', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders');

    // THEN
    expect(() => gateway.addRoute('GET /orders', RestIntegration.mock(), {
      authorization: RestAuthorization.lambdaRequest(newFunction(stack), {
        identitySources: ['method.request.header.X-Tenant'], resultsCacheTtl: Duration.seconds(3700),
      }),
    })).toThrow(/RestAuthorization\.lambdaRequest resultsCacheTtl = "3700 s" is invalid/);
  });
});

describe('sharing', () => {
  test('one authorizer per gateway when the same object is used on several routes', () => {
    // GIVEN
    const stack = newStack();
    const authFn = newFunction(stack, 'AuthFn');
    const pool = new cognito.UserPool(stack, 'Users');
    const token = RestAuthorization.lambdaToken(authFn);
    const users = RestAuthorization.cognito([pool]);
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    gateway.addRoute('GET /orders', RestIntegration.mock(), { authorization: token });
    gateway.addRoute('POST /orders', RestIntegration.mock(), { authorization: token });
    gateway.addRoute('DELETE /orders/{id}', RestIntegration.mock(), { authorization: token });
    gateway.addRoute('GET /users', RestIntegration.mock(), { authorization: users });
    gateway.addRoute('PUT /users', RestIntegration.mock(), { authorization: users });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 2);
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    const tokenId = Object.keys(template.findResources('AWS::ApiGateway::Authorizer', { Properties: { Type: 'TOKEN' } }))[0];
    expect(Object.keys(template.findResources('AWS::ApiGateway::Method', { Properties: { AuthorizerId: { Ref: tokenId } } }))).toHaveLength(3);
  });

  test('the same object on two gateways creates one authorizer in each', () => {
    // GIVEN
    const stack = newStack();
    const token = RestAuthorization.lambdaToken(newFunction(stack, 'AuthFn'));
    const orders = new RestGateway(stack, 'Orders');
    const users = new RestGateway(stack, 'Users');

    // WHEN
    orders.addRoute('GET /orders', RestIntegration.mock(), { authorization: token });
    users.addRoute('GET /users', RestIntegration.mock(), { authorization: token });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 2);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { RestApiId: { Ref: Match.stringLikeRegexp('^OrdersRestApi') } });
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { RestApiId: { Ref: Match.stringLikeRegexp('^UsersRestApi') } });
  });

  test('more than 10 authorizers warns: the quota can be raised per API', () => {
    // GIVEN
    const app = new App();
    const stack = newStack(app);
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    for (let i = 0; i < 11; i++) {
      gateway.addRoute(`GET /r${i}`, RestIntegration.mock(), { authorization: RestAuthorization.lambdaToken(newFunction(stack, `Auth${i}`)) });
    }

    // THEN
    expect(() => app.synth()).not.toThrow();
    Annotations.fromStack(stack).hasWarning('/Stack/Orders',
      Match.stringLikeRegexp('11 authorizers per REST API exceeds the default quota \\(API Gateway allows at most 10 authorizers per REST API unless the quota is raised\\)'));
  });

  test('10 authorizers synthesize', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    for (let i = 0; i < 10; i++) {
      gateway.addRoute(`GET /r${i}`, RestIntegration.mock(), { authorization: RestAuthorization.lambdaToken(newFunction(stack, `Auth${i}`)) });
    }

    // THEN
    Template.fromStack(stack).resourceCountIs('AWS::ApiGateway::Authorizer', 10);
  });
});

describe('AwsSolutions-COG4 acknowledgement', () => {
  test('IAM and Lambda routes acknowledge COG4 with a reason; Cognito and public routes do not', () => {
    // GIVEN
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'Users');
    const gateway = new RestGateway(stack, 'Orders');

    // WHEN
    const iamRoute = gateway.addRoute('GET /iam', RestIntegration.mock());
    const tokenRoute = gateway.addRoute('GET /token', RestIntegration.mock(), { authorization: RestAuthorization.lambdaToken(newFunction(stack, 'A')) });
    const requestRoute = gateway.addRoute('GET /request', RestIntegration.mock(), {
      authorization: RestAuthorization.lambdaRequest(newFunction(stack, 'B'), { identitySources: ['method.request.header.X-Tenant'] }),
    });
    const cognitoRoute = gateway.addRoute('GET /cognito', RestIntegration.mock(), { authorization: RestAuthorization.cognito([pool]) });
    const publicRoute = gateway.addRoute('GET /public', RestIntegration.mock(), { authorization: RestAuthorization.none() });

    // THEN
    for (const method of [iamRoute, tokenRoute, requestRoute]) {
      const rules = acknowledgedRules(method);
      expect(rules).toHaveLength(1);
      expect(rules[0]).toMatch(/AwsSolutions-COG4$/);
    }
    const iamAck = iamRoute.node.metadata.find(m => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)!;
    expect(Object.values(iamAck.data as object)[0]).toMatch(/route 'GET \/iam' is authorized with AWS_IAM/);
    expect(acknowledgedRules(cognitoRoute)).toEqual([]);
    expect(acknowledgedRules(publicRoute)).toEqual([]);
  });
});

describe('authorizer reuse', () => {
  test('two RestAuthorization objects with the same settings for one function share one authorizer', () => {
    // GIVEN
    const stack = newStack();
    const fn = newFunction(stack, 'Auth');
    const api = new RestGateway(stack, 'Api');

    // WHEN
    api.addRoute('GET /a', RestIntegration.mock(), { authorization: RestAuthorization.lambdaToken(fn) });
    api.addRoute('GET /b', RestIntegration.mock(), { authorization: RestAuthorization.lambdaToken(fn) });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 1);
    const [authorizerId] = Object.keys(template.findResources('AWS::ApiGateway::Authorizer'));
    expect(authorizerId).toMatch(/^ApiTokenStackAuth/);
    expect(Object.keys(template.findResources('AWS::ApiGateway::Method', { Properties: { AuthorizerId: { Ref: authorizerId } } }))).toHaveLength(2);
  });
});
