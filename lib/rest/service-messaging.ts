/**
 * REST AWS-service integrations that send a message or start work: SQS, Step Functions,
 * EventBridge, Kinesis (see service-integrations.ts).
 */
import type * as events from 'aws-cdk-lib/aws-events';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { GatewayValue, SERVICE_ACCESS } from '../common/service-integrations';
import {
  checkSqsSendMessage, checkStepFunctionsExecution, eventDetailTypeViolation, eventDetailViolation, eventSourceViolation, partitionKeyViolation,
} from '../common/service-rules';
import { RestSqsSendMessageOptions, RestStepFunctionsExecutionOptions, RestEventBridgePutEventsOptions, RestKinesisPutRecordOptions, ServiceBinder } from './service-integrations';
import { literalViolation, kindOf, jsonEscaped, stringContent, embeddedJsonContent, urlEncoded, base64Of, message, errorResponses, methodResponses, ok, bindCall, factoryError, checkTemplate, checkNotBody } from './service-call';

// ---------------------------------------------------------------------------------------------
// SQS

/**
 * SendMessage through the queue's URL path (`sqs:path/<account>/<queue>`), form-encoded as the
 * SQS query API takes it (the integration WebSocketIntegration.sqs also uses); the JSON answer
 * carries `SendMessageResponse.SendMessageResult.MessageId`.
 */
export function sqsSendMessage(queue: sqs.IQueue, options: RestSqsSendMessageOptions): ServiceBinder {
  const factory = 'RestIntegration.sqsSendMessage';
  const fifo = queue.fifo;
  // The FIFO rules (a group on FIFO queues only and always, deduplication on FIFO only, no
  // per-message delay on FIFO), the delay's range and the literal ids' form (lib/common/service-rules.ts).
  checkSqsSendMessage(factory, fifo, { messageGroupId: options.messageGroupId, messageDeduplicationId: options.messageDeduplicationId, delay: options.delay });
  checkTemplate(factory, options.requestTemplate);

  return bindOptions => {
    const parts = [
      'Action=SendMessage',
      `&MessageBody=${urlEncoded(options.messageBody ?? GatewayValue.body())}`,
    ];
    if (options.delay !== undefined) parts.push(`&DelaySeconds=${options.delay.toSeconds()}`);
    // A group id on a standard queue names the tenant for fair queues.
    if (options.messageGroupId !== undefined) parts.push(`&MessageGroupId=${urlEncoded(options.messageGroupId)}`);
    if (fifo) {
      parts.push(`&MessageDeduplicationId=${urlEncoded(options.messageDeduplicationId ?? GatewayValue.context('requestId'))}`);
    }
    if (options.callerAttributes ?? true) {
      const attribute = (n: number, name: string, value: string) =>
        `&MessageAttribute.${n}.Name=${name}&MessageAttribute.${n}.Value.DataType=String&MessageAttribute.${n}.Value.StringValue=${value}`;
      // SQS refuses an attribute with an empty value: `caller` is sent only when known.
      parts.push(
        attribute(1, 'requestId', '$util.urlEncode($context.requestId)'),
        attribute(2, 'sourceIp', '$util.urlEncode($context.identity.sourceIp)'),
        '#set($caller = "$!context.identity.userArn")',
        '#if($caller == "")#set($caller = "$!context.authorizer.principalId")#end',
        '#if($caller == "")#set($caller = "$!context.authorizer.claims.sub")#end',
        `#if($caller != "")${attribute(3, 'caller', '$util.urlEncode($caller)')}#end`,
      );
    }
    return bindCall(bindOptions, options, {
      values: [['messageBody', options.messageBody], ['messageGroupId', options.messageGroupId], ['messageDeduplicationId', options.messageDeduplicationId]],
      ...SERVICE_ACCESS.sqsSendMessage(queue),
      uriService: 'sqs',
      path: `${queue.env.account}/${queue.queueName}`,
      httpMethod: 'POST',
      requestParameters: { 'integration.request.header.Content-Type': '\'application/x-www-form-urlencoded\'' },
      // One line: a form body has no line breaks.
      requestTemplate: parts.join(''),
      integrationResponses: [
        ok('{"messageId":$input.json(\'$.SendMessageResponse.SendMessageResult.MessageId\')}'),
        ...errorResponses(true),
      ],
      methodResponses: methodResponses(['200', '400', '409', '429', '500']),
    }, options.requestTemplate);
  };
}

