import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, IConstruct } from 'constructs';
import { check } from '../common/errors';
import { checkInput } from '../common/input';
import { validateIntegrationTimeout } from '../common/integration-timeout';
import { lazyValue } from '../common/lazy';
import { DEFAULT_ALIAS_STAGE_VARIABLE, invokedFunctionArn, lambdaInvocationTargets, lambdaInvocationUri } from '../common/lambda-invocation';
import { RouteViolation, requireOfEveryRoute } from '../common/route-requirements';
import { GatewayValue, SERVICE_ACCESS, ServiceAccess, ServiceRoles } from '../common/service-integrations';
import {
  checkSqsSendMessage, checkStepFunctionsExecution, checkWebSocketValues, eventDetailViolation, literalText, partitionKeyViolation,
} from '../common/service-rules';
import { checkWebSocketFactoryInput } from './input';
import { GatewayIntegrationConfig } from '../common/integration-config';

/** WebSocket integrations time out after at most 29 s, a limit no quota increase lifts (rule 10). */
export const WEBSOCKET_MAX_TIMEOUT_MS = 29000;

/** What the gateway passes to an integration when it is first used by a route. */
export interface WebSocketIntegrationBindOptions {
  /**
   * The gateway (errors name its path; AWS-service integrations use its one role per service).
   * With route stacks, `scope` may be in a nested stack while the gateway stays in its own.
   */
  readonly gateway: IConstruct;
  /** A scope for constructs the integration creates (unique per gateway and integration). */
  readonly scope: Construct;
  /** The key of the first route the integration serves, e.g. `sendMessage`. */
  readonly routeKey: string;
}

/** What an integration gives the gateway. */
export interface WebSocketIntegrationConfig extends GatewayIntegrationConfig {
  /**
   * The aws-cdk-lib route integration. The gateway binds it once per API, so routes sharing a
   * WebSocketIntegration object share one `AWS::ApiGatewayV2::Integration`.
   */
  readonly integration: apigwv2.WebSocketRouteIntegration;
  /**
   * Whether the integration is a proxy (Lambda or HTTP proxy). Two-way routes of a non-proxy
   * integration also get a `$default` integration response, which passes the backend's answer on.
   * @default false
   */
  readonly proxy?: boolean;
  /**
   * The Velocity template of the `$default` integration response of a non-proxy integration,
   * which makes the message a two-way route answers with.
   * @default - the backend's answer as it is
   */
  readonly responseTemplate?: string;
}

/** Options shared by every WebSocket integration. */
export interface WebSocketIntegrationOptions {
  /**
   * How long API Gateway waits for the backend: 50 ms to 29 s.
   * @default Duration.seconds(29)
   */
  readonly timeout?: Duration;
}

/** Options of a Lambda alias integration. */
export interface WebSocketLambdaAliasIntegrationOptions extends WebSocketIntegrationOptions {
  /**
   * The stage variable that names the alias; each stage sets it through `lambdaAliases`.
   * @default 'lambdaAlias'
   */
  readonly stageVariable?: string;
}

/** Options of an HTTP proxy integration. */
export interface WebSocketHttpIntegrationOptions extends WebSocketIntegrationOptions {
  /**
   * The HTTP method used to call the backend.
   * @default apigwv2.HttpMethod.POST
   */
  readonly httpMethod?: apigwv2.HttpMethod;
}

/**
 * Options of the deprecated `WebSocketIntegration.sqs`, whose values are Velocity expressions.
 * @deprecated use `WebSocketIntegration.sqsSendMessage` and its WebSocketSqsSendMessageOptions
 */
export interface WebSocketSqsIntegrationOptions extends WebSocketIntegrationOptions {
  /**
   * A Velocity template of the message body sent to the queue (it is URL-encoded for you).
   * @default '$input.body' - the WebSocket message as received
   */
  readonly messageBody?: string;
  /**
   * The message group id, required by FIFO queues; a Velocity expression such as
   * `$context.connectionId` (one ordered group per connection).
   * @default - none, or `$context.connectionId` for FIFO queues
   */
  readonly messageGroupId?: string;
}

