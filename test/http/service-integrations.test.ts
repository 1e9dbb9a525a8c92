/**
 * HttpGateway's AWS-service integrations (issue 16): the `AWS_PROXY` integration subtypes
 * SQS-SendMessage, StepFunctions-StartExecution / StartSyncExecution, EventBridge-PutEvents and
 * Kinesis-PutRecord, with the gateway's one role per service (least privilege), the request
 * parameters the options map, the response parameter mapping, and every rule checked at synth,
 * for TypeScript and JavaScript callers.
 */
import { Duration, NestedStack, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { GatewayValue, HttpGateway, HttpIntegration } from '../../lib';
import {
  HttpEventBridgePutEventsOptions, HttpKinesisPutRecordOptions, HttpSqsSendMessageOptions, HttpStepFunctionsExecutionOptions,
} from '../../lib/http/integration';
import { expectGatewayError, js } from '../support/js-callers';
import { newStack } from '../support/fixtures';

function setup() {
  const stack = newStack();
  const gateway = new HttpGateway(stack, 'Api');
  return { stack, gateway };
}

function stateMachine(stack: Stack, type: sfn.StateMachineType, id: string = 'Machine'): sfn.StateMachine {
  return new sfn.StateMachine(stack, id, { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, `${id}Pass`)), stateMachineType: type });
}

/** The one statement of the policy of the gateway's role for a service. */
function expectOnlyStatements(template: Template, roleId: string, statements: object[]): void {
  template.hasResourceProperties('AWS::IAM::Policy', {
    Roles: [{ Ref: Match.stringLikeRegexp(`^Api${roleId}`) }],
    PolicyDocument: { Statement: statements },
  });
}

const ROLE_ARN = (roleId: string) => ({ 'Fn::GetAtt': [Match.stringLikeRegexp(`^Api${roleId}`), 'Arn'] });

