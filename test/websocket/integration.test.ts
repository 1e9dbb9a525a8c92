import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { WebSocketIntegration } from '../../lib/websocket/integration';
import { WebSocketGateway } from '../../lib/websocket/websocket-gateway';
import { fn, newStack } from './util';

function setup() {
  const stack = newStack();
  const gateway = new WebSocketGateway(stack, 'Chat');
  return { stack, gateway };
}

describe('lambdaFunction', () => {
  test('an AWS_PROXY integration to the function, without aws-cdk-lib\'s per-route permission', () => {
    const { stack, gateway } = setup();
    const handler = fn(stack, 'Handler');
    gateway.addRoute('$connect', WebSocketIntegration.lambdaFunction(handler, { timeout: Duration.seconds(5) }));
    gateway.addRoute('other', WebSocketIntegration.lambdaFunction(handler));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:eu-west-1:lambda:path/2015-03-31/functions/', { 'Fn::GetAtt': [Match.stringLikeRegexp('^Handler'), 'Arn'] }, '/invocations']] },
      TimeoutInMillis: 5000,
    });
    template.resourceCountIs('AWS::Lambda::Permission', 1);
  });

  test.each([
    [Duration.millis(49), /integration timeout = "49 ms" is invalid: an integration timeout is at least 50 milliseconds/],
    [Duration.seconds(30), /integration timeout = "30000 ms" is invalid: an integration timeout is at most 29 seconds for WebSocket APIs/],
  ])('rejects the timeout %s', (timeout, message) => {
    const { stack, gateway } = setup();
    expect(() => gateway.addRoute('$connect', WebSocketIntegration.lambdaFunction(fn(stack, 'H'), { timeout })))
      .toThrow(new RegExp(`Stack/Chat/Routes/Integration-\\$connect: route '\\$connect' ${message.source}`));
  });

  test.each([Duration.millis(50), Duration.seconds(29)])('accepts the timeout %s', timeout => {
    const { stack, gateway } = setup();
    gateway.addRoute('$connect', WebSocketIntegration.lambdaFunction(fn(stack, 'H'), { timeout }));
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', { TimeoutInMillis: timeout.toMilliseconds() });
  });
});

describe('http', () => {
  test('an HTTP_PROXY integration with POST by default', () => {
    const { stack, gateway } = setup();
    gateway.addRoute('$default', WebSocketIntegration.http('https://backend.example.com/messages'));
    gateway.addRoute('put', WebSocketIntegration.http('https://backend.example.com/put', { httpMethod: apigwv2.HttpMethod.PUT, timeout: Duration.seconds(3) }));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://backend.example.com/messages', IntegrationMethod: 'POST',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://backend.example.com/put', IntegrationMethod: 'PUT', TimeoutInMillis: 3000,
    });
    template.resourceCountIs('AWS::Lambda::Permission', 0);
  });

  test('two-way HTTP proxy routes need no integration response', () => {
    const { stack, gateway } = setup();
    gateway.addRoute('$default', WebSocketIntegration.http('https://backend.example.com'), { returnResponse: true });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::IntegrationResponse', 0);
  });

  test.each([
    ['ftp://x', {}, /integration url = "ftp:\/\/x" is invalid: an HTTP integration URL starts with http:\/\/ or https:\/\//],
    ['https://x', { httpMethod: 'FETCH' as apigwv2.HttpMethod }, /options\.httpMethod = "FETCH" is invalid: expected one of apigwv2\.HttpMethod/],
  ])('rejects %s %j', (url, options, message) => {
    const { gateway } = setup();
    expect(() => gateway.addRoute('$default', WebSocketIntegration.http(url, options))).toThrow(message);
  });
});

describe('sqs', () => {
  test('an AWS integration sending the message, with a role allowed only sqs:SendMessage to the queue', () => {
    const { stack, gateway } = setup();
    const queue = new sqs.Queue(stack, 'Queue');
    gateway.addRoute('audit', WebSocketIntegration.sqs(queue));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS',
      IntegrationMethod: 'POST',
      IntegrationUri: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:eu-west-1:sqs:path/123456789012/', { 'Fn::GetAtt': [Match.stringLikeRegexp('^Queue'), 'QueueName'] }]] },
      CredentialsArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('SqsRole'), 'Arn'] },
      RequestParameters: { 'integration.request.header.Content-Type': '\'application/x-www-form-urlencoded\'' },
      RequestTemplates: { $default: 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)' },
      TemplateSelectionExpression: '\\$default',
      PassthroughBehavior: 'NEVER',
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'apigateway.amazonaws.com' } }] },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Queue'), 'Arn'] } }] },
    });
  });

  test('an encrypted FIFO queue: key use granted, message group per connection, deduplication by request', () => {
    const { stack, gateway } = setup();
    const key = new kms.Key(stack, 'Key');
    const queue = new sqs.Queue(stack, 'Queue', { fifo: true, encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key });
    gateway.addRoute('order', WebSocketIntegration.sqs(queue, { messageBody: '$input.json(\'$.order\')' }));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      RequestTemplates: {
        $default: 'Action=SendMessage&MessageBody=$util.urlEncode($input.json(\'$.order\'))&MessageGroupId=$util.urlEncode($context.connectionId)&MessageDeduplicationId=$context.requestId',
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['kms:GenerateDataKey', 'kms:Decrypt'] })]) },
    });
  });

  test('a custom message group id', () => {
    const { stack, gateway } = setup();
    const queue = new sqs.Queue(stack, 'Queue');
    gateway.addRoute('order', WebSocketIntegration.sqs(queue, { messageGroupId: '$input.json(\'$.room\')' }));
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      RequestTemplates: { $default: 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)&MessageGroupId=$util.urlEncode($input.json(\'$.room\'))' },
    });
  });

  test('a two-way SQS route gets a $default integration response, once per route', () => {
    const { stack, gateway } = setup();
    const integration = WebSocketIntegration.sqs(new sqs.Queue(stack, 'Queue'));
    gateway.addRoute('audit', integration, { returnResponse: true });
    gateway.addRoute('audit2', integration);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::IntegrationResponse', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::IntegrationResponse', {
      IntegrationResponseKey: '$default',
      IntegrationId: { Ref: Match.stringLikeRegexp('RoutesauditIntegration') },
    });
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    template.resourceCountIs('AWS::IAM::Role', 1);
  });

  test('rejects a timeout above 29 s', () => {
    const { stack, gateway } = setup();
    expect(() => gateway.addRoute('audit', WebSocketIntegration.sqs(new sqs.Queue(stack, 'Queue'), { timeout: Duration.seconds(40) })))
      .toThrow(/route 'audit' integration timeout = "40000 ms" is invalid: an integration timeout is at most 29 seconds for WebSocket APIs/);
  });
});