/** Options of `WebSocketIntegration.sqsSendMessage`. */
export interface WebSocketSqsSendMessageOptions extends WebSocketIntegrationOptions {
  /**
   * The message sent to the queue. `$connect` and `$disconnect` have no message, and SQS refuses
   * an empty one: give their routes a body such as `GatewayValue.context('eventType')`.
   * @default GatewayValue.body() - the WebSocket message
   */
  readonly messageBody?: GatewayValue;
  /**
   * The message group: required by a FIFO queue; on a standard queue it names the message's
   * tenant for fair queues. E.g. `GatewayValue.context('connectionId')` for one ordered group per connection.
   * @default - none (required for a FIFO queue)
   */
  readonly messageGroupId?: GatewayValue;
  /**
   * The deduplication id of a FIFO queue's message.
   * @default - the request id (`$context.requestId`) for a FIFO queue, none for a standard queue
   */
  readonly messageDeduplicationId?: GatewayValue;
  /**
   * How long the message stays invisible after it is sent: whole seconds, 0 to 900 (standard
   * queues only).
   * @default - the queue's delivery delay
   */
  readonly delay?: Duration;
}

/** Options of `WebSocketIntegration.stepFunctionsStartExecution` and `.stepFunctionsStartSyncExecution`. */
export interface WebSocketStepFunctionsExecutionOptions extends WebSocketIntegrationOptions {
  /**
   * The execution input (JSON): a JSON body, a body field (as JSON), a literal JSON text, or
   * another value as a JSON string.
   * @default - `{"message": <the JSON message, or null>, "connectionId": "...", "requestId": "..."}`
   */
  readonly input?: GatewayValue;
  /**
   * The execution name (a repeated name is refused, which makes a start idempotent).
   * @default - a name Step Functions generates
   */
  readonly executionName?: GatewayValue;
}

/** Options of `WebSocketIntegration.eventBridgePutEvents`. */
export interface WebSocketEventBridgePutEventsOptions extends WebSocketIntegrationOptions {
  /** The event source, e.g. `com.example.chat` (1 to 256 characters; `aws.` is reserved). */
  readonly source: string;
  /** The event detail type, e.g. `MessagePosted` (1 to 128 characters). */
  readonly detailType: string;
  /**
   * The event detail, which EventBridge requires to be a JSON object.
   * @default - `{"message": <the JSON message, or null>, "connectionId": "...", "requestId": "..."}`
   */
  readonly detail?: GatewayValue;
}

/** Options of `WebSocketIntegration.kinesisPutRecord`. */
export interface WebSocketKinesisPutRecordOptions extends WebSocketIntegrationOptions {
  /** The partition key that picks the shard, e.g. `GatewayValue.context('connectionId')`. */
  readonly partitionKey: GatewayValue;
  /**
   * The record's data (base64-encoded for Kinesis by the mapping template).
   * @default GatewayValue.body() - the WebSocket message
   */
  readonly data?: GatewayValue;
}

/** Options of `WebSocketIntegration.mock`. */
export interface WebSocketMockIntegrationOptions {
  /**
   * The Velocity template of the integration request, which gives the mock its status code.
   * @default '{"statusCode": 200}'
   */
  readonly requestTemplate?: string;
  /**
   * The Velocity template of the message a two-way route (`returnResponse: true`) answers with,
   * e.g. `{"pong": true, "connectionId": "$context.connectionId"}`. One-way routes answer nothing.
   * @default - an empty answer
   */
  readonly responseTemplate?: string;
}

/**
 * A backend for a WebSocketGateway route. Use the static factories; implement `bind` for your own.
 */
export abstract class WebSocketIntegration {
  /**
   * A Lambda proxy integration. The gateway grants invoke once per function per stage (aws-cdk-lib's
   * `WebSocketLambdaIntegration` grants once per route).
   */
  public static lambdaFunction(handler: lambda.IFunction, options: WebSocketIntegrationOptions = {}): WebSocketIntegration {
    checkWebSocketFactoryInput('WebSocketIntegration.lambdaFunction', { handler, options });
    return new LambdaWebSocketIntegration(handler, options);
  }

