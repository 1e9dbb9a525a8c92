/**
 * WebSocketGateway's AWS-service integrations (issue 16): AWS integrations with a Velocity
 * request template to SQS SendMessage, Step Functions StartExecution / StartSyncExecution,
 * EventBridge PutEvents and Kinesis PutRecord, with the gateway's one role per service, the
 * default request mapping (the message, the connection id and the request id), the integration
 * response of two-way routes, the mock integration, and every rule checked at synth.
 */
import { Duration, NestedStack, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { GatewayValue, WebSocketGateway, WebSocketIntegration } from '../../lib';
import {
  WebSocketEventBridgePutEventsOptions, WebSocketIntegrationBindOptions, WebSocketIntegrationConfig, WebSocketSqsSendMessageOptions,
  WebSocketStepFunctionsExecutionOptions,
} from '../../lib/websocket/integration';
import { expectGatewayError, js } from '../support/js-callers';
import { newStack } from './util';

function setup() {
  const stack = newStack();
  const gateway = new WebSocketGateway(stack, 'Chat');
  return { stack, gateway };
}

function stateMachine(stack: Stack, type: sfn.StateMachineType): sfn.StateMachine {
  return new sfn.StateMachine(stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')), stateMachineType: type });
}

/** A template string as text, with each token written as `<Ref X>` or `<X.Attr>`. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) throw new Error(`not a string: ${JSON.stringify(value)}`);
  return join[1].map(part => {
    if (typeof part === 'string') return part;
    const p = part as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
    return p.Ref !== undefined ? `<Ref ${p.Ref.replace(/[0-9A-F]{8}$/, '')}>` : `<${p['Fn::GetAtt']![0].replace(/[0-9A-F]{8}$/, '')}.${p['Fn::GetAtt']![1]}>`;
  }).join('');
}

/** The properties of the only integration of a template. */
function onlyIntegration(template: Template): { [key: string]: unknown } {
  const integrations = Object.values(template.findResources('AWS::ApiGatewayV2::Integration'));
  expect(integrations).toHaveLength(1);
  return integrations[0].Properties;
}

function requestTemplate(template: Template): string {
  return text((onlyIntegration(template).RequestTemplates as { $default: unknown }).$default);
}

function expectOnlyStatements(template: Template, roleId: string, statements: object[]): void {
  template.hasResourceProperties('AWS::IAM::Policy', {
    Roles: [{ Ref: Match.stringLikeRegexp(`^Chat${roleId}`) }],
    PolicyDocument: { Statement: statements },
  });
}

const ATTRIBUTES = '&MessageAttribute.1.Name=connectionId&MessageAttribute.1.Value.DataType=String'
  + '&MessageAttribute.1.Value.StringValue=$util.urlEncode($context.connectionId)'
  + '&MessageAttribute.2.Name=requestId&MessageAttribute.2.Value.DataType=String'
  + '&MessageAttribute.2.Value.StringValue=$util.urlEncode($context.requestId)';

const DEFAULT_PAYLOAD = [
  '#set($q = \'"\')',
  '#set($message = "$!input.body")',
  '#if($message == "")#set($message = "null")#end',
  '#set($payload = "{${q}message${q}:$message,${q}connectionId${q}:${q}$context.connectionId${q},${q}requestId${q}:${q}$context.requestId${q}}")',
].join('\n');

const ESCAPED_PAYLOAD = '$util.escapeJavaScript($payload).replaceAll("\\\\\'","\'")';

describe('sqsSendMessage', () => {
  test('a standard queue: the message with the connection and request ids as attributes, a role allowed only sqs:SendMessage', () => {
    // GIVEN
    const { stack, gateway } = setup();
    const queue = new sqs.Queue(stack, 'Queue');

    // WHEN
    gateway.addRoute('audit', WebSocketIntegration.sqsSendMessage(queue));

    // THEN
    const template = Template.fromStack(stack);
    const integration = onlyIntegration(template);
    expect(integration).toMatchObject({
      IntegrationType: 'AWS',
      IntegrationMethod: 'POST',
      CredentialsArn: { 'Fn::GetAtt': [expect.stringMatching(/^ChatSqsRole/), 'Arn'] },
      RequestParameters: { 'integration.request.header.Content-Type': '\'application/x-www-form-urlencoded\'' },
      TemplateSelectionExpression: '\\$default',
      PassthroughBehavior: 'NEVER',
    });
    expect(text(integration.IntegrationUri)).toBe('arn:<Ref AWS::Partition>:apigateway:eu-west-1:sqs:path/123456789012/<Queue.QueueName>');
    expect(requestTemplate(template)).toBe(`Action=SendMessage&MessageBody=$util.urlEncode($input.body)${ATTRIBUTES}`);
    expectOnlyStatements(template, 'SqsRole', [{ Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Queue'), 'Arn'] } }]);
  });

  test('an encrypted FIFO queue: a group per connection, deduplication by request, a literal group encoded, the key\'s use granted', () => {
    // GIVEN
    const { stack, gateway } = setup();
    const key = new kms.Key(stack, 'Key');
    const queue = new sqs.Queue(stack, 'Queue', { fifo: true, encryptionMasterKey: key });

    // WHEN
    gateway.addRoute('order', WebSocketIntegration.sqsSendMessage(queue, {
      messageGroupId: GatewayValue.context('connectionId'), messageBody: GatewayValue.bodyField('order'),
    }));
    gateway.addRoute('broadcast', WebSocketIntegration.sqsSendMessage(queue, { messageGroupId: GatewayValue.literal('all/rooms') }));

    // THEN
    const template = Template.fromStack(stack);
    const templates = Object.values(template.findResources('AWS::ApiGatewayV2::Integration')).map(r => text(r.Properties.RequestTemplates.$default));
    expect(templates).toEqual([
      'Action=SendMessage&MessageBody=$util.urlEncode($input.path(\'$.order\'))&MessageGroupId=$util.urlEncode($context.connectionId)'
        + `&MessageDeduplicationId=$util.urlEncode($context.requestId)${ATTRIBUTES}`,
      `Action=SendMessage&MessageBody=$util.urlEncode($input.body)&MessageGroupId=all%2Frooms&MessageDeduplicationId=$util.urlEncode($context.requestId)${ATTRIBUTES}`,
    ]);
    template.resourceCountIs('AWS::IAM::Role', 1);
    expectOnlyStatements(template, 'SqsRole', [
      { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Queue'), 'Arn'] } },
      { Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } },
    ]);
  });

  test('a delay on a standard queue', () => {
    const { stack, gateway } = setup();
    gateway.addRoute('later', WebSocketIntegration.sqsSendMessage(new sqs.Queue(stack, 'Queue'), { delay: Duration.seconds(45) }));
    expect(requestTemplate(Template.fromStack(stack))).toBe(`Action=SendMessage&MessageBody=$util.urlEncode($input.body)&DelaySeconds=45${ATTRIBUTES}`);
  });

  test('every route depends on the role and its policy; a two-way route gets the $default integration response', () => {
    // GIVEN
    const { stack, gateway } = setup();
    const integration = WebSocketIntegration.sqsSendMessage(new sqs.Queue(stack, 'Queue'));

    // WHEN
    gateway.addRoute('audit', integration, { returnResponse: true });
    gateway.addRoute('audit2', integration, { returnResponse: true });

    // THEN
    const template = Template.fromStack(stack);
    const [policy] = Object.keys(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^ChatSqsRole') }] } }));
    for (const routeKey of ['audit', 'audit2']) {
      template.hasResource('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey }, DependsOn: Match.arrayWith([policy]) });
    }
    // One response per integration and key: the two routes share it.
    template.resourceCountIs('AWS::ApiGatewayV2::IntegrationResponse', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::IntegrationResponse', {
      IntegrationResponseKey: '$default', ResponseTemplates: Match.absent(), TemplateSelectionExpression: Match.absent(),
    });
  });

  test('$connect and $disconnect have no message: the default body is refused there, another body is not', () => {
    // GIVEN
    const { stack, gateway } = setup();
    const queue = new sqs.Queue(stack, 'Queue');

    // THEN
    expectGatewayError(() => gateway.addRoute('$connect', WebSocketIntegration.sqsSendMessage(queue)),
      /^Stack\/Chat: route '\$connect' integration options\.messageBody = "body" is invalid: '\$connect' has no message, and SQS refuses an empty message body: give a messageBody such as GatewayValue\.context\('eventType'\)$/);
    gateway.addRoute('$disconnect', WebSocketIntegration.sqsSendMessage(queue, { messageBody: GatewayValue.context('eventType') }));
    expect(requestTemplate(Template.fromStack(stack))).toMatch(/^Action=SendMessage&MessageBody=\$util\.urlEncode\(\$context\.eventType\)&/);
  });

  test.each([
    ['a FIFO queue without a message group', true, {}, 'options\\.messageGroupId = undefined is invalid: a FIFO queue needs a messageGroupId'],
    ['a standard queue with a deduplication id', false, { messageDeduplicationId: GatewayValue.context('requestId') },
      'options\\.messageDeduplicationId = .* is invalid: messageDeduplicationId applies to FIFO queues only'],
    ['a path parameter, which messages do not have', true, { messageGroupId: GatewayValue.pathParameter('room') },
      'options\\.messageGroupId = "pathParameter \'room\'" is invalid: a WebSocket message has no path or query-string parameters'],
    ['a query-string parameter', false, { messageBody: GatewayValue.queryParameter('text') },
      'options\\.messageBody = "queryParameter \'text\'" is invalid: a WebSocket message has no path or query-string parameters'],
    ['a delay on a FIFO queue', true, { messageGroupId: GatewayValue.literal('g'), delay: Duration.seconds(1) }, 'options\\.delay = .* is invalid: a FIFO queue takes no per-message delay'],
    ['a delay over 900 s', false, { delay: Duration.minutes(16) }, 'options\\.delay = .* is invalid: a message delay is a whole number of seconds from 0 to 900'],
    ['a literal deduplication id with a space', true, { messageGroupId: GatewayValue.literal('g'), messageDeduplicationId: GatewayValue.literal('a b') },
      'options\\.messageDeduplicationId = .* is invalid: a message deduplication id is 1 to 128 letters, digits and punctuation'],
  ])('rejects %s', (_what, fifo, options, message) => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Queue', { fifo: fifo || undefined });
    expectGatewayError(() => WebSocketIntegration.sqsSendMessage(queue, options as WebSocketSqsSendMessageOptions),
      new RegExp(`^WebSocketIntegration\\.sqsSendMessage: ${message}`));
  });
});

describe('sqs (deprecated)', () => {
  test('keeps its Velocity options and template; its role is now the gateway\'s SQS role', () => {
    // GIVEN
    const { stack, gateway } = setup();
    const queue = new sqs.Queue(stack, 'Queue', { fifo: true });

    // WHEN
    gateway.addRoute('order', WebSocketIntegration.sqs(queue, { messageBody: '$input.json(\'$.order\')' }));
    gateway.addRoute('audit', WebSocketIntegration.sqsSendMessage(queue, { messageGroupId: GatewayValue.context('connectionId') }));

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      RequestTemplates: {
        $default: 'Action=SendMessage&MessageBody=$util.urlEncode($input.json(\'$.order\'))&MessageGroupId=$util.urlEncode($context.connectionId)&MessageDeduplicationId=$context.requestId',
      },
    });
    template.resourceCountIs('AWS::IAM::Role', 1);
  });
});

describe('stepFunctionsStartExecution and stepFunctionsStartSyncExecution', () => {
  test('StartExecution: the message, connection id and request id as the input, a role allowed only states:StartExecution', () => {
    // GIVEN
    const { stack, gateway } = setup();
    const machine = stateMachine(stack, sfn.StateMachineType.STANDARD);

    // WHEN
    gateway.addRoute('start', WebSocketIntegration.stepFunctionsStartExecution(machine), { returnResponse: true });

    // THEN
    const template = Template.fromStack(stack);
    const integration = onlyIntegration(template);
    expect(integration).toMatchObject({
      IntegrationType: 'AWS',
      IntegrationMethod: 'POST',
      CredentialsArn: { 'Fn::GetAtt': [expect.stringMatching(/^ChatStepFunctionsRole/), 'Arn'] },
      RequestParameters: {
        'integration.request.header.Content-Type': '\'application/x-amz-json-1.0\'',
        'integration.request.header.X-Amz-Target': '\'AWSStepFunctions.StartExecution\'',
      },
      TemplateSelectionExpression: '\\$default',
      PassthroughBehavior: 'NEVER',
    });
    expect(text(integration.IntegrationUri)).toBe('arn:<Ref AWS::Partition>:apigateway:eu-west-1:states:action/StartExecution');
    expect(requestTemplate(template)).toBe(`${DEFAULT_PAYLOAD}\n{"stateMachineArn":"<Ref Machine>","input":"${ESCAPED_PAYLOAD}"}`);
    expectOnlyStatements(template, 'StepFunctionsRole', [{ Action: 'states:StartExecution', Effect: 'Allow', Resource: { Ref: Match.stringLikeRegexp('^Machine') } }]);
    // A two-way route answers with StartExecution's answer as it is.
    template.hasResourceProperties('AWS::ApiGatewayV2::IntegrationResponse', { IntegrationResponseKey: '$default', ResponseTemplates: Match.absent() });
  });

  test('StartSyncExecution on an EXPRESS state machine: a two-way route answers with the output, or the status alone', () => {
    // GIVEN
    const { stack, gateway } = setup();
    const machine = stateMachine(stack, sfn.StateMachineType.EXPRESS);

    // WHEN
    gateway.addRoute('quote', WebSocketIntegration.stepFunctionsStartSyncExecution(machine, {
      input: GatewayValue.bodyField('quote'), executionName: GatewayValue.context('requestId'), timeout: Duration.seconds(10),
    }), { returnResponse: true });

    // THEN
    const template = Template.fromStack(stack);
    const integration = onlyIntegration(template);
    expect(text(integration.IntegrationUri)).toBe('arn:<Ref AWS::Partition>:apigateway:eu-west-1:states:action/StartSyncExecution');
    expect(integration.RequestParameters).toEqual({
      'integration.request.header.Content-Type': '\'application/x-amz-json-1.0\'',
      'integration.request.header.X-Amz-Target': '\'AWSStepFunctions.StartSyncExecution\'',
    });
    expect(integration.TimeoutInMillis).toBe(10000);
    expect(requestTemplate(template)).toBe('#set($payload = $input.json(\'$.quote\'))\n'
      + `{"stateMachineArn":"<Ref Machine>","input":"${ESCAPED_PAYLOAD}","name":"$util.escapeJavaScript($context.requestId).replaceAll("\\\\'","'")"}`);
    expectOnlyStatements(template, 'StepFunctionsRole', [{ Action: 'states:StartSyncExecution', Effect: 'Allow', Resource: { Ref: Match.stringLikeRegexp('^Machine') } }]);
    template.hasResourceProperties('AWS::ApiGatewayV2::IntegrationResponse', {
      IntegrationResponseKey: '$default',
      TemplateSelectionExpression: '\\$default',
      ResponseTemplates: {
        $default: [
          '#set($status = "$!input.path(\'$.status\')")',
          '#if($status == "SUCCEEDED")',
          '$input.path(\'$.output\')',
          '#else',
          '#if($status == "")#set($status = "ERROR")#end',
          '{"status":"$status"}',
          '#end',
        ].join('\n'),
      },
    });
  });

  test('a literal JSON input, and a context value as a JSON string', () => {
    const { stack, gateway } = setup();
    const machine = stateMachine(stack, sfn.StateMachineType.STANDARD);
    gateway.addRoute('a', WebSocketIntegration.stepFunctionsStartExecution(machine, { input: GatewayValue.literal('{}') }));
    gateway.addRoute('b', WebSocketIntegration.stepFunctionsStartExecution(machine, { input: GatewayValue.context('identity.sourceIp') }));
    const templates = Object.values(Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Integration')).map(r => text(r.Properties.RequestTemplates.$default));
    expect(templates[0]).toMatch(/^#set\(\$payload = "\{\}"\)\n\{"stateMachineArn"/);
    expect(templates[1]).toMatch(/^#set\(\$q = '"'\)\n#set\(\$payload = \$util\.escapeJavaScript\(\$context\.identity\.sourceIp\)\.replaceAll\("\\\\'","'"\)\)\n#set\(\$payload = "\$\{q\}\$payload\$\{q\}"\)\n/);
  });

  test.each([
    ['a STANDARD state machine run synchronously', 'stepFunctionsStartSyncExecution', {},
      'stateMachine = "STANDARD state machine" is invalid: a synchronous execution needs an EXPRESS state machine'],
    ['a literal input that is not JSON', 'stepFunctionsStartExecution', { input: GatewayValue.literal('hello') },
      'options\\.input = "literal \'hello\'" is invalid: Step Functions takes the execution input as JSON text'],
    ['an execution name from a query-string parameter', 'stepFunctionsStartExecution', { executionName: GatewayValue.queryParameter('id') },
      'options\\.executionName = "queryParameter \'id\'" is invalid: a WebSocket message has no path or query-string parameters'],
    ['an execution name with a slash', 'stepFunctionsStartExecution', { executionName: GatewayValue.literal('a/b') },
      'options\\.executionName = "literal \'a/b\'" is invalid: an execution name is 1 to 80 characters'],
  ] as const)('rejects %s', (_what, factory, options, message) => {
    const stack = newStack();
    expectGatewayError(() => WebSocketIntegration[factory](stateMachine(stack, sfn.StateMachineType.STANDARD), options as WebSocketStepFunctionsExecutionOptions),
      new RegExp(`^WebSocketIntegration\\.${factory}: ${message}`));
  });
});

describe('eventBridgePutEvents', () => {
  test('the message, connection id and request id as the detail, a role allowed only events:PutEvents on the bus', () => {
    // GIVEN
    const { stack, gateway } = setup();
    const bus = new events.EventBus(stack, 'Bus');

    // WHEN
    gateway.addRoute('post', WebSocketIntegration.eventBridgePutEvents(bus, { source: 'com.example.chat', detailType: 'MessagePosted' }));

    // THEN
    const template = Template.fromStack(stack);
    const integration = onlyIntegration(template);
    expect(integration.RequestParameters).toEqual({
      'integration.request.header.Content-Type': '\'application/x-amz-json-1.1\'',
      'integration.request.header.X-Amz-Target': '\'AWSEvents.PutEvents\'',
    });
    expect(text(integration.IntegrationUri)).toBe('arn:<Ref AWS::Partition>:apigateway:eu-west-1:events:action/PutEvents');
    expect(requestTemplate(template)).toBe(`${DEFAULT_PAYLOAD}\n`
      + `{"Entries":[{"EventBusName":"<Bus.Arn>","Source":"com.example.chat","DetailType":"MessagePosted","Detail":"${ESCAPED_PAYLOAD}"}]}`);
    expectOnlyStatements(template, 'EventBridgeRole', [{ Action: 'events:PutEvents', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Bus'), 'Arn'] } }]);
  });

  test('the whole message as the detail', () => {
    const { stack, gateway } = setup();
    gateway.addRoute('post', WebSocketIntegration.eventBridgePutEvents(new events.EventBus(stack, 'Bus'), {
      source: 'com.example.chat', detailType: 'MessagePosted', detail: GatewayValue.body(),
    }));
    expect(requestTemplate(Template.fromStack(stack))).toMatch(/^#set\(\$payload = "\$!input\.body"\)\n\{"Entries"/);
  });

  test.each([
    ['an aws. source', { source: 'aws.chat', detailType: 'X' }, 'options\\.source = "aws\\.chat" is invalid: the aws\\. prefix of an event source is reserved'],
    ['a detail type with a $', { source: 'com.x', detailType: 'Posted$' }, 'options\\.detailType = "Posted\\$" is invalid: an event detail type may not contain'],
    ['a literal detail that is not an object', { source: 'com.x', detailType: 'X', detail: GatewayValue.literal('42') },
      'options\\.detail = "literal \'42\'" is invalid: EventBridge takes the event detail as a JSON object'],
    ['a detail from a path parameter', { source: 'com.x', detailType: 'X', detail: GatewayValue.pathParameter('id') },
      'options\\.detail = "pathParameter \'id\'" is invalid: a WebSocket message has no path'],
  ])('rejects %s', (_what, options, message) => {
    const stack = newStack();
    expectGatewayError(() => WebSocketIntegration.eventBridgePutEvents(new events.EventBus(stack, 'Bus'), options as WebSocketEventBridgePutEventsOptions),
      new RegExp(`^WebSocketIntegration\\.eventBridgePutEvents: ${message}`));
  });
});

describe('kinesisPutRecord', () => {
  test('the message base64-encoded under the partition key, a role allowed only kinesis:PutRecord and the stream key\'s use', () => {
    // GIVEN
    const { stack, gateway } = setup();
    const key = new kms.Key(stack, 'Key');
    const stream = new kinesis.Stream(stack, 'Stream', { encryption: kinesis.StreamEncryption.KMS, encryptionKey: key });

    // WHEN
    gateway.addRoute('track', WebSocketIntegration.kinesisPutRecord(stream, { partitionKey: GatewayValue.context('connectionId') }));

    // THEN
    const template = Template.fromStack(stack);
    const integration = onlyIntegration(template);
    expect(integration.RequestParameters).toEqual({
      'integration.request.header.Content-Type': '\'application/x-amz-json-1.1\'',
      'integration.request.header.X-Amz-Target': '\'Kinesis_20131202.PutRecord\'',
    });
    expect(text(integration.IntegrationUri)).toBe('arn:<Ref AWS::Partition>:apigateway:eu-west-1:kinesis:action/PutRecord');
    expect(requestTemplate(template)).toBe('{"StreamName":"<Ref Stream>","PartitionKey":"$util.escapeJavaScript($context.connectionId).replaceAll("\\\\\'","\'")",'
      + '"Data":"$util.base64Encode($input.body)"}');
    expectOnlyStatements(template, 'KinesisRole', [
      { Action: 'kinesis:PutRecord', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Stream'), 'Arn'] } },
      { Action: 'kms:GenerateDataKey', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } },
    ]);
  });

  test('a literal partition key and literal data, written at synth', () => {
    const { stack, gateway } = setup();
    gateway.addRoute('track', WebSocketIntegration.kinesisPutRecord(new kinesis.Stream(stack, 'Stream'), {
      partitionKey: GatewayValue.literal('all'), data: GatewayValue.literal('ping'),
    }));
    expect(requestTemplate(Template.fromStack(stack))).toBe('{"StreamName":"<Ref Stream>","PartitionKey":"all","Data":"cGluZw=="}');
  });

  test('rejects a partition key from a path parameter', () => {
    const stack = newStack();
    expectGatewayError(() => WebSocketIntegration.kinesisPutRecord(new kinesis.Stream(stack, 'Stream'), { partitionKey: GatewayValue.pathParameter('id') }),
      /^WebSocketIntegration\.kinesisPutRecord: options\.partitionKey = "pathParameter 'id'" is invalid: a WebSocket message has no path or query-string parameters/);
  });
});

describe('mock', () => {
  test('a MOCK integration answering 200; a two-way route answers with the response template', () => {
    // GIVEN
    const { stack, gateway } = setup();

    // WHEN
    gateway.addRoute('ping', WebSocketIntegration.mock({ responseTemplate: '{"pong": true, "connectionId": "$context.connectionId"}' }), { returnResponse: true });

    // THEN
    const template = Template.fromStack(stack);
    expect(onlyIntegration(template)).toEqual(expect.objectContaining({
      IntegrationType: 'MOCK',
      RequestTemplates: { $default: '{"statusCode": 200}' },
      TemplateSelectionExpression: '\\$default',
    }));
    template.hasResourceProperties('AWS::ApiGatewayV2::IntegrationResponse', {
      IntegrationResponseKey: '$default',
      ResponseTemplates: { $default: '{"pong": true, "connectionId": "$context.connectionId"}' },
      TemplateSelectionExpression: '\\$default',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::RouteResponse', { RouteResponseKey: '$default' });
    template.resourceCountIs('AWS::IAM::Role', 0);
  });

  test('a one-way mock route has no integration response; a request template sets the status', () => {
    const { stack, gateway } = setup();
    gateway.addRoute('$connect', WebSocketIntegration.mock({ requestTemplate: '{"statusCode": 403}' }), {
      authorization: undefined,
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'MOCK', RequestTemplates: { $default: '{"statusCode": 403}' } });
    template.resourceCountIs('AWS::ApiGatewayV2::IntegrationResponse', 0);
  });
});

describe('route stacks and custom integrations', () => {
  test('routes in nested route stacks: the integration in the route\'s stack, the role in the gateway\'s', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new WebSocketGateway(stack, 'Chat', { routeStacks: { count: 2 } });

    // WHEN
    gateway.addRoute('audit', WebSocketIntegration.sqsSendMessage(new sqs.Queue(stack, 'Queue')));

    // THEN
    const nested = stack.node.findAll().filter((c): c is NestedStack => c instanceof NestedStack).map(n => Template.fromStack(n))
      .filter(t => Object.keys(t.findResources('AWS::ApiGatewayV2::Integration')).length > 0);
    expect(nested).toHaveLength(1);
    nested[0].hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS', CredentialsArn: { Ref: Match.stringLikeRegexp('SqsRole') } });
    const top = Template.fromStack(stack);
    top.resourceCountIs('AWS::IAM::Role', 1);
    top.hasResource('AWS::CloudFormation::Stack', { DependsOn: Match.arrayWith([Match.stringLikeRegexp('^ChatSqsRoleDefaultPolicy')]) });
  });

  test('a custom integration is given the gateway', () => {
    const { stack, gateway } = setup();
    const seen: string[] = [];
    class Custom extends WebSocketIntegration {
      public bind(options: WebSocketIntegrationBindOptions): WebSocketIntegrationConfig {
        seen.push(options.gateway.node.path);
        return WebSocketIntegration.mock().bind(options);
      }
    }
    gateway.addRoute('custom', new Custom());
    expect(seen).toEqual([gateway.node.path]);
    expect(stack.node.path).toBe('Stack');
  });
});

describe('service integrations from JavaScript', () => {
  test.each([
    ['a Velocity expression for the message group', (s: Stack) => WebSocketIntegration.sqsSendMessage(new sqs.Queue(s, 'Q', { fifo: true }), js({ messageGroupId: '$context.connectionId' })),
      /^WebSocketIntegration\.sqsSendMessage: options\.messageGroupId = "\$context\.connectionId" is invalid: expected a GatewayValue \(.*\), got a string$/],
    ['no queue', () => WebSocketIntegration.sqsSendMessage(js(undefined)),
      /^WebSocketIntegration\.sqsSendMessage: queue = undefined is invalid: an sqs\.IQueue is required$/],
    ['a state machine ARN for the state machine', () => WebSocketIntegration.stepFunctionsStartExecution(js('arn:aws:states:eu-west-1:123456789012:stateMachine:x')),
      /^WebSocketIntegration\.stepFunctionsStartExecution: stateMachine = ".*" is invalid: expected an sfn\.IStateMachine, got a string$/],
    ['an input as a string', (s: Stack) => WebSocketIntegration.stepFunctionsStartExecution(stateMachine(s, sfn.StateMachineType.STANDARD), js({ input: '{}' })),
      /^WebSocketIntegration\.stepFunctionsStartExecution: options\.input = "\{\}" is invalid: expected a GatewayValue/],
    ['no detail type', (s: Stack) => WebSocketIntegration.eventBridgePutEvents(new events.EventBus(s, 'Bus'), js({ source: 'com.x' })),
      /^WebSocketIntegration\.eventBridgePutEvents: options\.detailType = undefined is invalid: a string is required$/],
    ['no options for a record', (s: Stack) => WebSocketIntegration.kinesisPutRecord(new kinesis.Stream(s, 'Stream'), js(undefined)),
      /^WebSocketIntegration\.kinesisPutRecord: options = undefined is invalid: a WebSocketKinesisPutRecordOptions object is required$/],
    ['a mock response template as an object', () => WebSocketIntegration.mock(js({ responseTemplate: { pong: true } })),
      /^WebSocketIntegration\.mock: options\.responseTemplate = \{"pong":true\} is invalid: expected a string, got an object$/],
    ['a timeout on a mock', () => WebSocketIntegration.mock(js({ timeout: Duration.seconds(1) })),
      /^WebSocketIntegration\.mock: options\.timeout = .* is invalid: a mock integration answers at once; it has no timeout$/],
  ])('rejects %s', (_what, make, message) => {
    const stack = newStack();
    expectGatewayError(() => make(stack), message);
  });

  test('rejects a responseTemplate that a JavaScript integration\'s bind returns as a number', () => {
    const { gateway } = setup();
    const custom = js<WebSocketIntegration>({ bind: (o: WebSocketIntegrationBindOptions) => ({ ...WebSocketIntegration.mock().bind(o), responseTemplate: 1 }) });
    expectGatewayError(() => gateway.addRoute('custom', custom),
      /^Stack\/Chat: route 'custom' integration\.bind\(\) result\.responseTemplate = 1 is invalid: expected a string, got a number$/);
  });
});