// ---------------------------------------------------------------------------------------------
// Step Functions

export function executionRequest(stateMachine: sfn.IStateMachine, options: RestStepFunctionsExecutionOptions): string {
  const fields = [
    `"stateMachineArn":"${stateMachine.stateMachineArn}"`,
    `"input":"${embeddedJsonContent(options.input ?? GatewayValue.body())}"`,
  ];
  if (options.executionName !== undefined) fields.push(`"name":"${stringContent(options.executionName)}"`);
  return `{${fields.join(',')}}`;
}

export function checkExecution(factory: string, stateMachine: sfn.IStateMachine, sync: boolean, options: RestStepFunctionsExecutionOptions): void {
  // A synchronous execution needs an EXPRESS machine (known for a StateMachine of the app); literal
  // inputs and names must be what StartExecution takes (lib/common/service-rules.ts).
  checkStepFunctionsExecution(factory, stateMachine, sync, { input: options.input, executionName: options.executionName });
  checkTemplate(factory, options.requestTemplate);
}

/** StartExecution (`states:action/StartExecution`): answers the execution ARN and start date. */
export function stepFunctionsStartExecution(stateMachine: sfn.IStateMachine, options: RestStepFunctionsExecutionOptions): ServiceBinder {
  const factory = 'RestIntegration.stepFunctionsStartExecution';
  checkExecution(factory, stateMachine, false, options);
  return bindOptions => bindCall(bindOptions, options, {
    values: [['input', options.input], ['executionName', options.executionName]],
    ...SERVICE_ACCESS.stepFunctionsExecution(stateMachine, false),
    uriService: 'states',
    action: 'StartExecution',
    httpMethod: 'POST',
    requestTemplate: executionRequest(stateMachine, options),
    integrationResponses: [
      ok('{"executionArn":$input.json(\'$.executionArn\'),"startDate":$input.json(\'$.startDate\')}'),
      ...errorResponses(true),
    ],
    methodResponses: methodResponses(['200', '400', '409', '429', '500']),
  }, options.requestTemplate);
}

/**
 * The answer of a synchronous execution. StartSyncExecution answers 200 "even if your execution
 * fails" (Step Functions API reference): the status decides. SUCCEEDED is 200 with the output
 * (parsed JSON); TIMED_OUT is 504; FAILED is 500, without the execution's error and cause, which
 * can carry internal details (a workflow that rejects bad input should end SUCCEEDED with an
 * answer saying so, or the route should validate the body with a requestSchema).
 */
export const SYNC_RESPONSE = [
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
].join('\n');

/**
 * StartSyncExecution of an EXPRESS state machine. The URI is `states:action/StartSyncExecution`:
 * API Gateway sends it to the `sync-states` endpoint the Step Functions API model names for the
 * action (its host prefix `sync-`), as aws-cdk-lib's StepFunctionsIntegration does (aws-cdk PR
 * #16827, deployed in its integ tests); `sync-states` is not an API Gateway service name.
 */
export function stepFunctionsStartSyncExecution(stateMachine: sfn.IStateMachine, options: RestStepFunctionsExecutionOptions): ServiceBinder {
  const factory = 'RestIntegration.stepFunctionsStartSyncExecution';
  checkExecution(factory, stateMachine, true, options);
  return bindOptions => bindCall(bindOptions, options, {
    values: [['input', options.input], ['executionName', options.executionName]],
    ...SERVICE_ACCESS.stepFunctionsExecution(stateMachine, true),
    uriService: 'states',
    action: 'StartSyncExecution',
    httpMethod: 'POST',
    requestTemplate: executionRequest(stateMachine, options),
    integrationResponses: [ok(SYNC_RESPONSE), ...errorResponses(true)],
    methodResponses: methodResponses(['200', '400', '409', '429', '500', '504']),
  }, options.requestTemplate);
}

// ---------------------------------------------------------------------------------------------
// EventBridge

/**
 * The answer of PutEvents: it answers 200 with `FailedEntryCount` when an entry fails (EventBridge
 * API reference), so the entry's error code decides: throttling 429, a malformed detail 400,
 * anything else 500.
 */
