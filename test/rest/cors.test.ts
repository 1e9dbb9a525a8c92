import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { GatewayCorsOptions, RestGateway, RestIntegration } from '../../lib';

const env = { account: '123456789012', region: 'eu-west-1' };

function corsGateway(cors: GatewayCorsOptions): { stack: Stack; gateway: RestGateway } {
  const stack = new Stack(new App(), 'Stack', { env });
  const gateway = new RestGateway(stack, 'Orders', { cors });
  gateway.addRoute('GET /orders/{id}', RestIntegration.mock());
  gateway.addRoute('POST /orders', RestIntegration.mock());
  return { stack, gateway };
}

describe('preflight', () => {
  test('OPTIONS methods on every resource, unauthenticated, answering 204 with the CORS headers', () => {
    // GIVEN
    const { stack } = corsGateway({ allowOrigins: ['https://app.example.com'] });

    // WHEN
    const template = Template.fromStack(stack);

    // THEN
    const options = template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } });
    expect(Object.keys(options)).toHaveLength(3); // /, /orders, /orders/{id}
    for (const resource of Object.values(options)) {
      expect(resource.Properties.AuthorizationType).toBe('NONE');
      expect(resource.Properties.ApiKeyRequired).toBe(false);
    }
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'OPTIONS',
      AuthorizationType: 'NONE',
      Integration: {
        Type: 'MOCK',
        IntegrationResponses: [Match.objectLike({
          StatusCode: '204',
          ResponseParameters: Match.objectLike({
            'method.response.header.Access-Control-Allow-Origin': "'https://app.example.com'",
            'method.response.header.Access-Control-Allow-Methods': "'GET,POST,PUT,PATCH,DELETE,HEAD'",
            'method.response.header.Access-Control-Allow-Headers': "'Content-Type,Authorization,X-Amz-Date,X-Api-Key,X-Amz-Security-Token'",
            'method.response.header.Access-Control-Max-Age': "'600'",
          }),
        })],
      },
      MethodResponses: [Match.objectLike({ StatusCode: '204' })],
    });
  });

  test('the other routes stay IAM-authorized', () => {
    // GIVEN
    const { stack } = corsGateway({ allowOrigins: ['https://app.example.com'] });

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', AuthorizationType: 'AWS_IAM' });
    template.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'POST', AuthorizationType: 'AWS_IAM' });
  });

  test('custom methods, headers, exposed headers, credentials and max age', () => {
    // GIVEN
    const { stack } = corsGateway({
      allowOrigins: ['https://shop.example.org'],
      allowMethods: ['GET', 'PUT'],
      allowHeaders: ['X-Custom'],
      exposeHeaders: ['X-Request-Id'],
      allowCredentials: true,
      maxAge: Duration.seconds(42),
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'OPTIONS',
      Integration: Match.objectLike({
        IntegrationResponses: [Match.objectLike({
          ResponseParameters: Match.objectLike({
            'method.response.header.Access-Control-Allow-Origin': "'https://shop.example.org'",
            'method.response.header.Access-Control-Allow-Methods': "'GET,PUT'",
            'method.response.header.Access-Control-Allow-Headers': "'X-Custom'",
            'method.response.header.Access-Control-Expose-Headers': "'X-Request-Id'",
            'method.response.header.Access-Control-Allow-Credentials': "'true'",
            'method.response.header.Access-Control-Max-Age': "'42'",
          }),
        })],
      }),
    });
  });
});

describe('gateway responses', () => {
  test.each(['DEFAULT_4XX', 'DEFAULT_5XX'])('%s carries the CORS headers', responseType => {
    // GIVEN
    const { stack } = corsGateway({ allowOrigins: ['https://app.example.com'] });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::GatewayResponse', 2);
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: responseType,
      RestApiId: { Ref: Match.stringLikeRegexp('^OrdersRestApi') },
      ResponseParameters: {
        'gatewayresponse.header.Access-Control-Allow-Origin': "'https://app.example.com'",
        'gatewayresponse.header.Access-Control-Allow-Headers': "'Content-Type,Authorization,X-Amz-Date,X-Api-Key,X-Amz-Security-Token'",
        'gatewayresponse.header.Access-Control-Allow-Methods': "'GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS'",
      },
    });
  });

  test('credentials and custom lists are reflected in the gateway responses', () => {
    // GIVEN
    const { stack } = corsGateway({
      allowOrigins: ['https://shop.example.org'], allowMethods: ['GET'], allowHeaders: ['X-One', 'X-Two'], allowCredentials: true,
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'DEFAULT_4XX',
      ResponseParameters: {
        'gatewayresponse.header.Access-Control-Allow-Origin': "'https://shop.example.org'",
        'gatewayresponse.header.Access-Control-Allow-Headers': "'X-One,X-Two'",
        'gatewayresponse.header.Access-Control-Allow-Methods': "'GET,OPTIONS'",
        'gatewayresponse.header.Access-Control-Allow-Credentials': "'true'",
      },
    });
  });
});

describe('rules', () => {
  test('allowCredentials with origin * is an error', () => {
    expect(() => corsGateway({ allowOrigins: ['*'], allowCredentials: true }))
      .toThrow(/Stack\/Orders: cors\.allowCredentials = true is invalid: CORS does not allow allowCredentials: true together with the origin '\*'/);
  });

  test('origin * without credentials is allowed', () => {
    // GIVEN
    const { stack } = corsGateway({ allowOrigins: ['*'] });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseParameters: Match.objectLike({ 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" }),
    });
  });

  test('an empty origin list is an error', () => {
    expect(() => corsGateway({ allowOrigins: [] }))
      .toThrow(/Stack\/Orders: cors\.allowOrigins = \[\] is invalid: list at least one origin/);
  });

  test('several origins warn that gateway responses carry only the first', () => {
    // GIVEN
    const { stack } = corsGateway({ allowOrigins: ['https://a.example.com', 'https://b.example.com'] });

    // THEN
    Annotations.fromStack(stack).hasWarning('/Stack/Orders', Match.stringLikeRegexp(
      "cors\\.allowOrigins lists 2 origins; 4XX/5XX gateway responses cannot choose per request and carry only the first, 'https://a\\.example\\.com'.*corsGatewayResponseOrigin"));
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseParameters: Match.objectLike({ 'gatewayresponse.header.Access-Control-Allow-Origin': "'https://a.example.com'" }),
    });
  });

  test('a single origin does not warn', () => {
    // GIVEN
    const { stack } = corsGateway({ allowOrigins: ['https://a.example.com'] });

    // THEN
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('corsGatewayResponseOrigin'))).toHaveLength(0);
  });
});