  /**
   * A Lambda proxy integration calling `handler` at the alias named by a stage variable
   * (`function:${stageVariables.lambdaAlias}`), so that each stage invokes its own alias.
   */
  public static lambdaAlias(handler: lambda.IFunction, options: WebSocketLambdaAliasIntegrationOptions = {}): WebSocketIntegration {
    checkWebSocketFactoryInput('WebSocketIntegration.lambdaAlias', { handler, options });
    return new LambdaWebSocketIntegration(handler, options, options.stageVariable ?? DEFAULT_ALIAS_STAGE_VARIABLE);
  }

  /** An HTTP proxy integration: each message is sent to the URL. */
  public static http(url: string, options: WebSocketHttpIntegrationOptions = {}): WebSocketIntegration {
    checkWebSocketFactoryInput('WebSocketIntegration.http', { url, options });
    return new HttpWebSocketIntegration(url, options);
  }

  /**
   * Sends each message to an SQS queue (an AWS integration), with the connection id and request
   * id as message attributes (`connectionId`, `requestId`); a FIFO queue needs a
   * `messageGroupId` and deduplicates by request id by default. API Gateway assumes the gateway's
   * SQS role, allowed only `sqs:SendMessage` on the queues its routes use (and their
   * customer-managed keys). A two-way route answers with SQS's answer.
   */
  public static sqsSendMessage(queue: sqs.IQueue, options: WebSocketSqsSendMessageOptions = {}): WebSocketIntegration {
    const factory = 'WebSocketIntegration.sqsSendMessage';
    checkWebSocketFactoryInput(factory, { queue, options });
    checkWebSocketValues(factory, {
      messageBody: options.messageBody, messageGroupId: options.messageGroupId, messageDeduplicationId: options.messageDeduplicationId,
    });
    checkSqsSendMessage(factory, queue.fifo, options);
    const deduplicationId = options.messageDeduplicationId ?? (queue.fifo ? GatewayValue.context('requestId') : undefined);
    let template = `Action=SendMessage&MessageBody=${formValue(options.messageBody ?? GatewayValue.body())}`;
    if (options.messageGroupId) template += `&MessageGroupId=${formValue(options.messageGroupId)}`;
    if (deduplicationId) template += `&MessageDeduplicationId=${formValue(deduplicationId)}`;
    if (options.delay) template += `&DelaySeconds=${options.delay.toSeconds()}`;
    // SQS query API message attributes (SendMessage, "MessageAttribute.N.Name/Value").
    template += ['connectionId', 'requestId'].map((name, i) => `&MessageAttribute.${i + 1}.Name=${name}`
      + `&MessageAttribute.${i + 1}.Value.DataType=String&MessageAttribute.${i + 1}.Value.StringValue=$util.urlEncode($context.${name})`).join('');
    const readsBody = options.messageBody === undefined || options.messageBody._vtl('WebSocket') === '$input.body';
    return new AwsWebSocketIntegration(options, sqsCall(queue, template, routeKey => readsBody && (routeKey === '$connect' || routeKey === '$disconnect')
      ? {
        prop: 'options.messageBody', value: (options.messageBody ?? GatewayValue.body()).toString(),
        rule: `'${routeKey}' has no message, and SQS refuses an empty message body: give a messageBody such as GatewayValue.context('eventType')`,
      }
      : undefined));
  }

  /**
   * Sends each message to an SQS queue. Its `messageBody` and `messageGroupId` are Velocity
   * expressions, and a FIFO queue's message group is the connection by default.
   * @deprecated use `sqsSendMessage`, whose options are GatewayValues (the same on every gateway)
   */
  public static sqs(queue: sqs.IQueue, options: WebSocketSqsIntegrationOptions = {}): WebSocketIntegration {
    checkWebSocketFactoryInput('WebSocketIntegration.sqs', { queue, options });
    const groupId = options.messageGroupId ?? (queue.fifo ? '$context.connectionId' : undefined);
    let template = `Action=SendMessage&MessageBody=$util.urlEncode(${options.messageBody ?? '$input.body'})`;
    if (groupId !== undefined) template += `&MessageGroupId=$util.urlEncode(${groupId})`;
    if (queue.fifo) template += '&MessageDeduplicationId=$context.requestId';
    return new AwsWebSocketIntegration(options, sqsCall(queue, template));
  }