export const PUT_EVENTS_RESPONSE = [
  '#set($result = $input.path(\'$\'))',
  '#set($failed = "$!result.get(\'FailedEntryCount\')")',
  '#if($failed != "" && $failed != "0")',
  '#set($code = "$!input.path(\'$.Entries[0].ErrorCode\')")',
  '#if($code.contains(\'Throttl\'))',
  '#set($context.responseOverride.status = 429)',
  message('Too many requests'),
  '#elseif($code.contains(\'Malformed\') || $code.contains(\'InvalidArgument\'))',
  '#set($context.responseOverride.status = 400)',
  message('Bad request'),
  '#else',
  '#set($context.responseOverride.status = 500)',
  message('Internal server error'),
  '#end',
  '#else',
  '{"eventId":$input.json(\'$.Entries[0].EventId\')}',
  '#end',
].join('\n');

/** PutEvents (`events:action/PutEvents`, AWS JSON 1.1 with `X-Amz-Target: AWSEvents.PutEvents`). */
export function eventBridgePutEvents(bus: events.IEventBus, options: RestEventBridgePutEventsOptions): ServiceBinder {
  const factory = 'RestIntegration.eventBridgePutEvents';
  // Fixed by the route: literal strings, to PutEventsRequestEntry's rules (lib/common/service-rules.ts).
  factoryError(factory, 'options.source', options.source, literalViolation(options.source) ?? eventSourceViolation(options.source));
  factoryError(factory, 'options.detailType', options.detailType, literalViolation(options.detailType) ?? eventDetailTypeViolation(options.detailType));
  const detail = options.detail ?? GatewayValue.body();
  factoryError(factory, 'options.detail', detail.toString(), kindOf(detail) === 'text'
    ? 'an event\'s detail is a JSON object: GatewayValue.body(), GatewayValue.bodyField(path) or a literal JSON object'
    : eventDetailViolation(detail));
  checkTemplate(factory, options.requestTemplate);
  return bindOptions => bindCall(bindOptions, options, {
    values: [['detail', detail]],
    ...SERVICE_ACCESS.eventBridgePutEvents(bus),
    uriService: 'events',
    action: 'PutEvents',
    httpMethod: 'POST',
    requestParameters: {
      'integration.request.header.X-Amz-Target': '\'AWSEvents.PutEvents\'',
      'integration.request.header.Content-Type': '\'application/x-amz-json-1.1\'',
    },
    requestTemplate: `{"Entries":[{"EventBusName":"${bus.eventBusArn}","Source":"${options.source}",`
      + `"DetailType":"${jsonEscaped(options.detailType)}","Detail":"${embeddedJsonContent(detail)}"}]}`,
    integrationResponses: [ok(PUT_EVENTS_RESPONSE), ...errorResponses(true)],
    methodResponses: methodResponses(['200', '400', '409', '429', '500']),
  }, options.requestTemplate);
}

// ---------------------------------------------------------------------------------------------
// Kinesis

/** PutRecord (`kinesis:action/PutRecord`, AWS JSON 1.1), addressed by StreamARN as the Kinesis API reference recommends. */
export function kinesisPutRecord(stream: kinesis.IStream, options: RestKinesisPutRecordOptions): ServiceBinder {
  const factory = 'RestIntegration.kinesisPutRecord';
  factoryError(factory, 'options.partitionKey', options.partitionKey?.toString(), partitionKeyViolation(options.partitionKey));
  checkNotBody(factory, 'options.partitionKey', options.partitionKey, 'a partition key is a single value of at most 256 characters, not the whole body');
  checkTemplate(factory, options.requestTemplate);
  return bindOptions => bindCall(bindOptions, options, {
    values: [['partitionKey', options.partitionKey], ['data', options.data]],
    ...SERVICE_ACCESS.kinesisPutRecord(stream),
    uriService: 'kinesis',
    action: 'PutRecord',
    httpMethod: 'POST',
    requestParameters: { 'integration.request.header.Content-Type': '\'application/x-amz-json-1.1\'' },
    requestTemplate: `{"StreamARN":"${stream.streamArn}","PartitionKey":"${stringContent(options.partitionKey)}",`
      + `"Data":"${base64Of(options.data ?? GatewayValue.body())}"}`,
    integrationResponses: [
      ok('{"sequenceNumber":$input.json(\'$.SequenceNumber\'),"shardId":$input.json(\'$.ShardId\')}'),
      ...errorResponses(true),
    ],
    methodResponses: methodResponses(['200', '400', '409', '429', '500']),
  }, options.requestTemplate);
}