describe('sqsSendMessage', () => {
  test('a standard queue: the SQS-SendMessage subtype, the body as the message, a role allowed only sqs:SendMessage on the queue', () => {
    // GIVEN
    const { stack, gateway } = setup();
    const queue = new sqs.Queue(stack, 'Queue');

    // WHEN
    gateway.addRoute('POST /orders', HttpIntegration.sqsSendMessage(queue));

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationSubtype: 'SQS-SendMessage',
      PayloadFormatVersion: '1.0',
      CredentialsArn: ROLE_ARN('SqsRole'),
      RequestParameters: { QueueUrl: { Ref: Match.stringLikeRegexp('^Queue') }, MessageBody: '$request.body' },
      ResponseParameters: Match.absent(),
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' } }] },
    });
    expectOnlyStatements(template, 'SqsRole', [{ Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Queue'), 'Arn'] } }]);
  });

  test('the route depends on the role and its policy', () => {
    // GIVEN
    const { stack, gateway } = setup();

    // WHEN
    gateway.addRoute('POST /orders', HttpIntegration.sqsSendMessage(new sqs.Queue(stack, 'Queue')));

    // THEN
    const template = Template.fromStack(stack);
    const [policy] = Object.keys(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^ApiSqsRole') }] } }));
    template.hasResource('AWS::ApiGatewayV2::Route', {
      Properties: { RouteKey: 'POST /orders' },
      DependsOn: Match.arrayWith([policy, Match.stringLikeRegexp('^ApiSqsRole')]),
    });
  });

  test('an encrypted FIFO queue: the group from a path parameter, deduplication by request id, the key\'s use granted, 202 for success', () => {
    // GIVEN
    const { stack, gateway } = setup();
    const key = new kms.Key(stack, 'Key');
    const queue = new sqs.Queue(stack, 'Queue', { fifo: true, encryptionMasterKey: key });

    // WHEN
    gateway.addRoute('POST /tenants/{tenant}/orders', HttpIntegration.sqsSendMessage(queue, {
      messageGroupId: GatewayValue.pathParameter('tenant'),
      messageBody: GatewayValue.bodyField('order'),
      successStatusCode: 202,
    }));

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      RequestParameters: {
        QueueUrl: { Ref: Match.stringLikeRegexp('^Queue') },
        MessageBody: '$request.body.order',
        MessageGroupId: '$request.path.tenant',
        MessageDeduplicationId: '$context.requestId',
      },
      ResponseParameters: { 200: { ResponseParameters: [{ Destination: 'overwrite:statuscode', Source: '202' }] } },
    });
    expectOnlyStatements(template, 'SqsRole', [
      { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Queue'), 'Arn'] } },
      { Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } },
    ]);
  });

  test('a given deduplication id and a delay of a standard queue', () => {
    // GIVEN
    const { stack, gateway } = setup();
    const fifo = new sqs.Queue(stack, 'Fifo', { fifo: true });
    const standard = new sqs.Queue(stack, 'Standard');

    // WHEN
    gateway.addRoute('POST /a', HttpIntegration.sqsSendMessage(fifo, {
      messageGroupId: GatewayValue.literal('all'), messageDeduplicationId: GatewayValue.header('Idempotency-Key'),
    }));
    gateway.addRoute('POST /b', HttpIntegration.sqsSendMessage(standard, { delay: Duration.minutes(2) }));

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      RequestParameters: Match.objectLike({ MessageGroupId: 'all', MessageDeduplicationId: '$request.header.Idempotency-Key' }),
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      RequestParameters: Match.objectLike({ DelaySeconds: '120', MessageDeduplicationId: Match.absent() }),
    });
  });

  test('one SQS role per gateway, whatever the number of queues and routes; one integration per integration object', () => {
    // GIVEN
    const { stack, gateway } = setup();
    const shared = HttpIntegration.sqsSendMessage(new sqs.Queue(stack, 'A'));

    // WHEN
    gateway.addRoute('POST /a', shared);
    gateway.addRoute('PUT /a', shared);
    gateway.addRoute('POST /b', HttpIntegration.sqsSendMessage(new sqs.Queue(stack, 'B')));

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
    expectOnlyStatements(template, 'SqsRole', [
      { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^A'), 'Arn'] } },
      { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^B'), 'Arn'] } },
    ]);
  });

  test('routes in nested route stacks: the integration in the route\'s stack, the role in the gateway\'s', () => {
    // GIVEN
    const stack = newStack();
    const gateway = new HttpGateway(stack, 'Api', { routeStacks: { count: 2 } });

    // WHEN
    gateway.addRoute('POST /orders', HttpIntegration.sqsSendMessage(new sqs.Queue(stack, 'Queue')));

    // THEN
    const nested = stack.node.findAll().filter((c): c is NestedStack => c instanceof NestedStack);
    const withIntegration = nested.map(n => Template.fromStack(n)).filter(t => Object.keys(t.findResources('AWS::ApiGatewayV2::Integration')).length > 0);
    expect(withIntegration).toHaveLength(1);
    withIntegration[0].hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationSubtype: 'SQS-SendMessage', CredentialsArn: { Ref: Match.stringLikeRegexp('SqsRole') },
    });
    const top = Template.fromStack(stack);
    top.resourceCountIs('AWS::IAM::Role', 1);
    top.hasResource('AWS::CloudFormation::Stack', { DependsOn: Match.arrayWith([Match.stringLikeRegexp('^ApiSqsRoleDefaultPolicy')]) });
  });

  test.each([
    ['a FIFO queue without a message group', true, {}, 'options.messageGroupId = undefined is invalid: a FIFO queue needs a messageGroupId'],
    ['a standard queue with a deduplication id', false, { messageDeduplicationId: GatewayValue.context('requestId') },
      'options.messageDeduplicationId = "context \'requestId\'" is invalid: messageDeduplicationId applies to FIFO queues only'],
    ['a literal message group with a space', true, { messageGroupId: GatewayValue.literal('a b') },
      'options.messageGroupId = "literal \'a b\'" is invalid: a message group id is 1 to 128 letters, digits and punctuation'],
    ['a literal message group of 129 characters', true, { messageGroupId: GatewayValue.literal('g'.repeat(129)) },
      'options.messageGroupId = "literal \'g{129}\'" is invalid: a message group id is 1 to 128'],
    ['a delay on a FIFO queue', true, { messageGroupId: GatewayValue.literal('g'), delay: Duration.seconds(5) },
      'options.delay = "Duration.seconds\\(5\\)" is invalid: a FIFO queue takes no per-message delay'],
    ['a delay over 900 s', false, { delay: Duration.seconds(901) },
      'options.delay = "Duration.seconds\\(901\\)" is invalid: a message delay is a whole number of seconds from 0 to 900 \\(SendMessage.DelaySeconds\\)'],
    ['a delay in fractions of a second', false, { delay: Duration.millis(1500) }, 'options.delay = "Duration.millis\\(1500\\)" is invalid: a message delay is a whole number'],
    ['a success status code of 404', false, { successStatusCode: 404 }, 'options.successStatusCode = 404 is invalid: a success status code is a whole number from 200 to 299'],
  ])('rejects %s', (_what, fifo, options, message) => {
    // GIVEN
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Queue', { fifo: fifo || undefined });

    // THEN
    expectGatewayError(() => HttpIntegration.sqsSendMessage(queue, options as HttpSqsSendMessageOptions),
      new RegExp(`^HttpIntegration\\.sqsSendMessage: ${message}`));
  });

  test('rejects a path parameter the route does not have, on every route sharing the integration', () => {
    // GIVEN
    const { stack, gateway } = setup();
    const queue = new sqs.Queue(stack, 'Queue', { fifo: true });
    const integration = HttpIntegration.sqsSendMessage(queue, { messageGroupId: GatewayValue.pathParameter('tenant') });

    // WHEN
    gateway.addRoute('POST /tenants/{tenant}', integration);

    // THEN
    expectGatewayError(() => gateway.addRoute('POST /orders/{id}', integration),
      /^Stack\/Api: route 'POST \/orders\/\{id\}' integration options\.messageGroupId = "pathParameter 'tenant'" is invalid: the route has no path parameter \{tenant\} \(its path parameters: id\)$/);
    expectGatewayError(() => gateway.addRoute('$default', HttpIntegration.sqsSendMessage(queue, { messageGroupId: GatewayValue.pathParameter('tenant') })),
      /^Stack\/Api: route '\$default' integration options\.messageGroupId = .* the route has no path parameter \{tenant\} \(its path parameters: none\)$/);
  });

  test('rejects a timeout over 30 s', () => {
    const { stack, gateway } = setup();
    expect(() => gateway.addRoute('POST /a', HttpIntegration.sqsSendMessage(new sqs.Queue(stack, 'Queue'), { timeout: Duration.seconds(31) })))
      .toThrow(/route 'POST \/a' integration timeout = "31000 ms" is invalid: an integration timeout is at most 30 seconds for HTTP APIs/);
  });
});

