/**
 * RestIntegration's AWS-service integrations (issue 16): the role (exact actions, resources and
 * customer-managed keys), the integration (URI, credentials, request template, integration and
 * method responses), the method's dependency on the role's policy, and a bad-input test per rule,
 * from TypeScript and from a JavaScript caller.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { CfnElement, Duration, Lazy, NestedStack, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { GatewayValidationError, GatewayValue, RestGateway, RestGatewayProps, RestIntegration } from '../../lib';
import { AwsService, ServiceRoles } from '../../lib/common/service-integrations';
import {
  attributeNameViolation, indexNameViolation, literalViolation, mappingTemplateSizeViolation, queryLimitViolation, s3KeyPrefixViolation,
} from '../../lib/rest/service-integrations';
import { newStack } from '../support/fixtures';
import { expectGatewayError, js } from '../support/js-callers';

// ---------------------------------------------------------------------------------------------
// Helpers

function setup(props: RestGatewayProps = {}) {
  const stack = newStack();
  const api = new RestGateway(stack, 'Api', props);
  return { stack, api };
}

function logicalId(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}

interface MethodResource {
  readonly Properties: {
    readonly HttpMethod: string;
    readonly Integration: {
      readonly Uri: unknown;
      readonly Credentials: unknown;
      readonly RequestTemplates?: { [type: string]: unknown };
      readonly RequestParameters?: { [name: string]: string };
      readonly IntegrationResponses: Array<{ StatusCode: string; SelectionPattern?: string; ResponseTemplates?: { [type: string]: string };
        ResponseParameters?: { [name: string]: string }; }>;
      readonly PassthroughBehavior: string;
      readonly TimeoutInMillis?: number;
    };
    readonly MethodResponses: Array<{ StatusCode: string; ResponseParameters?: { [name: string]: boolean } }>;
    readonly RequestParameters?: { [name: string]: boolean };
    readonly RequestValidatorId?: unknown;
  };
  readonly DependsOn?: string[];
}

/** The method of the one route of `stack` with this HTTP method. */
function methodOf(stack: Stack, httpMethod: string): MethodResource {
  const methods = Object.values(Template.fromStack(stack).findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: httpMethod } }));
  expect(methods).toHaveLength(1);
  return methods[0] as MethodResource;
}