  /**
   * Starts an execution of a state machine with each message (an AWS integration to
   * `StartExecution`): by default its input is `{"message": <the JSON message>, "connectionId",
   * "requestId"}`. API Gateway assumes the gateway's Step Functions role, allowed only
   * `states:StartExecution` on the state machines its routes start. A two-way route answers with
   * the execution ARN and start date.
   */
  public static stepFunctionsStartExecution(stateMachine: sfn.IStateMachine,
    options: WebSocketStepFunctionsExecutionOptions = {}): WebSocketIntegration {
    return stepFunctionsIntegration('WebSocketIntegration.stepFunctionsStartExecution', stateMachine, options, false);
  }

  /**
   * Runs an EXPRESS state machine with each message (`StartSyncExecution`, within the integration
   * timeout, at most 29 s); a two-way route answers with the execution's output, or
   * `{"status": "FAILED"}` (`TIMED_OUT`, `ABORTED`, `ERROR`) without the error's details. The
   * role may only `states:StartSyncExecution` on the state machines its routes run.
   */
  public static stepFunctionsStartSyncExecution(stateMachine: sfn.IStateMachine,
    options: WebSocketStepFunctionsExecutionOptions = {}): WebSocketIntegration {
    return stepFunctionsIntegration('WebSocketIntegration.stepFunctionsStartSyncExecution', stateMachine, options, true);
  }

  /**
   * Puts an event on an event bus for each message (`PutEvents`), with a fixed source and detail
   * type; by default the detail is `{"message": <the JSON message>, "connectionId", "requestId"}`.
   * The role may only `events:PutEvents` on the buses its routes use.
   */
  public static eventBridgePutEvents(eventBus: events.IEventBus, options: WebSocketEventBridgePutEventsOptions): WebSocketIntegration {
    const factory = 'WebSocketIntegration.eventBridgePutEvents';
    checkWebSocketFactoryInput(factory, { eventBus, options });
    checkWebSocketValues(factory, { detail: options.detail });
    checkInput(factory, 'options.detail', options.detail?.toString(), eventDetailViolation(options.detail));
    const template = [
      ...jsonPayload(options.detail),
      // The ARN, which PutEvents takes as the bus name too, reaches a bus of another account.
      `{"Entries":[{"EventBusName":"${eventBus.eventBusArn}","Source":"${options.source}","DetailType":"${options.detailType}",`
      + `"Detail":"${ESCAPED_PAYLOAD}"}]}`,
    ].join('\n');
    return new AwsWebSocketIntegration(options, {
      access: SERVICE_ACCESS.eventBridgePutEvents(eventBus),
      uriPath: 'events:action/PutEvents', contentType: JSON_1_1, target: 'AWSEvents.PutEvents', requestTemplate: template,
    });
  }

  /**
   * Writes each message to a Kinesis data stream (`PutRecord`, the message base64-encoded as
   * Kinesis takes it) under the given partition key. The role may only `kinesis:PutRecord` on the
   * streams its routes use (and their customer-managed keys).
   */
  public static kinesisPutRecord(stream: kinesis.IStream, options: WebSocketKinesisPutRecordOptions): WebSocketIntegration {
    const factory = 'WebSocketIntegration.kinesisPutRecord';
    checkWebSocketFactoryInput(factory, { stream, options });
    checkWebSocketValues(factory, { partitionKey: options.partitionKey, data: options.data });
    checkInput(factory, 'options.partitionKey', options.partitionKey.toString(), partitionKeyViolation(options.partitionKey));
    const data = options.data ?? GatewayValue.body();
    const dataText = literalText(data);
    const template = `{"StreamName":"${stream.streamName}","PartitionKey":"${jsonStringValue(options.partitionKey)}",`
      + `"Data":"${dataText !== undefined ? Buffer.from(dataText).toString('base64') : `$util.base64Encode(${data._vtl('WebSocket')})`}"}`;
    return new AwsWebSocketIntegration(options, {
      access: SERVICE_ACCESS.kinesisPutRecord(stream),
      uriPath: 'kinesis:action/PutRecord', contentType: JSON_1_1, target: 'Kinesis_20131202.PutRecord', requestTemplate: template,
    });
  }