describe('stepFunctionsStartExecution and stepFunctionsStartSyncExecution', () => {
  test('StartExecution: the body as the input, a role allowed only states:StartExecution on the state machine', () => {
    // GIVEN
    const { stack, gateway } = setup();
    const machine = stateMachine(stack, sfn.StateMachineType.STANDARD);

    // WHEN
    gateway.addRoute('POST /jobs', HttpIntegration.stepFunctionsStartExecution(machine, { executionName: GatewayValue.header('Idempotency-Key') }));

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationSubtype: 'StepFunctions-StartExecution',
      PayloadFormatVersion: '1.0',
      CredentialsArn: ROLE_ARN('StepFunctionsRole'),
      RequestParameters: { StateMachineArn: { Ref: Match.stringLikeRegexp('^Machine') }, Input: '$request.body', Name: '$request.header.Idempotency-Key' },
    });
    expectOnlyStatements(template, 'StepFunctionsRole', [{ Action: 'states:StartExecution', Effect: 'Allow', Resource: { Ref: Match.stringLikeRegexp('^Machine') } }]);
  });

  test('StartSyncExecution on an EXPRESS state machine: its own action, a body field as the input', () => {
    // GIVEN
    const { stack, gateway } = setup();
    const machine = stateMachine(stack, sfn.StateMachineType.EXPRESS);

    // WHEN
    gateway.addRoute('POST /quotes', HttpIntegration.stepFunctionsStartSyncExecution(machine, {
      input: GatewayValue.bodyField('quote'), timeout: Duration.seconds(20), successStatusCode: 201,
    }));

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationSubtype: 'StepFunctions-StartSyncExecution',
      RequestParameters: { StateMachineArn: { Ref: Match.stringLikeRegexp('^Machine') }, Input: '$request.body.quote' },
      TimeoutInMillis: 20000,
      ResponseParameters: { 200: { ResponseParameters: [{ Destination: 'overwrite:statuscode', Source: '201' }] } },
    });
    expectOnlyStatements(template, 'StepFunctionsRole', [{ Action: 'states:StartSyncExecution', Effect: 'Allow', Resource: { Ref: Match.stringLikeRegexp('^Machine') } }]);
  });

  test('an imported state machine, whose type is unknown, is not checked', () => {
    const { stack, gateway } = setup();
    const machine = sfn.StateMachine.fromStateMachineArn(stack, 'Imported', 'arn:aws:states:eu-west-1:123456789012:stateMachine:quotes');
    gateway.addRoute('POST /quotes', HttpIntegration.stepFunctionsStartSyncExecution(machine));
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      RequestParameters: { StateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:quotes', Input: '$request.body' },
    });
  });

  test.each([
    ['a STANDARD state machine run synchronously', 'stepFunctionsStartSyncExecution', {},
      'stateMachine = "STANDARD state machine" is invalid: a synchronous execution needs an EXPRESS state machine'],
    ['a literal input that is not JSON', 'stepFunctionsStartExecution', { input: GatewayValue.literal('hello') },
      'options.input = "literal \'hello\'" is invalid: Step Functions takes the execution input as JSON text'],
    ['an execution name with a space', 'stepFunctionsStartExecution', { executionName: GatewayValue.literal('a b') },
      'options.executionName = "literal \'a b\'" is invalid: an execution name is 1 to 80 characters'],
    ['an execution name of 81 characters', 'stepFunctionsStartExecution', { executionName: GatewayValue.literal('n'.repeat(81)) },
      'options.executionName = "literal \'n{81}\'" is invalid: an execution name is 1 to 80'],
  ] as const)('rejects %s', (_what, factory, options, message) => {
    const stack = newStack();
    const machine = stateMachine(stack, sfn.StateMachineType.STANDARD);
    expectGatewayError(() => HttpIntegration[factory](machine, options as HttpStepFunctionsExecutionOptions),
      new RegExp(`^HttpIntegration\\.${factory}: ${message}`));
  });
});

