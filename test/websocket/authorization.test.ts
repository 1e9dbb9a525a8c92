import { Template } from 'aws-cdk-lib/assertions';
import { WebSocketAuthorization, WebSocketAuthorizationKind } from '../../lib/websocket/authorization';
import { WebSocketIntegration } from '../../lib/websocket/integration';
import { WebSocketGateway } from '../../lib/websocket/websocket-gateway';
import { fn, newStack } from './util';

test.each([
  [WebSocketAuthorization.none(), WebSocketAuthorizationKind.NONE, 'NONE'],
  [WebSocketAuthorization.iam(), WebSocketAuthorizationKind.IAM, 'AWS_IAM'],
])('kind %#', (authorization, kind, authorizationType) => {
  expect(authorization.kind).toBe(kind);
  const stack = newStack();
  const gateway = new WebSocketGateway(stack, 'Chat');
  gateway.addRoute('$connect', WebSocketIntegration.lambdaFunction(fn(stack, 'H')), { authorization });
  Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$connect', AuthorizationType: authorizationType });
  Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
});

describe('lambdaRequest', () => {
  test('kind and a named authorizer', () => {
    const stack = newStack();
    const authorization = WebSocketAuthorization.lambdaRequest(fn(stack, 'Auth'), {
      identitySources: ['route.request.querystring.token'], authorizerName: 'token-check',
    });
    expect(authorization.kind).toBe(WebSocketAuthorizationKind.LAMBDA_REQUEST);
    const gateway = new WebSocketGateway(stack, 'Chat');
    gateway.addRoute('$connect', WebSocketIntegration.lambdaFunction(fn(stack, 'H')), { authorization });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      Name: 'token-check', AuthorizerType: 'REQUEST', IdentitySource: ['route.request.querystring.token'],
    });
  });

  test('options are optional: the Authorization header by default', () => {
    const stack = newStack();
    const gateway = new WebSocketGateway(stack, 'Chat');
    const authorization = WebSocketAuthorization.lambdaRequest(fn(stack, 'Auth'));
    gateway.addRoute('$connect', WebSocketIntegration.lambdaFunction(fn(stack, 'H')), { authorization });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST', IdentitySource: ['route.request.header.Authorization'],
    });
  });

  test('needs at least one identity source', () => {
    const stack = newStack();
    const gateway = new WebSocketGateway(stack, 'Chat');
    const authorization = WebSocketAuthorization.lambdaRequest(fn(stack, 'Auth'), { identitySources: [] });
    expect(() => gateway.addRoute('$connect', WebSocketIntegration.lambdaFunction(fn(stack, 'H')), { authorization }))
      .toThrow(/Stack\/Chat: route '\$connect' authorization.identitySources = \[\] is invalid: a WebSocket REQUEST authorizer needs at least one identity source/);
  });

  test('rejects REST-style identity sources', () => {
    const stack = newStack();
    const gateway = new WebSocketGateway(stack, 'Chat');
    const authorization = WebSocketAuthorization.lambdaRequest(fn(stack, 'Auth'), { identitySources: ['method.request.header.Authorization'] });
    expect(() => gateway.addRoute('$connect', WebSocketIntegration.lambdaFunction(fn(stack, 'H')), { authorization }))
      .toThrow(/Stack\/Chat: route '\$connect' authorization.identitySources\[0\] = "method.request.header.Authorization" is invalid: a WebSocket identity source is route.request.header.NAME/);
  });
});