  /**
   * A mock integration: API Gateway answers itself, with the status code the request template
   * gives (200 by default) and, on a two-way route, the message the response template makes.
   */
  public static mock(options: WebSocketMockIntegrationOptions = {}): WebSocketIntegration {
    checkWebSocketFactoryInput('WebSocketIntegration.mock', { options });
    return new MockWebSocketIntegration(options);
  }

  /** Builds the integration for one gateway. */
  public abstract bind(options: WebSocketIntegrationBindOptions): WebSocketIntegrationConfig;
}

/** Validates a WebSocket integration timeout (rule 10) and returns it. */
export function validateWebSocketTimeout(options: WebSocketIntegrationBindOptions, timeout: Duration | undefined): Duration | undefined {
  return validateIntegrationTimeout(options.scope, options.routeKey, timeout, { maxMs: WEBSOCKET_MAX_TIMEOUT_MS, appliesTo: 'WebSocket APIs', gateway: options.gateway });
}

/** What aws-cdk-lib's integration of a route is made of, given the route it is bound to. */
type RouteIntegrationConfigurer = (options: apigwv2.WebSocketRouteIntegrationBindOptions) => apigwv2.WebSocketRouteIntegrationConfig;

/**
 * The aws-cdk-lib route integration of the built-in integrations, configured by a function.
 * Defined on first use: extending WebSocketRouteIntegration when this file loads would load
 * aws-cdk-lib's WebSocket API classes with the library (lib/common/lazy.ts).
 */
const configuredRouteIntegrationClass = lazyValue(() => class ConfiguredRouteIntegration extends apigwv2.WebSocketRouteIntegration {
  constructor(private readonly configure: RouteIntegrationConfigurer) {
    super('Integration');
  }

  public bind(options: apigwv2.WebSocketRouteIntegrationBindOptions): apigwv2.WebSocketRouteIntegrationConfig {
    return this.configure(options);
  }
});

function routeIntegration(configure: RouteIntegrationConfigurer): apigwv2.WebSocketRouteIntegration {
  const ConfiguredRouteIntegration = configuredRouteIntegrationClass();
  return new ConfiguredRouteIntegration(configure);
}

class LambdaWebSocketIntegration extends WebSocketIntegration {
  constructor(private readonly handler: lambda.IFunction, private readonly options: WebSocketIntegrationOptions,
    private readonly stageVariable?: string) {
    super();
  }

  public bind(options: WebSocketIntegrationBindOptions): WebSocketIntegrationConfig {
    const timeout = validateWebSocketTimeout(options, this.options.timeout);
    // A Lambda proxy, without aws-cdk-lib's per-route permission.
    const integration = routeIntegration(route => ({
      type: apigwv2.WebSocketIntegrationType.AWS_PROXY,
      uri: lambdaInvocationUri(route.route, invokedFunctionArn(this.handler, this.stageVariable)),
      timeout,
    }));
    return {
      integration,
      ...lambdaInvocationTargets(this.handler, this.stageVariable),
      proxy: true,
    };
  }
}

/**
 * aws-cdk-lib's WebSocketIntegrationType lists no HTTP types although API Gateway and
 * CloudFormation support HTTP_PROXY for WebSocket APIs; the L2 passes the value through.
 */
const HTTP_PROXY = 'HTTP_PROXY' as unknown as apigwv2.WebSocketIntegrationType;

class HttpWebSocketIntegration extends WebSocketIntegration {
  constructor(private readonly url: string, private readonly options: WebSocketHttpIntegrationOptions) {
    super();
  }

  public bind(options: WebSocketIntegrationBindOptions): WebSocketIntegrationConfig {
    const timeout = validateWebSocketTimeout(options, this.options.timeout);
    check(options.scope, `route '${options.routeKey}' integration url`, this.url,
      Token.isUnresolved(this.url) || /^https?:\/\/[^\s/]+/.test(this.url) ? undefined : 'an HTTP integration URL starts with http:// or https:// and a host');
    const method = this.options.httpMethod ?? apigwv2.HttpMethod.POST;
    return { integration: routeIntegration(() => ({ type: HTTP_PROXY, uri: this.url, method, timeout })), proxy: true };
  }
}

/** The content type of the JSON protocol of Step Functions (1.0), and of EventBridge and Kinesis (1.1). */
const JSON_1_0 = 'application/x-amz-json-1.0';
const JSON_1_1 = 'application/x-amz-json-1.1';