describe('eventBridgePutEvents', () => {
  test('a fixed source and detail type, the body as the detail, a role allowed only events:PutEvents on the bus', () => {
    // GIVEN
    const { stack, gateway } = setup();
    const bus = new events.EventBus(stack, 'Bus');

    // WHEN
    gateway.addRoute('POST /events', HttpIntegration.eventBridgePutEvents(bus, { source: 'com.example.orders', detailType: 'OrderPlaced' }));

    // THEN
    const template = Template.fromStack(stack);
    const busArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Bus'), 'Arn'] };
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationSubtype: 'EventBridge-PutEvents',
      CredentialsArn: ROLE_ARN('EventBridgeRole'),
      RequestParameters: { EventBusName: busArn, Source: 'com.example.orders', DetailType: 'OrderPlaced', Detail: '$request.body' },
    });
    expectOnlyStatements(template, 'EventBridgeRole', [{ Action: 'events:PutEvents', Effect: 'Allow', Resource: busArn }]);
  });

  test('a body field as the detail', () => {
    const { stack, gateway } = setup();
    gateway.addRoute('POST /events', HttpIntegration.eventBridgePutEvents(new events.EventBus(stack, 'Bus'), {
      source: 'com.example.orders', detailType: 'OrderPlaced', detail: GatewayValue.bodyField('order'),
    }));
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', { RequestParameters: Match.objectLike({ Detail: '$request.body.order' }) });
  });

  test.each([
    ['an aws. source', { source: 'aws.orders', detailType: 'X' }, 'options.source = "aws.orders" is invalid: the aws. prefix of an event source is reserved'],
    ['an empty source', { source: '', detailType: 'X' }, 'options.source = "" is invalid: an event source is 1 to 256 characters'],
    ['a source of 257 characters', { source: 's'.repeat(257), detailType: 'X' }, 'options.source = "s{257}" is invalid: an event source is 1 to 256 characters'],
    ['a source with a quote', { source: 'com."x"', detailType: 'X' },
      'options.source = .* is invalid: an event source may not contain \\$, #, ", \\\\ or control characters'],
    ['a detail type of 129 characters', { source: 'com.x', detailType: 'd'.repeat(129) }, 'options.detailType = .* is invalid: an event detail type is 1 to 128 characters'],
    ['a literal detail that is not an object', { source: 'com.x', detailType: 'X', detail: GatewayValue.literal('[1]') },
      'options.detail = "literal \'\\[1\\]\'" is invalid: EventBridge takes the event detail as a JSON object'],
  ])('rejects %s', (_what, options, message) => {
    const stack = newStack();
    expectGatewayError(() => HttpIntegration.eventBridgePutEvents(new events.EventBus(stack, 'Bus'), options as HttpEventBridgePutEventsOptions),
      new RegExp(`^HttpIntegration\\.eventBridgePutEvents: ${message}`));
  });
});

