/**
 * The rules of AWS-service integrations that the HTTP and WebSocket gateways (and REST, if it
 * wants them) check at synth, as pure functions returning the broken rule's text (or undefined),
 * and the checks that run them in a static factory, before any construct exists. The values are
 * the ones the services document: each rule names its source.
 */
import { Duration, Token } from 'aws-cdk-lib';
import { InputCheck, anInstanceOf, checkInput } from './input';
import { GatewayValue, sqsGroupViolation, syncExecutionViolation } from './service-integrations';

/** A GatewayValue, made with its static factories. */
export const A_GATEWAY_VALUE: InputCheck = anInstanceOf(() => GatewayValue,
  'a GatewayValue (GatewayValue.body(), .bodyField(path), .pathParameter(name), .queryParameter(name), .header(name), '
  + '.context(variable), .stageVariable(name) or .literal(text))');

/** The fixed text of a literal value; undefined when the value is read from the request. */
export function literalText(value: GatewayValue | undefined): string | undefined {
  return value !== undefined && value._isLiteral ? value._httpMapping() : undefined;
}

// Characters the mapping languages read as code: VTL's `$` and `#`, a JSON string's `"` and `\`,
// and control characters (the same set GatewayValue.literal refuses).
// eslint-disable-next-line no-control-regex -- control characters are what the rule refuses
const CODE_CHARACTERS = /[$#"\\\u0000-\u001f]/;

/**
 * A fixed text written into a mapping (an EventBridge source or detail type): 1 to `max`
 * characters, none the mapping languages read as code. Tokens are checked at deploy time.
 */
export function fixedTextViolation(text: string, max: number, what: string): string | undefined {
  if (Token.isUnresolved(text)) return undefined;
  if (text.length < 1 || text.length > max) return `${what} is 1 to ${max} characters`;
  return CODE_CHARACTERS.test(text) ? `${what} may not contain $, #, ", \\ or control characters, which the mapping languages read as code` : undefined;
}

/**
 * PutEventsRequestEntry.Source (EventBridge API reference): 1 to 256 characters, and "the aws.
 * value prefix is service-reserved and cannot be used".
 */
export function eventSourceViolation(source: string): string | undefined {
  if (!Token.isUnresolved(source) && source.startsWith('aws.')) {
    return 'the aws. prefix of an event source is reserved for AWS services (PutEventsRequestEntry.Source)';
  }
  return fixedTextViolation(source, 256, 'an event source');
}

/** PutEventsRequestEntry.DetailType (EventBridge API reference): 1 to 128 characters. */
export function eventDetailTypeViolation(detailType: string): string | undefined {
  return fixedTextViolation(detailType, 128, 'an event detail type');
}

/** PutEventsRequestEntry.Detail is "a valid JSON object": a literal detail must be one (`{}`). */
export function eventDetailViolation(detail: GatewayValue | undefined): string | undefined {
  const text = literalText(detail);
  if (text === undefined) return undefined;
  return isJson(text, true) ? undefined : 'EventBridge takes the event detail as a JSON object; a literal detail must be one, such as {}';
}

/** StartExecution's input is JSON text (Step Functions API reference): a literal input must be JSON. */
export function executionInputViolation(input: GatewayValue | undefined): string | undefined {
  const text = literalText(input);
  if (text === undefined) return undefined;
  return isJson(text, false) ? undefined : 'Step Functions takes the execution input as JSON text; a literal input must be JSON, such as {}';
}

/**
 * StartExecution.name (Step Functions API reference): 1 to 80 characters, without white space,
 * brackets `< > { } [ ]`, wildcards `? *`, special characters `" # % \ ^ | ~ \` $ & , ; : /` or
 * control characters. A name read from the request is checked by Step Functions.
 */
export function executionNameViolation(name: GatewayValue | undefined): string | undefined {
  const text = literalText(name);
  if (text === undefined) return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are what the rule refuses
  return text.length <= 80 && !/[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/.test(text)
    ? undefined
    : 'an execution name is 1 to 80 characters without white space, < > { } [ ] ? * " # % \\ ^ | ~ ` $ & , ; : / or control characters (StartExecution)';
}

/**
 * SendMessage.MessageGroupId and MessageDeduplicationId (SQS API reference): up to 128
 * characters, each a letter, a digit or punctuation.
 */
export function sqsIdViolation(id: GatewayValue | undefined, what: string): string | undefined {
  const text = literalText(id);
  if (text === undefined) return undefined;
  return /^[A-Za-z0-9!-/:-@[-`{-~]{1,128}$/.test(text)
    ? undefined
    : `${what} is 1 to 128 letters, digits and punctuation (SendMessage), without spaces`;
}

/** SendMessage.MessageDeduplicationId "applies only to FIFO queues" (SQS API reference). */
export function sqsDeduplicationViolation(fifo: boolean, deduplicationId: GatewayValue | undefined): string | undefined {
  return !fifo && deduplicationId !== undefined ? 'messageDeduplicationId applies to FIFO queues only; this queue is a standard queue' : undefined;
}

/**
 * SendMessage.DelaySeconds (SQS API reference): 0 to 900 seconds; "when you set FifoQueue, you
 * can't set DelaySeconds per message. You can set this parameter only on a queue level."
 */
export function sqsDelayViolation(fifo: boolean, delay: Duration | undefined): string | undefined {
  if (delay === undefined || delay.isUnresolved()) return undefined;
  if (fifo) return 'a FIFO queue takes no per-message delay (SendMessage): set deliveryDelay on the queue instead';
  const seconds = delay.toMilliseconds({ integral: false }) / 1000;
  return Number.isInteger(seconds) && seconds >= 0 && seconds <= 900 ? undefined : 'a message delay is a whole number of seconds from 0 to 900 (SendMessage.DelaySeconds)';
}

/** PutRecord.PartitionKey (Kinesis API reference): 1 to 256 characters. */
export function partitionKeyViolation(partitionKey: GatewayValue | undefined): string | undefined {
  const text = literalText(partitionKey);
  return text !== undefined && text.length > 256 ? 'a partition key is 1 to 256 characters (PutRecord)' : undefined;
}

/** What a SendMessage integration was asked for, checked against the queue. */
export interface SqsSendMessageChoices {
  readonly messageGroupId?: GatewayValue;
  readonly messageDeduplicationId?: GatewayValue;
  readonly delay?: Duration;
}

/**
 * Checks a SendMessage integration's options against its queue (FIFO or standard) in a static
 * factory: the message group, deduplication and delay rules, and the literal ids' form.
 */
export function checkSqsSendMessage(factory: string, fifo: boolean, choices: SqsSendMessageChoices): void {
  const { messageGroupId, messageDeduplicationId, delay } = choices;
  checkInput(factory, 'options.messageGroupId', messageGroupId?.toString(), sqsGroupViolation(fifo, messageGroupId)
    ?? sqsIdViolation(messageGroupId, 'a message group id'));
  checkInput(factory, 'options.messageDeduplicationId', messageDeduplicationId?.toString(), sqsDeduplicationViolation(fifo, messageDeduplicationId)
    ?? sqsIdViolation(messageDeduplicationId, 'a message deduplication id'));
  checkInput(factory, 'options.delay', delay?.toString(), sqsDelayViolation(fifo, delay));
}

/** What a StartExecution or StartSyncExecution integration was asked for. */
export interface ExecutionChoices {
  readonly input?: GatewayValue;
  readonly executionName?: GatewayValue;
}

/**
 * Checks a Step Functions integration in a static factory: a synchronous execution needs an
 * EXPRESS state machine (known for a StateMachine of the app; an imported one is not checked),
 * and literal inputs and names must be what StartExecution accepts.
 */
export function checkStepFunctionsExecution(factory: string, stateMachine: object, sync: boolean, choices: ExecutionChoices): void {
  if (sync) {
    // `stateMachineType` is a member of sfn.StateMachine, not of sfn.IStateMachine.
    const type = (stateMachine as { readonly stateMachineType?: unknown }).stateMachineType;
    checkInput(factory, 'stateMachine', typeof type === 'string' ? `${type} state machine` : undefined,
      syncExecutionViolation(typeof type === 'string' ? type : undefined));
  }
  checkInput(factory, 'options.input', choices.input?.toString(), executionInputViolation(choices.input));
  checkInput(factory, 'options.executionName', choices.executionName?.toString(), executionNameViolation(choices.executionName));
}

/**
 * Checks that a WebSocket route can read each value: a WebSocket message has no path or query
 * string parameters (GatewayValue._webSocketViolation).
 */
export function checkWebSocketValues(factory: string, values: { readonly [prop: string]: GatewayValue | undefined }): void {
  for (const [prop, value] of Object.entries(values)) {
    checkInput(factory, `options.${prop}`, value?.toString(), value?._webSocketViolation());
  }
}

function isJson(text: string, objectOnly: boolean): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return !objectOnly || (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed));
  } catch {
    return false;
  }
}