/**
 * `$payload` escaped as the text of a JSON string. `$util.escapeJavaScript` also escapes `'` as
 * `\'`, which JSON does not allow; it is put back (the same as aws-cdk-lib's
 * StepFunctionsIntegration template, aws-apigateway/lib/integrations/stepfunctions.vtl).
 */
const UNESCAPE_QUOTES = '.replaceAll("\\\\\'","\'")';
const ESCAPED_PAYLOAD = `$util.escapeJavaScript($payload)${UNESCAPE_QUOTES}`;

/** A value in a form-urlencoded request (SQS): a literal encoded now, others by `$util.urlEncode`. */
function formValue(value: GatewayValue): string {
  const text = literalText(value);
  return text !== undefined ? encodeURIComponent(text) : `$util.urlEncode(${value._vtl('WebSocket')})`;
}

/**
 * A value as the text of a JSON string. A literal has no `"`, `\` or control characters
 * (GatewayValue.literal), so it is written as it is.
 */
function jsonStringValue(value: GatewayValue): string {
  const text = literalText(value);
  return text !== undefined ? text : `$util.escapeJavaScript(${value._vtl('WebSocket')})${UNESCAPE_QUOTES}`;
}

/**
 * The lines of a mapping template that set `$payload` to a JSON text: by default an object with
 * the message (JSON, or null when there is none, as on `$connect`), the connection id and the
 * request id; otherwise the body as it is, a body field as JSON (`$input.json`), a literal (JSON,
 * checked by the factory) or any other value as a JSON string. Values inserted into a VTL string
 * are not parsed again, so a message cannot inject template code.
 */
function jsonPayload(value: GatewayValue | undefined): string[] {
  if (value === undefined) {
    return [
      '#set($q = \'"\')',
      '#set($message = "$!input.body")',
      '#if($message == "")#set($message = "null")#end',
      '#set($payload = "{${q}message${q}:$message,${q}connectionId${q}:${q}$context.connectionId${q},${q}requestId${q}:${q}$context.requestId${q}}")',
    ];
  }
  const text = literalText(value);
  if (text !== undefined) return [`#set($payload = "${text}")`];
  const vtl = value._vtl('WebSocket');
  if (vtl === '$input.body') return ['#set($payload = "$!input.body")'];
  if (vtl.startsWith('$input.path(')) return [`#set($payload = ${vtl.replace('$input.path(', '$input.json(')})`];
  return [
    '#set($q = \'"\')',
    `#set($payload = ${jsonStringValue(value)})`,
    '#set($payload = "${q}$payload${q}")',
  ];
}

/**
 * The answer of a two-way StartSyncExecution route: the output of an execution that succeeded,
 * `{"status": "FAILED"}` (`TIMED_OUT`, `ABORTED`) otherwise, or `{"status": "ERROR"}` when Step
 * Functions refused the call. The error and cause stay in the execution's history.
 */
const SYNC_EXECUTION_RESPONSE = [
  '#set($status = "$!input.path(\'$.status\')")',
  '#if($status == "SUCCEEDED")',
  '$input.path(\'$.output\')',
  '#else',
  '#if($status == "")#set($status = "ERROR")#end',
  '{"status":"$status"}',
  '#end',
].join('\n');

function stepFunctionsIntegration(factory: string, stateMachine: sfn.IStateMachine, options: WebSocketStepFunctionsExecutionOptions,
  sync: boolean): WebSocketIntegration {
  checkWebSocketFactoryInput(factory, { stateMachine, options });
  checkWebSocketValues(factory, { input: options.input, executionName: options.executionName });
  checkStepFunctionsExecution(factory, stateMachine, sync, options);
  const action = sync ? 'StartSyncExecution' : 'StartExecution';
  const name = options.executionName ? `,"name":"${jsonStringValue(options.executionName)}"` : '';
  const template = [
    ...jsonPayload(options.input),
    `{"stateMachineArn":"${stateMachine.stateMachineArn}","input":"${ESCAPED_PAYLOAD}"${name}}`,
  ].join('\n');
  return new AwsWebSocketIntegration(options, {
    access: SERVICE_ACCESS.stepFunctionsExecution(stateMachine, sync),
    // StartSyncExecution through the `states` service, as aws-cdk-lib's StepFunctionsIntegration
    // (aws-apigateway) calls it.
    uriPath: `states:action/${action}`, contentType: JSON_1_0, target: `AWSStepFunctions.${action}`, requestTemplate: template,
    // StartSyncExecution answers 200 whatever the execution's status: the output when it
    // succeeded, the status alone otherwise (the error and cause stay in the execution's history).
    responseTemplate: sync ? SYNC_EXECUTION_RESPONSE : undefined,
  });
}