describe('kinesisPutRecord', () => {
  test('the partition key and the body, a role allowed only kinesis:PutRecord on the stream and the use of its key', () => {
    // GIVEN
    const { stack, gateway } = setup();
    const key = new kms.Key(stack, 'Key');
    const stream = new kinesis.Stream(stack, 'Stream', { encryption: kinesis.StreamEncryption.KMS, encryptionKey: key });

    // WHEN
    gateway.addRoute('PUT /devices/{deviceId}/readings', HttpIntegration.kinesisPutRecord(stream, { partitionKey: GatewayValue.pathParameter('deviceId') }));

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationSubtype: 'Kinesis-PutRecord',
      CredentialsArn: ROLE_ARN('KinesisRole'),
      RequestParameters: { StreamName: { Ref: Match.stringLikeRegexp('^Stream') }, PartitionKey: '$request.path.deviceId', Data: '$request.body' },
    });
    expectOnlyStatements(template, 'KinesisRole', [
      { Action: 'kinesis:PutRecord', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Stream'), 'Arn'] } },
      { Action: 'kms:GenerateDataKey', Effect: 'Allow', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } },
    ]);
  });

  test('rejects a literal partition key over 256 characters', () => {
    const stack = newStack();
    expectGatewayError(() => HttpIntegration.kinesisPutRecord(new kinesis.Stream(stack, 'Stream'), { partitionKey: GatewayValue.literal('k'.repeat(257)) }),
      /^HttpIntegration\.kinesisPutRecord: options\.partitionKey = .* is invalid: a partition key is 1 to 256 characters \(PutRecord\)$/);
  });
});