/** A request template rendered as text, tokens as `<LogicalId>` or `<LogicalId.Attr>`. */
function rendered(template: unknown): string {
  if (typeof template === 'string') return template;
  const parts = (template as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  return parts.map(p => {
    if (typeof p === 'string') return p;
    const ref = p as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
    return ref.Ref !== undefined ? `<${ref.Ref}>` : `<${ref['Fn::GetAtt']![0]}.${ref['Fn::GetAtt']![1]}>`;
  }).join('');
}

function requestTemplate(stack: Stack, httpMethod: string): string {
  return rendered(methodOf(stack, httpMethod).Properties.Integration.RequestTemplates!['application/json']);
}

function role(api: RestGateway, service: AwsService) {
  return ServiceRoles.of(api).role(service);
}

function policyId(api: RestGateway, service: AwsService): string {
  return logicalId(role(api, service).node.findChild('DefaultPolicy'));
}

/** Asserts the statements of a service role's policy, exactly. */
function expectStatements(stack: Stack, api: RestGateway, service: AwsService, statements: object[]): void {
  const policy = Template.fromStack(stack).findResources('AWS::IAM::Policy')[policyId(api, service)] as {
    Properties: { PolicyDocument: { Statement: object[] }; Roles: object[] };
  };
  expect(policy.Properties.PolicyDocument.Statement).toEqual(statements.map(s => ({ Effect: 'Allow', ...s })));
  expect(policy.Properties.Roles).toEqual([{ Ref: logicalId(role(api, service)) }]);
}

function arnOf(construct: IConstruct) {
  return { 'Fn::GetAtt': [logicalId(construct), 'Arn'] };
}

function uri(service: string, rest: string | unknown[]) {
  return {
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:apigateway:eu-west-1:${service}:`, ...typeof rest === 'string' ? [rest] : rest]
      .reduce<unknown[]>((parts, p) => {
        const last = parts[parts.length - 1];
        if (typeof p === 'string' && typeof last === 'string') parts[parts.length - 1] = last + p;
        else parts.push(p);
        return parts;
      }, [])],
  };
}

const UNQUOTE = String.raw`.replaceAll("\\'","'")`;
const esc = (expr: string) => `$!util.escapeJavaScript(${expr})${UNQUOTE}`;
const PATH = (name: string) => `$input.params().path.get('${name}')`;

const GENERIC_ERRORS = [
  { SelectionPattern: '403', StatusCode: '500', ResponseTemplates: { 'application/json': '{"message":"Internal server error"}' } },
  { SelectionPattern: '4(0[0-24-9]|[1-9]\\d)', StatusCode: '400', ResponseTemplates: { 'application/json': Match.stringLikeRegexp('responseOverride.status = 429') } },
  { SelectionPattern: '5\\d{2}', StatusCode: '500', ResponseTemplates: { 'application/json': '{"message":"Internal server error"}' } },
];

const statuses = (m: MethodResource) => m.Properties.MethodResponses.map(r => r.StatusCode);

function expectErrorMapping(m: MethodResource): void {
  const responses = m.Properties.Integration.IntegrationResponses;
  expect(responses.slice(1)).toEqual(GENERIC_ERRORS.map(r => expect.objectContaining({
    ...r, ResponseTemplates: r.ResponseTemplates['application/json'] instanceof Object
      ? { 'application/json': expect.stringContaining('#set($context.responseOverride.status = 429)') } : r.ResponseTemplates,
  })));
  // A service's own error message never reaches the client.
  for (const r of responses.slice(1)) {
    expect(r.ResponseTemplates!['application/json']).not.toMatch(/message'\)|\$\.message|Message'\)/);
  }
  // Every status a response can answer is declared.
  for (const status of ['400', '429', '500']) expect(statuses(m)).toContain(status);
}

function encryptedQueue(stack: Stack, fifo = false) {
  const key = new kms.Key(stack, 'QueueKey');
  return { key, queue: new sqs.Queue(stack, 'Queue', { fifo: fifo || undefined, encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key }) };
}

function expressMachine(stack: Stack, type = sfn.StateMachineType.EXPRESS) {
  return new sfn.StateMachine(stack, 'Machine', {
    definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Done')),
    stateMachineType: type,
  });
}

// ---------------------------------------------------------------------------------------------
// SQS

describe('sqsSendMessage', () => {
  test('a standard queue: SendMessage of the body with the caller attributes; the role may only send to the queue', () => {
    // GIVEN
    const { stack, api } = setup();
    const queue = new sqs.Queue(stack, 'Queue');
    // WHEN
    api.addRoute('POST /orders', RestIntegration.sqsSendMessage(queue));
    // THEN
    const m = methodOf(stack, 'POST');
    const integration = m.Properties.Integration;
    expect(integration.Uri).toEqual(uri('sqs', ['path/123456789012/', { 'Fn::GetAtt': [logicalId(queue), 'QueueName'] }]));
    expect(integration.Credentials).toEqual(arnOf(role(api, 'sqs')));
    expect(integration.PassthroughBehavior).toBe('NEVER');
    expect(integration.RequestParameters).toEqual({ 'integration.request.header.Content-Type': '\'application/x-www-form-urlencoded\'' });
    expect(requestTemplate(stack, 'POST')).toBe('Action=SendMessage&MessageBody=$util.urlEncode($input.body)'
      + '&MessageAttribute.1.Name=requestId&MessageAttribute.1.Value.DataType=String&MessageAttribute.1.Value.StringValue=$util.urlEncode($context.requestId)'
      + '&MessageAttribute.2.Name=sourceIp&MessageAttribute.2.Value.DataType=String&MessageAttribute.2.Value.StringValue=$util.urlEncode($context.identity.sourceIp)'
      + '#set($caller = "$!context.identity.userArn")#if($caller == "")#set($caller = "$!context.authorizer.principalId")#end'
      + '#if($caller == "")#set($caller = "$!context.authorizer.claims.sub")#end'
      + '#if($caller != "")&MessageAttribute.3.Name=caller&MessageAttribute.3.Value.DataType=String&MessageAttribute.3.Value.StringValue=$util.urlEncode($caller)#end');
    expect(integration.IntegrationResponses[0]).toEqual({
      StatusCode: '200', ResponseTemplates: { 'application/json': '{"messageId":$input.json(\'$.SendMessageResponse.SendMessageResult.MessageId\')}' },
    });
    expectErrorMapping(m);
    expect(statuses(m)).toEqual(['200', '400', '409', '429', '500']);
    expectStatements(stack, api, 'sqs', [{ Action: 'sqs:SendMessage', Resource: arnOf(queue) }]);
    expect(m.DependsOn).toContain(policyId(api, 'sqs'));
  });

  test('a FIFO queue with a customer-managed key: group from the path, deduplication by request id, and the key\'s use', () => {
    const { stack, api } = setup();
    const { key, queue } = encryptedQueue(stack, true);
    api.addRoute('POST /tenants/{tenant}/orders', RestIntegration.sqsSendMessage(queue, {
      messageGroupId: GatewayValue.pathParameter('tenant'), messageBody: GatewayValue.bodyField('order'), callerAttributes: false,
    }));
    expect(requestTemplate(stack, 'POST')).toBe('Action=SendMessage&MessageBody=$util.urlEncode($input.json(\'$.order\'))'
      + `&MessageGroupId=$util.urlEncode(${PATH('tenant')})&MessageDeduplicationId=$util.urlEncode($context.requestId)`);
    expectStatements(stack, api, 'sqs', [
      { Action: 'sqs:SendMessage', Resource: arnOf(queue) },
      { Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: arnOf(key) },
    ]);
  });

  test('a FIFO deduplication id, a literal group and a delay on a standard queue', () => {
    const { stack, api } = setup();
    const fifo = new sqs.Queue(stack, 'Fifo', { fifo: true, contentBasedDeduplication: true });
    const standard = new sqs.Queue(stack, 'Standard');
    api.addRoute('POST /fifo', RestIntegration.sqsSendMessage(fifo, {
      messageGroupId: GatewayValue.literal('all:orders'), messageDeduplicationId: GatewayValue.header('Idempotency-Key'), callerAttributes: false,
    }));
    api.addRoute('PUT /later', RestIntegration.sqsSendMessage(standard, { delay: Duration.minutes(2), callerAttributes: false }));
    expect(requestTemplate(stack, 'POST')).toBe('Action=SendMessage&MessageBody=$util.urlEncode($input.body)&MessageGroupId=all%3Aorders'
      + '&MessageDeduplicationId=$util.urlEncode($input.params().header.get(\'Idempotency-Key\'))');
    expect(requestTemplate(stack, 'PUT')).toBe('Action=SendMessage&MessageBody=$util.urlEncode($input.body)&DelaySeconds=120');
    // One role for both queues, a statement per queue.
    expectStatements(stack, api, 'sqs', [
      { Action: 'sqs:SendMessage', Resource: arnOf(fifo) },
      { Action: 'sqs:SendMessage', Resource: arnOf(standard) },
    ]);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 1);
  });

  test('a message group on a standard queue names the tenant for fair queues', () => {
    const { stack, api } = setup();
    const standard = new sqs.Queue(stack, 'Standard');
    api.addRoute('POST /tenants/{tenant}/jobs', RestIntegration.sqsSendMessage(standard, {
      messageGroupId: GatewayValue.pathParameter('tenant'), callerAttributes: false,
    }));
    expect(requestTemplate(stack, 'POST')).toBe('Action=SendMessage&MessageBody=$util.urlEncode($input.body)'
      + '&MessageGroupId=$util.urlEncode($input.params().path.get(\'tenant\'))');
  });

  test('a deploy-time delay is rendered as a token when given in seconds; in minutes it cannot be converted', () => {
    const { stack, api } = setup();
    const queue = new sqs.Queue(stack, 'Queue');
    const delay = Lazy.number({ produce: () => 30 });
    api.addRoute('POST /later', RestIntegration.sqsSendMessage(queue, { delay: Duration.seconds(delay), callerAttributes: false }));
    expect(requestTemplate(stack, 'POST')).toBe('Action=SendMessage&MessageBody=$util.urlEncode($input.body)&DelaySeconds=30');
    expectGatewayError(() => RestIntegration.sqsSendMessage(queue, { delay: Duration.minutes(delay) }),
      /^RestIntegration\.sqsSendMessage: options\.delay = .* is invalid: a Duration whose amount is a token must be given with Duration\.seconds\(\)/);
  });

  test('an imported queue is addressed by the account and name of its ARN', () => {
    const { stack, api } = setup();
    const queue = sqs.Queue.fromQueueArn(stack, 'Imported', 'arn:aws:sqs:eu-west-1:210987654321:shared-orders');
    api.addRoute('POST /shared', RestIntegration.sqsSendMessage(queue));
    expect(methodOf(stack, 'POST').Properties.Integration.Uri).toEqual(uri('sqs', 'path/210987654321/shared-orders'));
    expectStatements(stack, api, 'sqs', [{ Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:210987654321:shared-orders' }]);
  });

  test.each([
    ['a FIFO queue without a message group', true, {}, /^RestIntegration\.sqsSendMessage: options\.messageGroupId = undefined is invalid: a FIFO queue needs a messageGroupId/],
    ['a deduplication id on a standard queue', false, { messageDeduplicationId: GatewayValue.context('requestId') },
      /options\.messageDeduplicationId = "context 'requestId'" is invalid: messageDeduplicationId applies to FIFO queues only/],
    ['a delay on a FIFO queue', true, { messageGroupId: GatewayValue.literal('g'), delay: Duration.seconds(5) },
      /options\.delay = "Duration\.seconds\(5\)" is invalid: a FIFO queue takes no per-message delay/],
    ['a delay over 15 minutes', false, { delay: Duration.seconds(901) }, /options\.delay = "Duration\.seconds\(901\)" is invalid: a message delay is a whole number of seconds from 0 to 900/],
    ['a delay of a fraction of a second', false, { delay: Duration.millis(1500) }, /options\.delay = "Duration\.millis\(1500\)" is invalid: a message delay is a whole number of seconds/],
    ['a literal group id over 128 characters', true, { messageGroupId: GatewayValue.literal('g'.repeat(129)) },
      /options\.messageGroupId = "literal 'g{129}'" is invalid: a message group id is 1 to 128 letters, digits and punctuation/],
    ['a literal group id with a space', true, { messageGroupId: GatewayValue.literal('all orders') },
      /options\.messageGroupId = "literal 'all orders'" is invalid: a message group id is 1 to 128 letters, digits and punctuation \(SendMessage\), without spaces/],
    ['an empty request template', false, { requestTemplate: ' ' }, /options\.requestTemplate = " " is invalid: a request template is not empty/],
    ['a request template over 300 KB', false, { requestTemplate: 'x'.repeat(300 * 1024 + 1) },
      /options\.requestTemplate = "x{80}\.\.\." is invalid: a mapping template is at most 300 KB \(307200 bytes; API Gateway quota "Maximum mapping template size", not adjustable\); this one is 307201 bytes/],
  ])('rejects %s', (_, fifo, options, message) => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Queue', { fifo: fifo || undefined });
    expectGatewayError(() => RestIntegration.sqsSendMessage(queue, options), message);
  });

  test('rejects a path parameter the route does not declare, naming the route\'s construct', () => {
    const { stack, api } = setup();
    const queue = new sqs.Queue(stack, 'Queue', { fifo: true });
    expectGatewayError(() => api.addRoute('POST /orders/{id}', RestIntegration.sqsSendMessage(queue, { messageGroupId: GatewayValue.pathParameter('tenant') })),
      /^Stack\/Api\/Routes\/POST \|orders\|\{id\}: route 'POST \/orders\/\{id\}' messageGroupId = "pathParameter 'tenant'" is invalid: the route has no path parameter \{tenant\} \(it has \{id\}\)/);
  });

  test.each([
    ['without a queue', () => RestIntegration.sqsSendMessage(js(undefined)), /^RestIntegration\.sqsSendMessage: queue = undefined is invalid: an sqs\.IQueue is required$/],
    ['with a queue URL', () => RestIntegration.sqsSendMessage(js('https://sqs.eu-west-1.amazonaws.com/123456789012/orders')),
      /queue = "https:.*" is invalid: expected an sqs\.IQueue, got a string$/],
    ['with a group id given as a string', () => RestIntegration.sqsSendMessage(new sqs.Queue(newStack(), 'Q', { fifo: true }), js({ messageGroupId: 'tenant' })),
      /options\.messageGroupId = "tenant" is invalid: expected a GatewayValue \(GatewayValue\.body\(\), /],
    ['with a delay in seconds', () => RestIntegration.sqsSendMessage(new sqs.Queue(newStack(), 'Q'), js({ delay: 5 })),
      /options\.delay = 5 is invalid: expected a Duration such as Duration\.seconds\(30\), got a number$/],
    ['with callerAttributes as a string', () => RestIntegration.sqsSendMessage(new sqs.Queue(newStack(), 'Q'), js({ callerAttributes: 'no' })),
      /options\.callerAttributes = "no" is invalid: expected a boolean/],
  ])('from JavaScript, rejects a call %s', (_, call, message) => {
    expectGatewayError(call, message);
  });
});

// ---------------------------------------------------------------------------------------------
// Step Functions

describe('stepFunctionsStartExecution', () => {
  test('StartExecution with the body as input; answers the execution ARN and start date', () => {
    const { stack, api } = setup();
    const machine = expressMachine(stack, sfn.StateMachineType.STANDARD);
    api.addRoute('POST /orders', RestIntegration.stepFunctionsStartExecution(machine));
    const m = methodOf(stack, 'POST');
    expect(m.Properties.Integration.Uri).toEqual(uri('states', 'action/StartExecution'));
    expect(m.Properties.Integration.Credentials).toEqual(arnOf(role(api, 'states')));
    expect(requestTemplate(stack, 'POST')).toBe(`{"stateMachineArn":"<${logicalId(machine)}>","input":"${esc('$input.json(\'$\')')}"}`);
    expect(m.Properties.Integration.IntegrationResponses[0]).toEqual({
      StatusCode: '200', ResponseTemplates: { 'application/json': '{"executionArn":$input.json(\'$.executionArn\'),"startDate":$input.json(\'$.startDate\')}' },
    });
    expectErrorMapping(m);
    expectStatements(stack, api, 'states', [{ Action: 'states:StartExecution', Resource: { Ref: logicalId(machine) } }]);
    expect(m.DependsOn).toContain(policyId(api, 'states'));
  });

  test('a body field as input (JSON), a path parameter as input (a JSON string) and a named execution', () => {
    const { stack, api } = setup();
    const machine = sfn.StateMachine.fromStateMachineArn(stack, 'Imported', 'arn:aws:states:eu-west-1:123456789012:stateMachine:orders');
    api.addRoute('POST /orders', RestIntegration.stepFunctionsStartExecution(machine, {
      input: GatewayValue.bodyField('order'), executionName: GatewayValue.header('Idempotency-Key'),
    }));
    api.addRoute('PUT /orders/{id}', RestIntegration.stepFunctionsStartExecution(machine, { input: GatewayValue.pathParameter('id') }));
    expect(requestTemplate(stack, 'POST')).toBe('{"stateMachineArn":"arn:aws:states:eu-west-1:123456789012:stateMachine:orders",'
      + `"input":"${esc('$input.json(\'$.order\')')}","name":"${esc('$input.params().header.get(\'Idempotency-Key\')')}"}`);
    expect(requestTemplate(stack, 'PUT')).toBe('{"stateMachineArn":"arn:aws:states:eu-west-1:123456789012:stateMachine:orders",'
      + `"input":"\\"${esc(`$util.escapeJavaScript(${PATH('id')})${UNQUOTE}`)}\\""}`);
  });

  test('a request template replaces the request mapping only', () => {
    const { stack, api } = setup();
    const machine = expressMachine(stack, sfn.StateMachineType.STANDARD);
    api.addRoute('POST /orders', RestIntegration.stepFunctionsStartExecution(machine, {
      requestTemplate: Lazy.string({ produce: () => `{"stateMachineArn":"${machine.stateMachineArn}","input":"{}"}` }),
    }));
    expect(requestTemplate(stack, 'POST')).toBe(`{"stateMachineArn":"<${logicalId(machine)}>","input":"{}"}`);
    expect(methodOf(stack, 'POST').Properties.Integration.IntegrationResponses[0].ResponseTemplates!['application/json']).toMatch(/executionArn/);
  });

  test('a literal input is the JSON it must be', () => {
    const { stack, api } = setup();
    const machine = expressMachine(stack, sfn.StateMachineType.STANDARD);
    api.addRoute('POST /nightly', RestIntegration.stepFunctionsStartExecution(machine, { input: GatewayValue.literal('{}') }));
    expect(requestTemplate(stack, 'POST')).toBe(`{"stateMachineArn":"<${logicalId(machine)}>","input":"{}"}`);
  });

  test.each([
    ['a literal execution name over 80 characters', { executionName: GatewayValue.literal('n'.repeat(81)) },
      /^RestIntegration\.stepFunctionsStartExecution: options\.executionName = "literal 'n{81}'" is invalid: an execution name is 1 to 80 characters/],
    ['a literal input that is not JSON', { input: GatewayValue.literal('hello') },
      /^RestIntegration\.stepFunctionsStartExecution: options\.input = "literal 'hello'" is invalid: Step Functions takes the execution input as JSON text/],
  ])('rejects %s', (_, options, message) => {
    expectGatewayError(() => RestIntegration.stepFunctionsStartExecution(expressMachine(newStack()), options), message);
  });

  test.each([
    ['with a state machine ARN', () => RestIntegration.stepFunctionsStartExecution(js('arn:aws:states:eu-west-1:123456789012:stateMachine:orders')),
      /stateMachine = "arn:.*" is invalid: expected an sfn\.IStateMachine, got a string$/],
    ['with the input as a JSON string', () => RestIntegration.stepFunctionsStartExecution(expressMachine(newStack()), js({ input: '{}' })),
      /options\.input = "\{\}" is invalid: expected a GatewayValue/],
  ])('from JavaScript, rejects a call %s', (_, call, message) => {
    expectGatewayError(call, message);
  });
});

describe('stepFunctionsStartSyncExecution', () => {
  test('StartSyncExecution of an EXPRESS machine: the output on success, 500 on FAILED, 504 on TIMED_OUT', () => {
    const { stack, api } = setup();
    const machine = expressMachine(stack);
    api.addRoute('POST /quotes', RestIntegration.stepFunctionsStartSyncExecution(machine, { timeout: Duration.seconds(10) }));
    const m = methodOf(stack, 'POST');
    // API Gateway sends the action to the sync-states endpoint (the API model's host prefix).
    expect(m.Properties.Integration.Uri).toEqual(uri('states', 'action/StartSyncExecution'));
    expect(m.Properties.Integration.TimeoutInMillis).toBe(10000);
    expect(requestTemplate(stack, 'POST')).toBe(`{"stateMachineArn":"<${logicalId(machine)}>","input":"${esc('$input.json(\'$\')')}"}`);
    const ok = m.Properties.Integration.IntegrationResponses[0];
    expect(ok.StatusCode).toBe('200');
    expect(ok.ResponseTemplates!['application/json']).toBe([
      '#set($result = $input.path(\'$\'))',
      '#set($status = "$!result.get(\'status\')")',
      '#if($status == "SUCCEEDED")',
      '#set($output = "$!result.get(\'output\')")',
      '{"status":"SUCCEEDED","executionArn":$input.json(\'$.executionArn\'),"output":#if($output == "")null#{else}$output#end}',
      '#elseif($status == "TIMED_OUT")',
      '#set($context.responseOverride.status = 504)',
      '{"status":"TIMED_OUT","executionArn":$input.json(\'$.executionArn\'),"message":"The execution timed out"}',
      '#else',
      '#set($context.responseOverride.status = 500)',
      '{"status":"FAILED","executionArn":$input.json(\'$.executionArn\'),"message":"The execution failed"}',
      '#end',
    ].join('\n'));
    // The execution's error and cause never reach the client.
    expect(ok.ResponseTemplates!['application/json']).not.toMatch(/cause|'error'/);
    expectErrorMapping(m);
    expect(statuses(m)).toEqual(['200', '400', '409', '429', '500', '504']);
    expectStatements(stack, api, 'states', [{ Action: 'states:StartSyncExecution', Resource: { Ref: logicalId(machine) } }]);
  });

  test('rejects a STANDARD state machine; accepts an imported one (its type is unknown)', () => {
    const stack = newStack();
    const standard = expressMachine(stack, sfn.StateMachineType.STANDARD);
    expectGatewayError(() => RestIntegration.stepFunctionsStartSyncExecution(standard),
      /^RestIntegration\.stepFunctionsStartSyncExecution: stateMachine = "STANDARD state machine" is invalid: a synchronous execution needs an EXPRESS state machine .* this one is STANDARD$/);
    const imported = sfn.StateMachine.fromStateMachineName(stack, 'Imported', 'quotes');
    expect(() => RestIntegration.stepFunctionsStartSyncExecution(imported)).not.toThrow();
  });

  test('from JavaScript, rejects a name given as a string', () => {
    expectGatewayError(() => RestIntegration.stepFunctionsStartSyncExecution(expressMachine(newStack()), js({ executionName: 'run-1' })),
      /^RestIntegration\.stepFunctionsStartSyncExecution: options\.executionName = "run-1" is invalid: expected a GatewayValue/);
  });
});

// ---------------------------------------------------------------------------------------------
// EventBridge

describe('eventBridgePutEvents', () => {
  test('PutEvents of the body with the route\'s source and detail type; answers the event id', () => {
    const { stack, api } = setup();
    const bus = new events.EventBus(stack, 'Bus');
    api.addRoute('POST /orders', RestIntegration.eventBridgePutEvents(bus, { source: 'com.example.orders', detailType: 'Order Placed' }));
    const m = methodOf(stack, 'POST');
    expect(m.Properties.Integration.Uri).toEqual(uri('events', 'action/PutEvents'));
    expect(m.Properties.Integration.RequestParameters).toEqual({
      'integration.request.header.X-Amz-Target': '\'AWSEvents.PutEvents\'',
      'integration.request.header.Content-Type': '\'application/x-amz-json-1.1\'',
    });
    expect(requestTemplate(stack, 'POST')).toBe(`{"Entries":[{"EventBusName":"<${logicalId(bus)}.Arn>","Source":"com.example.orders",`
      + `"DetailType":"Order Placed","Detail":"${esc('$input.json(\'$\')')}"}]}`);
    const ok = m.Properties.Integration.IntegrationResponses[0].ResponseTemplates!['application/json'];
    expect(ok).toContain('{"eventId":$input.json(\'$.Entries[0].EventId\')}');
    // A failed entry (PutEvents answers 200) is mapped by its error code.
    expect(ok).toContain('#if($failed != "" && $failed != "0")');
    expect(ok).toContain('#set($context.responseOverride.status = 429)');
    expect(ok).not.toMatch(/ErrorMessage/);
    expectErrorMapping(m);
    expectStatements(stack, api, 'events', [{ Action: 'events:PutEvents', Resource: arnOf(bus) }]);
    expect(m.DependsOn).toContain(policyId(api, 'events'));
  });

  test('a body field as detail', () => {
    const { stack, api } = setup();
    const bus = events.EventBus.fromEventBusName(stack, 'Default', 'default');
    api.addRoute('POST /orders', RestIntegration.eventBridgePutEvents(bus, { source: 'orders/api', detailType: 'Placed', detail: GatewayValue.bodyField('order') }));
    expect(requestTemplate(stack, 'POST')).toContain(`"Detail":"${esc('$input.json(\'$.order\')')}"`);
  });

  test('a literal JSON object as detail', () => {
    const { stack, api } = setup();
    const bus = events.EventBus.fromEventBusName(stack, 'Default', 'default');
    api.addRoute('POST /ping', RestIntegration.eventBridgePutEvents(bus, { source: 'orders/api', detailType: 'Ping', detail: GatewayValue.literal('{}') }));
    expect(requestTemplate(stack, 'POST')).toContain('"Detail":"{}"');
  });

  test.each([
    ['a source of AWS services', { source: 'aws.orders', detailType: 'Placed' }, /options\.source = "aws\.orders" is invalid: the aws\. prefix of an event source is reserved for AWS services/],
    ['a source with a $', { source: 'orders$', detailType: 'Placed' }, /options\.source = "orders\$" is invalid: an event source may not contain \$, #, "/],
    ['a source over 256 characters', { source: 's'.repeat(257), detailType: 'Placed' }, /options\.source = "s{257}" is invalid: an event source is 1 to 256 characters/],
    ['a token source', { source: Lazy.string({ produce: () => 'x' }), detailType: 'Placed' },
      /options\.source = <token> is invalid: a mapping is fixed at synth time; it cannot hold a deploy-time token/],
    ['a detail type over 128 characters', { source: 'orders', detailType: 'd'.repeat(129) }, /options\.detailType = "d{129}" is invalid: an event detail type is 1 to 128 characters/],
    ['a detail type with a quote', { source: 'orders', detailType: 'Order "Placed"' }, /options\.detailType = .* is invalid: an event detail type may not contain \$, #, "/],
    ['a token detail type', { source: 'orders', detailType: Lazy.string({ produce: () => 'x' }) }, /options\.detailType = <token> is invalid: a mapping is fixed at synth time/],
    ['a detail that is not a JSON object', { source: 'orders', detailType: 'Placed', detail: GatewayValue.pathParameter('id') },
      /options\.detail = "pathParameter 'id'" is invalid: an event's detail is a JSON object: GatewayValue\.body\(\), GatewayValue\.bodyField\(path\) or a literal JSON object/],
    ['a literal detail that is not a JSON object', { source: 'orders', detailType: 'Placed', detail: GatewayValue.literal('[]') },
      /options\.detail = "literal '\[\]'" is invalid: EventBridge takes the event detail as a JSON object/],
  ])('rejects %s', (_, options, message) => {
    const bus = new events.EventBus(newStack(), 'Bus');
    expectGatewayError(() => RestIntegration.eventBridgePutEvents(bus, options), new RegExp(`^RestIntegration\\.eventBridgePutEvents: ${message.source}`));
  });

  test.each([
    ['without options', () => RestIntegration.eventBridgePutEvents(new events.EventBus(newStack(), 'Bus'), js(undefined)),
      /options = undefined is invalid: a RestEventBridgePutEventsOptions object is required$/],
    ['without a source', () => RestIntegration.eventBridgePutEvents(new events.EventBus(newStack(), 'Bus'), js({ detailType: 'Placed' })),
      /options\.source = undefined is invalid: a string is required$/],
    ['with a numeric detail type', () => RestIntegration.eventBridgePutEvents(new events.EventBus(newStack(), 'Bus'), js({ source: 'orders', detailType: 7 })),
      /options\.detailType = 7 is invalid: expected a string, got a number$/],
    ['with a bus name', () => RestIntegration.eventBridgePutEvents(js('default'), { source: 'orders', detailType: 'Placed' }),
      /bus = "default" is invalid: expected an events\.IEventBus, got a string$/],
  ])('from JavaScript, rejects a call %s', (_, call, message) => {
    expectGatewayError(call, message);
  });
});

// ---------------------------------------------------------------------------------------------
// Kinesis

describe('kinesisPutRecord', () => {
  test('PutRecord of the base64 body by stream ARN; the role may only put to the stream and use its key', () => {
    const { stack, api } = setup();
    const key = new kms.Key(stack, 'StreamKey');
    const stream = new kinesis.Stream(stack, 'Stream', { encryption: kinesis.StreamEncryption.KMS, encryptionKey: key });
    api.addRoute('POST /devices/{deviceId}/readings', RestIntegration.kinesisPutRecord(stream, { partitionKey: GatewayValue.pathParameter('deviceId') }));
    const m = methodOf(stack, 'POST');
    expect(m.Properties.Integration.Uri).toEqual(uri('kinesis', 'action/PutRecord'));
    expect(m.Properties.Integration.RequestParameters).toEqual({ 'integration.request.header.Content-Type': '\'application/x-amz-json-1.1\'' });
    expect(requestTemplate(stack, 'POST')).toBe(`{"StreamARN":"<${logicalId(stream)}.Arn>","PartitionKey":"${esc(PATH('deviceId'))}",`
      + '"Data":"$util.base64Encode($input.body)"}');
    expect(m.Properties.Integration.IntegrationResponses[0].ResponseTemplates).toEqual({
      'application/json': '{"sequenceNumber":$input.json(\'$.SequenceNumber\'),"shardId":$input.json(\'$.ShardId\')}',
    });
    expectErrorMapping(m);
    expectStatements(stack, api, 'kinesis', [
      { Action: 'kinesis:PutRecord', Resource: arnOf(stream) },
      { Action: 'kms:GenerateDataKey', Resource: arnOf(key) },
    ]);
    expect(m.DependsOn).toContain(policyId(api, 'kinesis'));
  });

  test('a literal data is encoded at synth time; a body field is sent as its JSON', () => {
    const { stack, api } = setup();
    const stream = new kinesis.Stream(stack, 'Stream');
    api.addRoute('POST /ping', RestIntegration.kinesisPutRecord(stream, { partitionKey: GatewayValue.context('requestId'), data: GatewayValue.literal('ping') }));
    api.addRoute('PUT /reading', RestIntegration.kinesisPutRecord(stream, { partitionKey: GatewayValue.bodyField('device'), data: GatewayValue.bodyField('reading') }));
    expect(requestTemplate(stack, 'POST')).toContain(`"PartitionKey":"${esc('$context.requestId')}","Data":"cGluZw=="`);
    expect(requestTemplate(stack, 'PUT')).toContain(`"PartitionKey":"${esc('$input.path(\'$.device\')')}","Data":"$util.base64Encode($input.json('$.reading'))"`);
  });

  test.each([
    ['a literal partition key over 256 characters', { partitionKey: GatewayValue.literal('k'.repeat(257)) },
      /options\.partitionKey = "literal 'k{257}'" is invalid: a partition key is 1 to 256 characters \(PutRecord\)/],
    ['the whole body as partition key', { partitionKey: GatewayValue.body() }, /options\.partitionKey = "body" is invalid: a partition key is a single value/],
  ])('rejects %s', (_, options, message) => {
    expectGatewayError(() => RestIntegration.kinesisPutRecord(new kinesis.Stream(newStack(), 'S'), options),
      new RegExp(`^RestIntegration\\.kinesisPutRecord: ${message.source}`));
  });

  test('from JavaScript, rejects a call without a partition key', () => {
    expectGatewayError(() => RestIntegration.kinesisPutRecord(new kinesis.Stream(newStack(), 'S'), js({})),
      /^RestIntegration\.kinesisPutRecord: options\.partitionKey = undefined is invalid: a GatewayValue .* is required$/);
  });
});

// ---------------------------------------------------------------------------------------------
// DynamoDB

function ordersTable(stack: Stack, props: Partial<dynamodb.TableProps> = {}) {
  const table = new dynamodb.Table(stack, 'Orders', {
    partitionKey: { name: 'customerId', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'orderNo', type: dynamodb.AttributeType.NUMBER },
    ...props,
  });
  table.addGlobalSecondaryIndex({ indexName: 'byStatus', partitionKey: { name: 'status', type: dynamodb.AttributeType.STRING } });
  return table;
}

describe('dynamoDbGetItem', () => {
  test('GetItem of the key from the path, typed by the key schema; the item as plain JSON, 404 when none', () => {
    const { stack, api } = setup();
    const table = ordersTable(stack);
    api.addRoute('GET /customers/{customerId}/orders/{orderNo}', RestIntegration.dynamoDbGetItem(table, {
      key: { customerId: GatewayValue.pathParameter('customerId'), orderNo: GatewayValue.pathParameter('orderNo') }, consistentRead: true,
    }));
    const m = methodOf(stack, 'GET');
    expect(m.Properties.Integration.Uri).toEqual(uri('dynamodb', 'action/GetItem'));
    expect(m.Properties.Integration.Credentials).toEqual(arnOf(role(api, 'dynamodb')));
    expect(requestTemplate(stack, 'GET')).toBe(`{"TableName":"<${logicalId(table)}>","Key":{"customerId":{"S":"${esc(PATH('customerId'))}"},`
      + `"orderNo":{"N":"${esc(PATH('orderNo'))}"}},"ConsistentRead":true}`);
    const ok = m.Properties.Integration.IntegrationResponses[0].ResponseTemplates!['application/json'];
    expect(ok).toContain('#if("$!result" == "" || !$result.containsKey(\'Item\'))\n#set($context.responseOverride.status = 404)\n{"message":"Not found"}');
    expect(ok).toContain(`#if($attr.containsKey('S'))"${esc('$attr.get(\'S\')')}"#elseif($attr.containsKey('N'))$attr.get('N')`);
    expectErrorMapping(m);
    expect(statuses(m)).toEqual(['200', '400', '404', '409', '429', '500']);
    expectStatements(stack, api, 'dynamodb', [{ Action: 'dynamodb:GetItem', Resource: arnOf(table) }]);
    expect(m.DependsOn).toContain(policyId(api, 'dynamodb'));
  });

  test('a table with a customer-managed key: the role may decrypt with it', () => {
    const { stack, api } = setup();
    const key = new kms.Key(stack, 'TableKey');
    const table = ordersTable(stack, { encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: key });
    api.addRoute('GET /orders/{c}/{n}', RestIntegration.dynamoDbGetItem(table, {
      key: { customerId: GatewayValue.pathParameter('c'), orderNo: GatewayValue.pathParameter('n') },
    }));
    expectStatements(stack, api, 'dynamodb', [
      { Action: 'dynamodb:GetItem', Resource: arnOf(table) },
      { Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: arnOf(key) },
    ]);
  });

  test('an imported table: any key, each sent as a string', () => {
    const { stack, api } = setup();
    const table = dynamodb.Table.fromTableName(stack, 'Imported', 'legacy-orders');
    api.addRoute('GET /orders/{id}', RestIntegration.dynamoDbGetItem(table, { key: { pk: GatewayValue.pathParameter('id') } }));
    expect(requestTemplate(stack, 'GET')).toBe(`{"TableName":"legacy-orders","Key":{"pk":{"S":"${esc(PATH('id'))}"}},"ConsistentRead":false}`);
  });

  test.each([
    ['a key that is not the table\'s', { key: { id: GatewayValue.pathParameter('id') } },
      /^RestIntegration\.dynamoDbGetItem: options\.key = \["id"\] is invalid: the key of Stack\/Orders is customerId and orderNo: give exactly these attributes$/],
    ['a key missing the sort key', { key: { customerId: GatewayValue.pathParameter('id') } }, /the key of Stack\/Orders is customerId and orderNo/],
    ['an attribute name with a space', { key: { 'customer id': GatewayValue.pathParameter('id') } },
      /options\.key\.customer id = "customer id" is invalid: an attribute name here is 1 to 255 letters, digits/],
    ['the whole body as a key value', { key: { customerId: GatewayValue.body(), orderNo: GatewayValue.literal('1') } },
      /options\.key\.customerId = "body" is invalid: an attribute is a single value/],
  ])('rejects %s', (_, options, message) => {
    expectGatewayError(() => RestIntegration.dynamoDbGetItem(ordersTable(newStack()), options), message);
  });

  test('rejects a key read from a path parameter the route lacks', () => {
    const { stack, api } = setup();
    const table = dynamodb.Table.fromTableName(stack, 'Imported', 'legacy-orders');
    expectGatewayError(() => api.addRoute('GET /orders', RestIntegration.dynamoDbGetItem(table, { key: { pk: GatewayValue.pathParameter('id') } })),
      /^Stack\/Api\/Routes\/GET \|orders: route 'GET \/orders' key\.pk = "pathParameter 'id'" is invalid: the route has no path parameter \{id\} \(it has none\)/);
  });

  test.each([
    ['a key value given as a string', () => RestIntegration.dynamoDbGetItem(ordersTable(newStack()), js({ key: { customerId: 'c-1' } })),
      /options\.key\.customerId = "c-1" is invalid: expected a GatewayValue/],
    ['without a key', () => RestIntegration.dynamoDbGetItem(ordersTable(newStack()), js({})),
      /options\.key = undefined is invalid: an object mapping names to GatewayValue .* values is required$/],
    ['a table name', () => RestIntegration.dynamoDbGetItem(js('orders'), { key: {} }), /table = "orders" is invalid: expected a dynamodb\.ITable, got a string$/],
  ])('from JavaScript, rejects %s', (_, call, message) => {
    expectGatewayError(call, message);
  });
});