/** The SendMessage call of both SQS factories (the query API, a form-urlencoded request on the queue's path). */
function sqsCall(queue: sqs.IQueue, template: string, violation?: (routeKey: string) => RouteViolation | undefined): WebSocketServiceCall {
  return {
    access: SERVICE_ACCESS.sqsSendMessage(queue),
    uriPath: `sqs:path/${queue.env.account}/${queue.queueName}`, contentType: 'application/x-www-form-urlencoded', requestTemplate: template, violation,
  };
}

/** The service call of an AWS integration, and what its role may do. */
interface WebSocketServiceCall {
  /** What the gateway's role for the service may do (one table for the three gateways). */
  readonly access: ServiceAccess;
  /** The integration URI after `arn:{partition}:apigateway:{region}:`, e.g. `states:action/StartExecution`. */
  readonly uriPath: string;
  readonly contentType: string;
  /** The `X-Amz-Target` header of a JSON-protocol action. */
  readonly target?: string;
  readonly requestTemplate: string;
  readonly responseTemplate?: string;
  readonly violation?: (routeKey: string) => RouteViolation | undefined;
}

/**
 * An AWS integration of a WebSocket API (type `AWS`, a request mapping template; "Set up a
 * WebSocket API integration request in API Gateway", API Gateway developer guide), calling the
 * service with the gateway's role for it (ServiceRoles), which is allowed only this call's action
 * on its resource. Every route using it is created after the role's policy.
 */
class AwsWebSocketIntegration extends WebSocketIntegration {
  constructor(private readonly options: WebSocketIntegrationOptions, private readonly call: WebSocketServiceCall) {
    super();
  }

  public bind(options: WebSocketIntegrationBindOptions): WebSocketIntegrationConfig {
    const timeout = validateWebSocketTimeout(options, this.options.timeout);
    const call = this.call;
    const stack = Stack.of(options.scope);
    const role = ServiceRoles.of(options.gateway).grantAccess(call.access);
    const requestParameters: { [key: string]: string } = { 'integration.request.header.Content-Type': `'${call.contentType}'` };
    if (call.target) {
      requestParameters['integration.request.header.X-Amz-Target'] = `'${call.target}'`;
    }
    const config: apigwv2.WebSocketRouteIntegrationConfig = {
      type: apigwv2.WebSocketIntegrationType.AWS,
      uri: `arn:${stack.partition}:apigateway:${stack.region}:${call.uriPath}`,
      method: 'POST',
      credentialsRole: role,
      requestParameters,
      requestTemplates: { $default: call.requestTemplate },
      templateSelectionExpression: '\\$default',
      passthroughBehavior: apigwv2.PassthroughBehavior.NEVER,
      timeout,
    };
    const integration = routeIntegration(() => config);
    requireOfEveryRoute(integration, { dependencies: [role], violation: call.violation });
    return { integration, responseTemplate: call.responseTemplate };
  }
}

/** A MOCK integration ("Integrations for WebSocket APIs", API Gateway developer guide). */
class MockWebSocketIntegration extends WebSocketIntegration {
  constructor(private readonly options: WebSocketMockIntegrationOptions) {
    super();
  }

  public bind(_options: WebSocketIntegrationBindOptions): WebSocketIntegrationConfig {
    const integration = routeIntegration(() => ({
      type: apigwv2.WebSocketIntegrationType.MOCK,
      uri: '',
      requestTemplates: { $default: this.options.requestTemplate ?? '{"statusCode": 200}' },
      templateSelectionExpression: '\\$default',
    }));
    return { integration, responseTemplate: this.options.responseTemplate };
  }
}