describe('service integrations from JavaScript', () => {
  test.each([
    ['a queue URL for the queue', () => HttpIntegration.sqsSendMessage(js('https://sqs.eu-west-1.amazonaws.com/123456789012/q')),
      /^HttpIntegration\.sqsSendMessage: queue = ".*" is invalid: expected an sqs\.IQueue, got a string$/],
    ['a Velocity expression for the message body', (s: Stack) => HttpIntegration.sqsSendMessage(new sqs.Queue(s, 'Q'), js({ messageBody: '$input.body' })),
      /^HttpIntegration\.sqsSendMessage: options\.messageBody = "\$input\.body" is invalid: expected a GatewayValue \(GatewayValue\.body\(\), .*\), got a string$/],
    ['a delay in seconds as a number', (s: Stack) => HttpIntegration.sqsSendMessage(new sqs.Queue(s, 'Q'), js({ delay: 30 })),
      /^HttpIntegration\.sqsSendMessage: options\.delay = 30 is invalid: expected a Duration/],
    ['a success status code as a string', (s: Stack) => HttpIntegration.sqsSendMessage(new sqs.Queue(s, 'Q'), js({ successStatusCode: '202' })),
      /^HttpIntegration\.sqsSendMessage: options\.successStatusCode = "202" is invalid: expected a number, got a string$/],
    ['no state machine', () => HttpIntegration.stepFunctionsStartExecution(js(undefined)),
      /^HttpIntegration\.stepFunctionsStartExecution: stateMachine = undefined is invalid: an sfn\.IStateMachine is required$/],
    ['the execution name as name', (s: Stack) => HttpIntegration.stepFunctionsStartSyncExecution(stateMachine(s, sfn.StateMachineType.EXPRESS), js({ name: 'x' })),
      /^HttpIntegration\.stepFunctionsStartSyncExecution: options\.name = "x" is invalid: renamed to executionName$/],
    ['no options for an event', (s: Stack) => HttpIntegration.eventBridgePutEvents(new events.EventBus(s, 'Bus'), js(undefined)),
      /^HttpIntegration\.eventBridgePutEvents: options = undefined is invalid: an HttpEventBridgePutEventsOptions object is required$/],
    ['a numeric event source', (s: Stack) => HttpIntegration.eventBridgePutEvents(new events.EventBus(s, 'Bus'), js({ source: 1, detailType: 'X' })),
      /^HttpIntegration\.eventBridgePutEvents: options\.source = 1 is invalid: expected a string, got a number$/],
    ['a GatewayValue as the detail type, which is fixed', (s: Stack) => HttpIntegration.eventBridgePutEvents(new events.EventBus(s, 'Bus'),
      js({ source: 'com.x', detailType: GatewayValue.bodyField('type') })),
    /^HttpIntegration\.eventBridgePutEvents: options\.detailType = .* is invalid: expected a string, got an object$/],
    ['no partition key', (s: Stack) => HttpIntegration.kinesisPutRecord(new kinesis.Stream(s, 'Stream'), js({})),
      /^HttpIntegration\.kinesisPutRecord: options\.partitionKey = undefined is invalid: a GatewayValue \(.*\) is required$/],
    ['a stream name for the stream', () => HttpIntegration.kinesisPutRecord(js('readings'), { partitionKey: GatewayValue.context('requestId') }),
      /^HttpIntegration\.kinesisPutRecord: stream = "readings" is invalid: expected a kinesis\.IStream, got a string$/],
  ])('rejects %s', (_what, make, message) => {
    const stack = newStack();
    expectGatewayError(() => make(stack), message);
  });

  test('options typed for another target are checked as JavaScript would pass them', () => {
    const stack = newStack();
    const options: HttpKinesisPutRecordOptions = js({ partitionKey: 'deviceId' });
    expectGatewayError(() => HttpIntegration.kinesisPutRecord(new kinesis.Stream(stack, 'Stream'), options),
      /^HttpIntegration\.kinesisPutRecord: options\.partitionKey = "deviceId" is invalid: expected a GatewayValue/);
  });
});