describe('dynamoDbPutItem', () => {
  test('by default, the key from the path parameters of its names and every other field of the body, typed', () => {
    const { stack, api } = setup();
    const table = ordersTable(stack);
    api.addRoute('PUT /customers/{customerId}/orders/{orderNo}', RestIntegration.dynamoDbPutItem(table));
    const m = methodOf(stack, 'PUT');
    expect(m.Properties.Integration.Uri).toEqual(uri('dynamodb', 'action/PutItem'));
    expect(requestTemplate(stack, 'PUT')).toBe(`{"TableName":"<${logicalId(table)}>","Item":{"customerId":{"S":"${esc(PATH('customerId'))}"},`
      + `"orderNo":{"N":"${esc(PATH('orderNo'))}"}`
      + '#set($body = $input.path(\'$\'))#set($sep = ",")#set($skip = ["customerId","orderNo"])'
      + '#foreach($name in $body.keySet())#if(!$skip.contains($name) && !$name.contains("\'"))'
      + `#set($j = "")#set($j = $input.json("$['$name']"))$sep"${esc('$name')}":`
      + '#if($j.startsWith(\'"\')){"S":$j}#elseif($j == "true" || $j == "false"){"BOOL":$j}#elseif($j == "" || $j == "null"){"NULL":true}'
      + `#elseif($j.startsWith('{') || $j.startsWith('[')){"S":"${esc('$j')}"}#else{"N":"$j"}#end#set($sep = ",")#end#end}}`);
    expect(m.Properties.Integration.IntegrationResponses[0].ResponseTemplates).toEqual({ 'application/json': '{"message":"Item stored"}' });
    expectErrorMapping(m);
    expectStatements(stack, api, 'dynamodb', [{ Action: 'dynamodb:PutItem', Resource: arnOf(table) }]);
  });

  test('a route without the key\'s path parameters reads the key from the body; a keyed table adds the key\'s write actions', () => {
    const { stack, api } = setup();
    const key = new kms.Key(stack, 'TableKey');
    const table = ordersTable(stack, { encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: key });
    api.addRoute('POST /orders', RestIntegration.dynamoDbPutItem(table));
    expect(requestTemplate(stack, 'POST')).toMatch(/^\{"TableName":"<\w+>","Item":\{#set\(\$body = \$input\.path\('\$'\)\)#set\(\$sep = ""\)#set\(\$skip = \[\]\)/);
    expectStatements(stack, api, 'dynamodb', [
      { Action: 'dynamodb:PutItem', Resource: arnOf(table) },
      { Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'], Resource: arnOf(key) },
    ]);
  });

  test('an explicit key and item: no body loop; a body field typed from its JSON', () => {
    const { stack, api } = setup();
    const table = dynamodb.Table.fromTableName(stack, 'Imported', 'sessions');
    api.addRoute('PUT /sessions/{id}', RestIntegration.dynamoDbPutItem(table, {
      key: { pk: GatewayValue.pathParameter('id') },
      item: { user: GatewayValue.context('identity.userArn'), expires: GatewayValue.bodyField('expires') },
    }));
    expect(requestTemplate(stack, 'PUT')).toBe(`{"TableName":"sessions","Item":{"pk":{"S":"${esc(PATH('id'))}"},`
      + `"user":{"S":"${esc('$context.identity.userArn')}"},"expires":#set($j = "")#set($j = $input.json('$.expires'))`
      + '#if($j.startsWith(\'"\')){"S":$j}#elseif($j == "true" || $j == "false"){"BOOL":$j}#elseif($j == "" || $j == "null"){"NULL":true}'
      + `#elseif($j.startsWith('{') || $j.startsWith('[')){"S":"${esc('$j')}"}#else{"N":"$j"}#end}}`);
  });

  test.each([
    ['a key attribute the table does not have', { key: { id: GatewayValue.pathParameter('id') } },
      /options\.key\.id = "id" is invalid: id is not a key attribute of Stack\/Orders \(customerId, orderNo\)$/],
    ['an item attribute given as key too', { key: { customerId: GatewayValue.pathParameter('c') }, item: { customerId: GatewayValue.literal('x') } },
      /options\.item\.customerId = "customerId" is invalid: customerId is given in key already$/],
  ])('rejects %s', (_, options, message) => {
    expectGatewayError(() => RestIntegration.dynamoDbPutItem(ordersTable(newStack()), options), message);
  });

  test('from JavaScript, rejects an item that is not a map', () => {
    expectGatewayError(() => RestIntegration.dynamoDbPutItem(ordersTable(newStack()), js({ item: [GatewayValue.body()] })),
      /^RestIntegration\.dynamoDbPutItem: options\.item = .* is invalid: expected an object mapping names to GatewayValue/);
  });
});

describe('dynamoDbQuery', () => {
  test('Query of an index by partition key; the role may query that index only', () => {
    const { stack, api } = setup();
    const table = ordersTable(stack);
    api.addRoute('GET /orders/by-status/{status}', RestIntegration.dynamoDbQuery(table, {
      partitionKey: { name: 'status', value: GatewayValue.pathParameter('status') }, indexName: 'byStatus', limit: 25, scanIndexForward: false,
    }));
    const m = methodOf(stack, 'GET');
    expect(m.Properties.Integration.Uri).toEqual(uri('dynamodb', 'action/Query'));
    expect(requestTemplate(stack, 'GET')).toBe(`{"TableName":"<${logicalId(table)}>","IndexName":"byStatus","KeyConditionExpression":"#pk = :pk",`
      + `"ExpressionAttributeNames":{"#pk":"status"},"ExpressionAttributeValues":{":pk":{"S":"${esc(PATH('status'))}"}},`
      + '"Limit":25,"ScanIndexForward":false,"ConsistentRead":false}');
    const ok = m.Properties.Integration.IntegrationResponses[0].ResponseTemplates!['application/json'];
    expect(ok).toMatch(/^#set\(\$result = \$input\.path\('\$'\)\)\n#set\(\$i = 0\)#set\(\$isep = ""\)\n\{"items":\[#foreach\(\$item in \$result\.get\('Items'\)\)/);
    expect(ok).toContain('"count":$input.json(\'$.Count\'),"hasMore":#if($result.containsKey(\'LastEvaluatedKey\'))true#{else}false#end}');
    expectErrorMapping(m);
    expectStatements(stack, api, 'dynamodb', [
      { Action: 'dynamodb:Query', Resource: { 'Fn::Join': ['', [arnOf(table), '/index/byStatus']] } },
    ]);
  });

  test('Query of the table: the partition key typed by the schema, the default limit of 100', () => {
    const { stack, api } = setup();
    const table = new dynamodb.Table(stack, 'Readings', { partitionKey: { name: 'device', type: dynamodb.AttributeType.NUMBER } });
    api.addRoute('GET /devices/{id}/readings', RestIntegration.dynamoDbQuery(table, { partitionKey: { name: 'device', value: GatewayValue.pathParameter('id') } }));
    expect(requestTemplate(stack, 'GET')).toContain(`":pk":{"N":"${esc(PATH('id'))}"}},"Limit":100,"ScanIndexForward":true`);
    expectStatements(stack, api, 'dynamodb', [{ Action: 'dynamodb:Query', Resource: arnOf(table) }]);
  });

  test.each([
    ['an index the table does not have', { partitionKey: { name: 'status', value: GatewayValue.pathParameter('s') }, indexName: 'byDate' },
      /options\.indexName = "byDate" is invalid: the table Stack\/Orders has no index named byDate$/],
    ['a partition key that is not the index\'s', { partitionKey: { name: 'customerId', value: GatewayValue.pathParameter('s') }, indexName: 'byStatus' },
      /options\.partitionKey\.name = "customerId" is invalid: the partition key of index byStatus is status$/],
    ['a partition key that is not the table\'s', { partitionKey: { name: 'status', value: GatewayValue.pathParameter('s') } },
      /options\.partitionKey\.name = "status" is invalid: the partition key of Stack\/Orders is customerId$/],
    ['a limit of 0', { partitionKey: { name: 'customerId', value: GatewayValue.pathParameter('c') }, limit: 0 },
      /options\.limit = 0 is invalid: a query limit is a whole number from 1 to 1,000/],
    ['a limit over 1,000', { partitionKey: { name: 'customerId', value: GatewayValue.pathParameter('c') }, limit: 1001 }, /options\.limit = 1001 is invalid/],
    ['an index name of 2 characters', { partitionKey: { name: 'customerId', value: GatewayValue.pathParameter('c') }, indexName: 'ix' },
      /options\.indexName = "ix" is invalid: an index name is 3 to 255/],
    ['a token attribute name', { partitionKey: { name: Lazy.string({ produce: () => 'customerId' }), value: GatewayValue.pathParameter('c') } },
      /options\.partitionKey\.name = <token> is invalid: a mapping is fixed at synth time/],
  ])('rejects %s', (_, options, message) => {
    expectGatewayError(() => RestIntegration.dynamoDbQuery(ordersTable(newStack()), options), new RegExp(`^RestIntegration\\.dynamoDbQuery: ${message.source}`));
  });

  test.each([
    ['a limit given as a string', js({ partitionKey: { name: 'customerId', value: GatewayValue.pathParameter('c') }, limit: '10' }),
      /options\.limit = "10" is invalid: expected a number, got a string$/],
    ['a partition key without a value', js({ partitionKey: { name: 'customerId' } }), /options\.partitionKey\.value = undefined is invalid: a GatewayValue .* is required$/],
  ])('from JavaScript, rejects %s', (_, options, message) => {
    expectGatewayError(() => RestIntegration.dynamoDbQuery(ordersTable(newStack()), options as never), message);
  });
});

// ---------------------------------------------------------------------------------------------
// S3

describe('s3GetObject', () => {
  test('GetObject of the key under the prefix, binary-safe passthrough; 404 for a missing (or unlistable) key', () => {
    const { stack, api } = setup({ binaryMediaTypes: ['*/*'] });
    const bucket = new s3.Bucket(stack, 'Files');
    api.addRoute('GET /files/{path+}', RestIntegration.s3GetObject(bucket, { key: GatewayValue.pathParameter('path'), keyPrefix: 'public/' }));
    const m = methodOf(stack, 'GET');
    const integration = m.Properties.Integration;
    expect(integration.Uri).toEqual(uri('s3', ['path/', { Ref: logicalId(bucket) }, '/public/{object}']));
    expect(integration.RequestTemplates).toBeUndefined();
    expect(integration.PassthroughBehavior).toBe('WHEN_NO_TEMPLATES');
    expect(integration.RequestParameters).toEqual({ 'integration.request.path.object': 'method.request.path.path' });
    expect(integration.IntegrationResponses).toEqual([
      { StatusCode: '200', ResponseParameters: {
        'method.response.header.Content-Type': 'integration.response.header.Content-Type', 'method.response.header.ETag': 'integration.response.header.ETag',
      } },
      { SelectionPattern: '40[34]', StatusCode: '404', ResponseTemplates: { 'application/json': '{"message":"Not found"}' } },
      { SelectionPattern: '4(0[0-25-9]|[1-9]\\d)', StatusCode: '400', ResponseTemplates: { 'application/json': '{"message":"Bad request"}' } },
      { SelectionPattern: '5\\d{2}', StatusCode: '500', ResponseTemplates: { 'application/json': '{"message":"Internal server error"}' } },
    ]);
    expect(m.Properties.MethodResponses).toEqual([
      { StatusCode: '200', ResponseParameters: { 'method.response.header.Content-Type': true, 'method.response.header.ETag': true } },
      { StatusCode: '400' }, { StatusCode: '404' }, { StatusCode: '500' },
    ]);
    expectStatements(stack, api, 's3', [{ Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [arnOf(bucket), '/public/*']] } }]);
    expect(m.DependsOn).toContain(policyId(api, 's3'));
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::RestApi', { BinaryMediaTypes: ['*/*'] });
  });

  test('a key from the query string is declared on the method; a keyed bucket adds kms:Decrypt', () => {
    const { stack, api } = setup();
    const key = new kms.Key(stack, 'BucketKey');
    const bucket = new s3.Bucket(stack, 'Files', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
    api.addRoute('GET /download', RestIntegration.s3GetObject(bucket, { key: GatewayValue.queryParameter('name') }));
    const m = methodOf(stack, 'GET');
    expect(m.Properties.Integration.RequestParameters).toEqual({ 'integration.request.path.object': 'method.request.querystring.name' });
    expect(m.Properties.RequestParameters).toEqual({ 'method.request.querystring.name': false });
    expectStatements(stack, api, 's3', [
      { Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [arnOf(bucket), '/*']] } },
      { Action: 'kms:Decrypt', Resource: arnOf(key) },
    ]);
  });

  test.each([
    ['the body as key', { key: GatewayValue.body() }, /options\.key = "body" is invalid: an object key is a path, query-string or header parameter, a context or stage variable, or a literal/],
    ['a body field as key', { key: GatewayValue.bodyField('name') }, /options\.key = "bodyField 'name'" is invalid: an object key is/],
    ['a literal key with a quote', { key: GatewayValue.literal('it\'s.txt') }, /options\.key = .* is invalid: an object key is .* a literal without '/],
    ['a prefix starting with /', { key: GatewayValue.pathParameter('p'), keyPrefix: '/public/' }, /options\.keyPrefix = "\/public\/" is invalid: a key prefix is 1 to 512 of S3's safe characters/],
    ['a prefix with a brace', { key: GatewayValue.pathParameter('p'), keyPrefix: 'a{b}/' }, /options\.keyPrefix = "a\{b\}\/" is invalid/],
    ['a token prefix', { key: GatewayValue.pathParameter('p'), keyPrefix: Lazy.string({ produce: () => 'p/' }) }, /options\.keyPrefix = <token> is invalid: a mapping is fixed at synth time/],
  ])('rejects %s', (_, options, message) => {
    expectGatewayError(() => RestIntegration.s3GetObject(new s3.Bucket(newStack(), 'B'), options), new RegExp(`^RestIntegration\\.s3GetObject: ${message.source}`));
  });

  test('rejects a key read from a path parameter the route lacks', () => {
    const { stack, api } = setup();
    expectGatewayError(() => api.addRoute('GET /files/{name}', RestIntegration.s3GetObject(new s3.Bucket(stack, 'B'), { key: GatewayValue.pathParameter('path') })),
      /^Stack\/Api\/Routes\/GET \|files\|\{name\}: route 'GET \/files\/\{name\}' key = "pathParameter 'path'" is invalid: the route has no path parameter \{path\} \(it has \{name\}\)/);
  });

  test('from JavaScript, rejects a call without options', () => {
    expectGatewayError(() => RestIntegration.s3GetObject(new s3.Bucket(newStack(), 'B'), js(undefined)),
      /^RestIntegration\.s3GetObject: options = undefined is invalid: a RestS3ObjectOptions object is required$/);
  });
});

describe('s3PutObject', () => {
  test('PutObject of the body with its content type; the role may only put under the prefix and use the key', () => {
    const { stack, api } = setup({ binaryMediaTypes: ['image/png'] });
    const key = new kms.Key(stack, 'BucketKey');
    const bucket = new s3.Bucket(stack, 'Uploads', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
    api.addRoute('PUT /uploads/{name}', RestIntegration.s3PutObject(bucket, { key: GatewayValue.pathParameter('name'), keyPrefix: 'incoming/' }));
    const m = methodOf(stack, 'PUT');
    expect(m.Properties.Integration.Uri).toEqual(uri('s3', ['path/', { Ref: logicalId(bucket) }, '/incoming/{object}']));
    expect(m.Properties.Integration.RequestTemplates).toBeUndefined();
    expect(m.Properties.Integration.RequestParameters).toEqual({
      'integration.request.path.object': 'method.request.path.name',
      'integration.request.header.Content-Type': 'method.request.header.Content-Type',
    });
    expect(m.Properties.RequestParameters).toEqual({ 'method.request.path.name': true, 'method.request.header.Content-Type': false });
    expect(m.Properties.Integration.IntegrationResponses[0]).toEqual({
      StatusCode: '200', ResponseTemplates: { 'application/json': '{"message":"Object stored"}' },
      ResponseParameters: { 'method.response.header.ETag': 'integration.response.header.ETag' },
    });
    expect(m.Properties.Integration.IntegrationResponses[1]).toEqual(
      { SelectionPattern: '403', StatusCode: '500', ResponseTemplates: { 'application/json': '{"message":"Internal server error"}' } });
    expectStatements(stack, api, 's3', [
      { Action: 's3:PutObject', Resource: { 'Fn::Join': ['', [arnOf(bucket), '/incoming/*']] } },
      { Action: 'kms:GenerateDataKey', Resource: arnOf(key) },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// What every service integration shares

describe('service integrations', () => {
  test('one role per gateway and service, however many routes; each gateway has its own', () => {
    const { stack, api } = setup();
    const other = new RestGateway(stack, 'Other');
    const queue = new sqs.Queue(stack, 'Queue');
    api.addRoute('POST /a', RestIntegration.sqsSendMessage(queue));
    api.addRoute('POST /b', RestIntegration.sqsSendMessage(queue));
    other.addRoute('POST /c', RestIntegration.sqsSendMessage(queue));
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 2);
    // The same grant is stated once.
    expectStatements(stack, api, 'sqs', [{ Action: 'sqs:SendMessage', Resource: arnOf(queue) }]);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' } }] },
    });
  });

  test('a route in a nested route stack: the role stays in the gateway\'s stack, the nested stack waits for its policy', () => {
    const { stack, api } = setup({ routeStacks: { count: 2 } });
    const queue = new sqs.Queue(stack, 'Queue');
    api.addRoute('POST /orders', RestIntegration.sqsSendMessage(queue));
    const nested = stack.node.findAll().filter((c): c is NestedStack => c instanceof NestedStack);
    const routeStack = nested.find(n => Object.keys(Template.fromStack(n).findResources('AWS::ApiGateway::Method')).length > 0)!;
    expect(routeStack).toBeDefined();
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 1);
    Template.fromStack(routeStack).resourceCountIs('AWS::IAM::Role', 0);
    const nestedResource = Template.fromStack(stack).findResources('AWS::CloudFormation::Stack')[logicalId(routeStack)] as { DependsOn?: string[] };
    expect(nestedResource.DependsOn).toContain(policyId(api, 'sqs'));
  });

  test('a route with a request schema is validated before the service is called', () => {
    const { stack, api } = setup();
    const queue = new sqs.Queue(stack, 'Queue');
    api.addRoute('POST /orders', RestIntegration.sqsSendMessage(queue), {
      requestSchema: { type: apigateway.JsonSchemaType.OBJECT, required: ['item'], properties: { item: { type: apigateway.JsonSchemaType.STRING } } },
    });
    const m = methodOf(stack, 'POST');
    expect(m.Properties.RequestValidatorId).toEqual({ Ref: logicalId(api.requestValidator) });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true, ValidateRequestParameters: true });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Model', { ContentType: 'application/json', Schema: Match.objectLike({ required: ['item'] }) });
  });

  test('the integration timeout is checked as for every REST integration', () => {
    const { stack, api } = setup();
    const queue = new sqs.Queue(stack, 'Queue');
    expectGatewayError(() => api.addRoute('POST /orders', RestIntegration.sqsSendMessage(queue, { timeout: Duration.millis(10) })),
      /route 'POST \/orders' integration timeout = "10 ms" is invalid: an integration timeout is at least 50 milliseconds/);
  });

  test('errors are GatewayValidationErrors', () => {
    const queue = new sqs.Queue(newStack(), 'Queue', { fifo: true });
    expect(() => RestIntegration.sqsSendMessage(queue)).toThrow(GatewayValidationError);
  });

  test('loading the library loads none of the services\' aws-cdk-lib modules', () => {
    const root = path.resolve(__dirname, '..', '..');
    const script = 'require("./lib");'
      + 'const m = Object.keys(require.cache).filter(k => /aws-cdk-lib[\\\\/](aws-sqs|aws-stepfunctions|aws-events|aws-kinesis|aws-dynamodb|aws-s3)[\\\\/]/.test(k));'
      + 'console.log(JSON.stringify(m));';
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The rules, as pure functions

describe('rules', () => {
  test('a value the route fixes is a literal, not a token', () => {
    expect(literalViolation('com.example.orders')).toBeUndefined();
    expect(literalViolation(Lazy.string({ produce: () => 'x' }))).toMatch(/fixed at synth time/);
  });

  test('mapping template size: 300 KB, counted in UTF-8 bytes', () => {
    expect(mappingTemplateSizeViolation('x'.repeat(307200))).toBeUndefined();
    expect(mappingTemplateSizeViolation('x'.repeat(307201))).toMatch(/this one is 307201 bytes/);
    expect(mappingTemplateSizeViolation('é'.repeat(153601))).toMatch(/this one is 307202 bytes/);
  });

  const RULES: { [name: string]: (value: string) => string | undefined } = { attributeNameViolation, indexNameViolation, s3KeyPrefixViolation };
  test.each([
    ['attributeNameViolation', 'customer_id.v-2', undefined], ['attributeNameViolation', 'a"b', /letters, digits/], ['attributeNameViolation', 'a'.repeat(256), /1 to 255/],
    ['indexNameViolation', 'byStatus', undefined], ['indexNameViolation', 'ab', /3 to 255/],
    ['s3KeyPrefixViolation', 'public/images/', undefined], ['s3KeyPrefixViolation', '/public', /not starting with \//], ['s3KeyPrefixViolation', 'a b/', /safe characters/],
  ])('%s(%j)', (rule, value, violation) => {
    const v = RULES[rule](value);
    if (violation) expect(v).toMatch(violation); else expect(v).toBeUndefined();
  });

  test.each([[1, undefined], [1000, undefined], [0, /1 to 1,000/], [1001, /1 to 1,000/], [2.5, /whole number/]])('query limit %d', (limit, violation) => {
    const v = queryLimitViolation(limit);
    if (violation) expect(v).toMatch(violation); else expect(v).toBeUndefined();
  });
});
