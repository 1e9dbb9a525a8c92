/**
 * REST integrations with AWS services (issue 16): SQS, Step Functions, EventBridge, Kinesis,
 * DynamoDB and S3 called by API Gateway itself (integration type AWS), with a request mapping
 * template (VTL) built from `GatewayValue`s, a client-friendly response mapping, service errors
 * mapped to generic 4XX/5XX answers, and one least-privilege role per gateway and service
 * (`ServiceRoles`). RestIntegration's static factories (lib/rest/integration.ts) delegate here:
 * each function below checks its options at once and returns the route's `bind`.
 *
 * Facts relied on, with their sources:
 * - Integration responses of AWS (non-Lambda) integrations are selected by the backend's HTTP
 *   status code ("For all other HTTP and AWS back ends, the HTTP status code is matched",
 *   API Gateway API reference, IntegrationResponse.selectionPattern).
 * - `$context.responseOverride.status` overrides the status from a response template, once
 *   ("Override your API's request and response parameters and status codes", API Gateway
 *   developer guide).
 * - `$util.escapeJavaScript` escapes `'` as `\'`, which JSON does not allow: its output is passed
 *   through `.replaceAll("\\'","'")` (API Gateway mapping template reference, `$util`).
 * - A mapping template is at most 300 KB, and a `#foreach` runs at most 1,000 times ("Quotas for
 *   configuring and running a REST API in API Gateway", not adjustable).
 */
import { Duration, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { IDependable } from 'constructs';
import { GatewayValidationError } from '../common/errors';
import { InputCheck, InputSpec, aBoolean, aDuration, aNumber, aResource, aString, aStruct, mapOf, required } from '../common/input';
import { lazyValue } from '../common/lazy';
import { parseRouteKey } from '../common/route-key';
import { AwsService, GatewayValue, SERVICE_ACCESS, ServiceRoles } from '../common/service-integrations';
import {
  A_GATEWAY_VALUE, checkSqsSendMessage, checkStepFunctionsExecution, eventDetailTypeViolation, eventDetailViolation, eventSourceViolation, partitionKeyViolation,
} from '../common/service-rules';
// Type-only: integration.ts imports this file, and this file reads its values at bind time only.
import type { RestIntegrationBindOptions, RestIntegrationConfig, RestIntegrationOptions } from './integration';
import { validateRestTimeout } from './integration';

/** Options of every REST AWS-service integration that maps the request with a template. */
export interface RestServiceIntegrationOptions extends RestIntegrationOptions {
  /**
   * A request mapping template (VTL) that replaces the integration's default one: the body of
   * the service call, for requests of content type `application/json` (or without a
   * `Content-Type`). Requests of other content types are answered 415 (the passthrough behaviour
   * is NEVER, so an unmapped body never reaches the service). The response mapping, the role and
   * its permissions stay as they are. At most 300 KB (API Gateway's mapping-template quota).
   * @default - the mapping described on the factory
   */
  readonly requestTemplate?: string;
}

/** Options of `RestIntegration.sqsSendMessage`. */
export interface RestSqsSendMessageOptions extends RestServiceIntegrationOptions {
  /**
   * The message body.
   * @default GatewayValue.body() - the whole request body
   */
  readonly messageBody?: GatewayValue;
  /**
   * The message group: required by a FIFO queue; on a standard queue it names the message's
   * tenant for fair queues. E.g. `GatewayValue.pathParameter('tenant')`.
   * @default - none (a FIFO queue requires one)
   */
  readonly messageGroupId?: GatewayValue;
  /**
   * The deduplication id of a FIFO queue's message (FIFO queues only).
   * @default - the request id (`$context.requestId`) on FIFO queues: a retried HTTP request is a new message
   */
  readonly messageDeduplicationId?: GatewayValue;
  /**
   * How long the message stays invisible after it is sent: 0 to 900 seconds, whole seconds.
   * Standard queues only (FIFO queues have only a per-queue delay).
   * @default - the queue's delivery delay
   */
  readonly delay?: Duration;
  /**
   * Whether each message carries the message attributes `requestId` (`$context.requestId`),
   * `sourceIp` (`$context.identity.sourceIp`) and, when the route knows the caller, `caller`
   * (the IAM user ARN, else the Lambda authorizer's principal id, else the Cognito `sub` claim).
   * @default true
   */
  readonly callerAttributes?: boolean;
}

/** Options of `RestIntegration.stepFunctionsStartExecution` and `stepFunctionsStartSyncExecution`. */
export interface RestStepFunctionsExecutionOptions extends RestServiceIntegrationOptions {
  /**
   * The execution's input (JSON): the body or a field of it is passed as JSON, a literal as the
   * JSON it must be, any other value as a JSON string.
   * @default GatewayValue.body() - the whole request body
   */
  readonly input?: GatewayValue;
  /**
   * The execution's name (1 to 80 characters; a name used again within 90 days is refused for
   * STANDARD workflows, which makes a start idempotent), e.g. `GatewayValue.header('Idempotency-Key')`.
   * @default - a name Step Functions generates
   */
  readonly executionName?: GatewayValue;
}

/** Options of `RestIntegration.eventBridgePutEvents`. */
export interface RestEventBridgePutEventsOptions extends RestServiceIntegrationOptions {
  /**
   * The events' source, fixed by the route: 1 to 256 letters, digits, `.`, `_`, `-` and `/`,
   * not starting with `aws.` (reserved for AWS services), e.g. `com.example.orders`.
   */
  readonly source: string;
  /** The events' detail type, fixed by the route: 1 to 128 characters, e.g. `OrderPlaced`. */
  readonly detailType: string;
  /**
   * The event's detail: a JSON object, so the body or a field of it.
   * @default GatewayValue.body() - the whole request body
   */
  readonly detail?: GatewayValue;
}

/** Options of `RestIntegration.kinesisPutRecord`. */
export interface RestKinesisPutRecordOptions extends RestServiceIntegrationOptions {
  /** The record's partition key (at most 256 characters), e.g. `GatewayValue.pathParameter('deviceId')`. */
  readonly partitionKey: GatewayValue;
  /**
   * The record's data (sent base64-encoded, as PutRecord takes it).
   * @default GatewayValue.body() - the whole request body
   */
  readonly data?: GatewayValue;
}

/** A key attribute and the request value it is compared with. */
export interface RestDynamoDbKeyValue {
  /** The attribute's name: 1 to 255 letters, digits, `_`, `.` and `-`. */
  readonly name: string;
  /** The request value, e.g. `GatewayValue.pathParameter('customerId')`. */
  readonly value: GatewayValue;
}

/** Options of `RestIntegration.dynamoDbGetItem`. */
export interface RestDynamoDbGetItemOptions extends RestServiceIntegrationOptions {
  /**
   * The item's key, by attribute name: `{ id: GatewayValue.pathParameter('id') }`. For a
   * `dynamodb.Table` of the app, the names must be its key attributes and the types follow its
   * key schema; otherwise each value is sent as a string (`S`).
   */
  readonly key: { [attribute: string]: GatewayValue };
  /**
   * Whether the read is strongly consistent.
   * @default false
   */
  readonly consistentRead?: boolean;
}

/** Options of `RestIntegration.dynamoDbPutItem`. */
export interface RestDynamoDbPutItemOptions extends RestServiceIntegrationOptions {
  /**
   * The item's key, by attribute name. Key attributes not listed here are read from the body.
   * @default - for a `dynamodb.Table` of the app, each key attribute from the route's path
   * parameter of the same name when there is one; the others from the body
   */
  readonly key?: { [attribute: string]: GatewayValue };
  /**
   * The item's other attributes, by name, each stored as a string (`S`), or typed from JSON when
   * read from a body field.
   * @default - every top-level field of the JSON body: strings as `S`, numbers as `N`, booleans as
   * `BOOL`, null as `NULL`, objects and arrays as their JSON text (`S`)
   */
  readonly item?: { [attribute: string]: GatewayValue };
}

/** Options of `RestIntegration.dynamoDbQuery`. */
export interface RestDynamoDbQueryOptions extends RestServiceIntegrationOptions {
  /** The partition key the items share (the table's, or the index's when `indexName` is given). */
  readonly partitionKey: RestDynamoDbKeyValue;
  /**
   * A global or local secondary index to query (the role may then query only that index).
   * @default - the table
   */
  readonly indexName?: string;
  /**
   * How many items one request returns at most: 1 to 1,000 (a mapping template's `#foreach`
   * runs at most 1,000 times).
   * @default 100
   */
  readonly limit?: number;
  /**
   * Whether items are returned in ascending sort-key order.
   * @default true
   */
  readonly scanIndexForward?: boolean;
  /**
   * Whether the read is strongly consistent (not on global secondary indexes).
   * @default false
   */
  readonly consistentRead?: boolean;
}

/** Options of `RestIntegration.s3GetObject` and `s3PutObject`. */
export interface RestS3ObjectOptions extends RestIntegrationOptions {
  /**
   * The object's key (after `keyPrefix`): a path, query-string or header parameter, a context or
   * stage variable, or a literal; not the body, which is the object. A greedy path parameter
   * (`GET /files/{path+}` with `GatewayValue.pathParameter('path')`) reads keys with `/`.
   */
  readonly key: GatewayValue;
  /**
   * A fixed prefix of every key, e.g. `uploads/`: the route reaches only the objects under it,
   * and the role may only read (or write) those. Letters, digits and `! - _ . * ' ( ) /`, not
   * starting with `/`.
   * @default - no prefix: the route reaches every object of the bucket
   */
  readonly keyPrefix?: string;
}

/** The bind function a RestIntegration factory delegates to. */
export type ServiceBinder = (options: RestIntegrationBindOptions) => RestIntegrationConfig;

// ---------------------------------------------------------------------------------------------
// Rules (pure functions returning the violated rule, or undefined)

/** API Gateway's mapping-template quota: 300 KB, not adjustable. */
export const MAX_MAPPING_TEMPLATE_BYTES = 300 * 1024;

/** Why a mapping template is too large, or undefined. */
export function mappingTemplateSizeViolation(template: string): string | undefined {
  const bytes = Buffer.byteLength(template, 'utf8');
  return bytes > MAX_MAPPING_TEMPLATE_BYTES
    ? `a mapping template is at most 300 KB (${MAX_MAPPING_TEMPLATE_BYTES} bytes; API Gateway quota "Maximum mapping template size", not adjustable); this one is ${bytes} bytes`
    : undefined;
}

const FIXED_AT_SYNTH = 'a mapping is fixed at synth time; it cannot hold a deploy-time token: give a literal string';

/** Why a value the route fixes is not a literal string (a token), or undefined. */
export function literalViolation(text: string): string | undefined {
  return Token.isUnresolved(text) ? FIXED_AT_SYNTH : undefined;
}

/** Why a DynamoDB attribute name cannot be used in a mapping, or undefined. */
export function attributeNameViolation(name: string): string | undefined {
  if (Token.isUnresolved(name)) return FIXED_AT_SYNTH;
  return /^[A-Za-z0-9_.-]{1,255}$/.test(name) ? undefined
    : 'an attribute name here is 1 to 255 letters, digits, \'_\', \'.\' and \'-\' (DynamoDB allows more, but a mapping template would read other characters as code)';
}

/** Why a DynamoDB index name is not valid, or undefined (3 to 255 characters of a-z, A-Z, 0-9, `_`, `-`, `.`). */
export function indexNameViolation(name: string): string | undefined {
  if (Token.isUnresolved(name)) return FIXED_AT_SYNTH;
  return /^[A-Za-z0-9_.-]{3,255}$/.test(name) ? undefined : 'an index name is 3 to 255 letters, digits, \'_\', \'-\' and \'.\'';
}

/** Why a Query limit is not usable, or undefined. */
export function queryLimitViolation(limit: number): string | undefined {
  if (Token.isUnresolved(limit)) return FIXED_AT_SYNTH;
  return Number.isInteger(limit) && limit >= 1 && limit <= 1000 ? undefined
    : 'a query limit is a whole number from 1 to 1,000 (the response mapping\'s #foreach runs at most 1,000 times)';
}

/** Why an S3 key prefix is not usable, or undefined (S3's "safe characters" for object keys). */
export function s3KeyPrefixViolation(prefix: string): string | undefined {
  if (Token.isUnresolved(prefix)) return FIXED_AT_SYNTH;
  return /^[A-Za-z0-9!_.*'()-][A-Za-z0-9!_.*'()/-]{0,511}$/.test(prefix) ? undefined
    : 'a key prefix is 1 to 512 of S3\'s safe characters (letters, digits, ! - _ . * \' ( ) and /), not starting with /';
}

// ---------------------------------------------------------------------------------------------
// GatewayValue rendering (VTL)

type ValueKind = 'body' | 'bodyField' | 'literal' | 'text';

function kindOf(value: GatewayValue): ValueKind {
  if (value._isLiteral) return 'literal';
  const vtl = value._vtl('REST');
  if (vtl === '$input.body') return 'body';
  return vtl.startsWith('$input.path(') ? 'bodyField' : 'text';
}

/** The VTL of the value's JSON text: `$input.json('$')` for the body, `$input.json('$.a')` for a field. */
function jsonOf(value: GatewayValue): string {
  return kindOf(value) === 'body' ? '$input.json(\'$\')' : value._vtl('REST').replace('$input.path(', '$input.json(');
}

const UNQUOTE = String.raw`.replaceAll("\\'","'")`;

/** VTL escaping `expr` for a JSON string (quiet: nothing when it is null). */
function escaped(expr: string): string {
  return `$!util.escapeJavaScript(${expr})${UNQUOTE}`;
}

/** Escapes a literal text for a JSON string. */
function jsonEscaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** The value as the content of a JSON string (its text). */
function stringContent(value: GatewayValue): string {
  return value._isLiteral ? jsonEscaped(value._vtl('REST')) : escaped(value._vtl('REST'));
}

/**
 * The value as the content of a JSON string holding JSON (Step Functions input, EventBridge
 * detail): the body or a field as JSON, any other value as a JSON string.
 */
function embeddedJsonContent(value: GatewayValue): string {
  switch (kindOf(value)) {
    case 'body':
    case 'bodyField':
      return escaped(jsonOf(value));
    case 'literal':
      // A literal input or detail is JSON text (service-rules checks it).
      return jsonEscaped(value._vtl('REST'));
    case 'text':
      return `\\"${escaped(escaped(value._vtl('REST')).replace(/^\$!/, '$'))}\\"`;
  }
}

/** The value as a form-urlencoded parameter value (SQS). */
function urlEncoded(value: GatewayValue): string {
  switch (kindOf(value)) {
    case 'literal': return encodeURIComponent(value._vtl('REST'));
    case 'bodyField': return `$util.urlEncode(${jsonOf(value)})`;
    default: return `$util.urlEncode(${value._vtl('REST')})`;
  }
}

/** The value base64-encoded (Kinesis data). */
function base64Of(value: GatewayValue): string {
  switch (kindOf(value)) {
    case 'literal': return Buffer.from(value._vtl('REST'), 'utf8').toString('base64');
    case 'bodyField': return `$util.base64Encode(${jsonOf(value)})`;
    default: return `$util.base64Encode(${value._vtl('REST')})`;
  }
}

/**
 * The integration request parameter reading the value (S3 keys): `method.request.path.id`,
 * `context.requestId`, `'text'`.
 */
function requestParameterOf(value: GatewayValue): string | undefined {
  const vtl = value._vtl('REST');
  if (value._isLiteral) return vtl.includes('\'') ? undefined : `'${vtl}'`;
  const param = /^\$input\.params\(\)\.(path|querystring|header)\.get\('(.+)'\)$/.exec(vtl);
  if (param) return `method.request.${param[1]}.${param[2]}`;
  if (vtl.startsWith('$context.')) return vtl.slice(1);
  if (vtl.startsWith('$stageVariables.')) return vtl.slice(1);
  return undefined;
}


// ---------------------------------------------------------------------------------------------
// Responses

const JSON_TYPE = 'application/json';
const message = (text: string) => JSON.stringify({ message: text });

/**
 * The 4XX answer of a service that names its error (`__type` of the AWS JSON protocols, or
 * `Error.Code`): throttling is 429, a conflict 409, the route's own misconfiguration (a missing
 * resource, a denied key) 500, anything else 400. The service's message is never passed on: it
 * can name resources, keys and account ids the client should not see.
 */
const CLASSIFIED_4XX = [
  '#set($error = $input.path(\'$\'))',
  '#set($type = "$!error.get(\'__type\')$!error.get(\'Error\').get(\'Code\')")',
  '#if($type.contains(\'Throttl\') || $type.contains(\'ThroughputExceeded\') || $type.contains(\'LimitExceeded\'))',
  '#set($context.responseOverride.status = 429)',
  message('Too many requests'),
  '#elseif($type.contains(\'ConditionalCheckFailed\') || $type.contains(\'ExecutionAlreadyExists\') || $type.contains(\'TransactionConflict\'))',
  '#set($context.responseOverride.status = 409)',
  message('Conflict'),
  '#elseif($type.contains(\'NotFound\') || $type.contains(\'DoesNotExist\') || $type.contains(\'NonExistent\') || $type.contains(\'AccessDenied\') '
    + '|| $type.contains(\'KMS\') || $type.contains(\'Kms\') || $type.contains(\'NotAuthorized\') || $type.contains(\'UnrecognizedClient\') '
    + '|| $type.contains(\'InvalidArn\') || $type.contains(\'Deleting\'))',
  '#set($context.responseOverride.status = 500)',
  message('Internal server error'),
  '#else',
  message('Bad request'),
  '#end',
].join('\n');

/** Every 4XX but 403: `4(0[0-24-9]|[1-9]\d)`. */
const CLIENT_ERRORS = '4(0[0-24-9]|[1-9]\\d)';

/**
 * The error integration responses: 403 (the role may not: our fault) → 500, other 4XX → 400
 * (classified when the service names its error), 5XX → 500. Each answers a generic message.
 */
function errorResponses(classify: boolean, notFound = false): apigateway.IntegrationResponse[] {
  const json = (body: string) => ({ [JSON_TYPE]: body });
  return [
    notFound
      // S3 answers 403, not 404, for a missing key when the caller may not list the bucket (the
      // role may not: s3:ListBucket would reveal the bucket's keys).
      ? { selectionPattern: '40[34]', statusCode: '404', responseTemplates: json(message('Not found')) }
      : { selectionPattern: '403', statusCode: '500', responseTemplates: json(message('Internal server error')) },
    { selectionPattern: notFound ? '4(0[0-25-9]|[1-9]\\d)' : CLIENT_ERRORS, statusCode: '400', responseTemplates: json(classify ? CLASSIFIED_4XX : message('Bad request')) },
    { selectionPattern: '5\\d{2}', statusCode: '500', responseTemplates: json(message('Internal server error')) },
  ];
}

function methodResponses(statuses: string[], headers: string[] = []): apigateway.MethodResponse[] {
  return statuses.map(statusCode => ({
    statusCode,
    responseParameters: statusCode === '200' && headers.length > 0
      ? Object.fromEntries(headers.map(h => [`method.response.header.${h}`, true])) : undefined,
  }));
}

function ok(template: string, responseParameters?: { [k: string]: string }): apigateway.IntegrationResponse {
  return { statusCode: '200', responseTemplates: { [JSON_TYPE]: template }, responseParameters };
}

// ---------------------------------------------------------------------------------------------
// The integration every service call is

/** An AWS integration that makes its method depend on the role's policy (created on first use). */
const dependentAwsIntegration = lazyValue(() => class DependentAwsIntegration extends apigateway.AwsIntegration {
  private readonly dependencies: IDependable[];

  constructor(props: apigateway.AwsIntegrationProps, dependencies: IDependable[]) {
    super(props);
    this.dependencies = dependencies;
  }

  public bind(method: apigateway.Method): apigateway.IntegrationConfig {
    // API Gateway may call the service as soon as the method is deployed: the role's permissions
    // must exist by then.
    method.node.addDependency(...this.dependencies);
    return super.bind(method);
  }
});

/** One service call, as the factories describe it. */
interface ServiceCall {
  /** The request values the mapping reads, by option (a path parameter must be the route's). */
  readonly values: ValuesRead;
  readonly service: AwsService;
  /** The service of the integration URI (`sqs`, `states`...). */
  readonly uriService: string;
  readonly action?: string;
  readonly path?: string;
  readonly httpMethod: string;
  readonly actions: string[];
  readonly resources: string[];
  readonly key?: kms.IKey;
  readonly keyActions?: string[];
  /** Static or mapped integration request parameters. */
  readonly requestParameters?: { [name: string]: string };
  /** Method request parameters the mapping reads (declared, not required). */
  readonly methodRequestParameters?: { [name: string]: boolean };
  /** The default request template (none: the body passes through, for S3). */
  readonly requestTemplate?: string;
  readonly integrationResponses: apigateway.IntegrationResponse[];
  readonly methodResponses: apigateway.MethodResponse[];
}

/** The request values a mapping reads, by the option that gave them (for the path-parameter check). */
type ValuesRead = Array<[prop: string, value: GatewayValue | undefined]>;

/** The values of an attribute map, named `prefix.attribute`. */
function valuesOf(prefix: string, map: { [attribute: string]: GatewayValue } | undefined): ValuesRead {
  return Object.entries(map ?? {}).map(([name, value]) => [`${prefix}.${name}`, value]);
}

/** Throws when a mapping reads a path parameter the route does not declare. */
function checkPathParameters(options: RestIntegrationBindOptions, values: ValuesRead): void {
  const declared = parseRouteKey(options.routeKey).pathParameters;
  for (const [prop, value] of values) {
    const name = value?._pathParameter;
    if (name !== undefined && !declared.includes(name)) {
      throw new GatewayValidationError(options.scope, `route '${options.routeKey}' ${prop}`, value!.toString(),
        `the route has no path parameter {${name}}`
        + (declared.length > 0 ? ` (it has ${declared.map(p => `{${p}}`).join(', ')})` : ' (it has none)')
        + '; a mapping reads only path parameters its route declares');
    }
  }
}

/** Binds a service call to a route: the role's grant, the AWS integration and the method responses. */
function bindCall(options: RestIntegrationBindOptions, timeoutOptions: RestIntegrationOptions, call: ServiceCall,
  userTemplate: string | undefined): RestIntegrationConfig {
  checkPathParameters(options, call.values);
  const timeout = validateRestTimeout(options, timeoutOptions.timeout);
  const template = userTemplate ?? call.requestTemplate;
  if (template !== undefined) {
    const violation = mappingTemplateSizeViolation(template);
    if (violation) {
      throw new GatewayValidationError(options.scope, `route '${options.routeKey}' ${userTemplate !== undefined ? 'requestTemplate' : 'request mapping'}`,
        `${Buffer.byteLength(template, 'utf8')} bytes`, violation);
    }
  }
  const role = ServiceRoles.of(options.gateway).grant(call.service, call.actions, call.resources, call.key, call.keyActions ?? []);
  const policy = role.node.tryFindChild('DefaultPolicy');
  const AwsIntegration = dependentAwsIntegration();
  const integration = new AwsIntegration({
    service: call.uriService,
    action: call.action,
    path: call.path,
    integrationHttpMethod: call.httpMethod,
    options: {
      credentialsRole: role,
      timeout,
      cacheKeyParameters: options.cacheKeyParameters,
      requestParameters: call.requestParameters,
      requestTemplates: template !== undefined ? { [JSON_TYPE]: template } : undefined,
      // Without a template (S3) the body passes through unchanged; with one, a request of another
      // content type is refused (415) rather than sent to the service unmapped.
      passthroughBehavior: template !== undefined ? apigateway.PassthroughBehavior.NEVER : apigateway.PassthroughBehavior.WHEN_NO_TEMPLATES,
      integrationResponses: call.integrationResponses,
    },
  }, policy ? [policy] : []);
  return { integration, methodResponses: call.methodResponses, requestParameters: call.methodRequestParameters };
}

function factoryError(factory: string, prop: string, value: unknown, violation: string | undefined): void {
  if (violation !== undefined) {
    throw GatewayValidationError.forFactory(factory, prop, value, violation);
  }
}

function checkTemplate(factory: string, template: string | undefined): void {
  if (template === undefined) return;
  factoryError(factory, 'options.requestTemplate', template.length > 80 ? `${template.slice(0, 80)}...` : template,
    template.trim() === '' ? 'a request template is not empty' : mappingTemplateSizeViolation(template));
}


function checkNotBody(factory: string, prop: string, value: GatewayValue | undefined, rule: string): void {
  factoryError(factory, prop, value?.toString(), value !== undefined && kindOf(value) === 'body' ? rule : undefined);
}

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

function executionRequest(stateMachine: sfn.IStateMachine, options: RestStepFunctionsExecutionOptions): string {
  const fields = [
    `"stateMachineArn":"${stateMachine.stateMachineArn}"`,
    `"input":"${embeddedJsonContent(options.input ?? GatewayValue.body())}"`,
  ];
  if (options.executionName !== undefined) fields.push(`"name":"${stringContent(options.executionName)}"`);
  return `{${fields.join(',')}}`;
}

function checkExecution(factory: string, stateMachine: sfn.IStateMachine, sync: boolean, options: RestStepFunctionsExecutionOptions): void {
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
const SYNC_RESPONSE = [
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
const PUT_EVENTS_RESPONSE = [
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

// ---------------------------------------------------------------------------------------------
// DynamoDB

/** The key schema of a `dynamodb.Table` of the app (or undefined: imported tables, TableV2). */
function keySchema(table: dynamodb.ITable, factory: string, indexName?: string): { partition: dynamodb.Attribute[]; sort: dynamodb.Attribute[] } | undefined {
  const schemaV2 = (table as { schemaV2?: (index?: string) => dynamodb.KeySchema }).schemaV2;
  if (typeof schemaV2 !== 'function') return undefined;
  try {
    const schema = schemaV2.call(table, indexName);
    return { partition: [...schema.partitionKeys], sort: [...schema.sortKeys ?? []] };
  } catch {
    if (indexName === undefined) return undefined;
    throw GatewayValidationError.forFactory(factory, 'options.indexName', indexName, `the table ${table.node.path} has no index named ${indexName}`);
  }
}

function keyAttributes(schema: { partition: dynamodb.Attribute[]; sort: dynamodb.Attribute[] }): dynamodb.Attribute[] {
  return [...schema.partition, ...schema.sort];
}

/** `{"S":"..."}` (or N, B by the key schema) of a request value. */
function typedValue(type: string, value: GatewayValue): string {
  return `{"${type}":"${stringContent(value)}"}`;
}

function checkAttributeMap(factory: string, prop: string, map: { [attribute: string]: GatewayValue } | undefined): void {
  for (const [name, value] of Object.entries(map ?? {})) {
    factoryError(factory, `${prop}.${name}`, name, attributeNameViolation(name));
    checkNotBody(factory, `${prop}.${name}`, value, 'an attribute is a single value (a path parameter, a body field...), not the whole body');
  }
}

/**
 * JSON text of a JSON value held in `$j` as a DynamoDB attribute value: strings S, numbers N,
 * booleans BOOL, null NULL, objects and arrays their JSON text (S).
 */
const TYPED_FROM_JSON = [
  '#if($j.startsWith(\'"\')){"S":$j}',
  '#elseif($j == "true" || $j == "false"){"BOOL":$j}',
  '#elseif($j == "" || $j == "null"){"NULL":true}',
  `#elseif($j.startsWith('{') || $j.startsWith('[')){"S":"${escaped('$j')}"}`,
  '#else{"N":"$j"}#end',
].join('');

/**
 * An item (a Map in `$item`, at JSONPath `path`) as plain JSON: S as strings, N as numbers, BOOL,
 * NULL, SS as arrays; other types (M, L, B, NS, BS) in DynamoDB's typed JSON.
 */
function plainItem(path: string): string {
  return [
    '{#set($sep = "")#foreach($name in $item.keySet())#set($attr = $item.get($name))',
    `$sep"${escaped('$name')}":`,
    `#if($attr.containsKey('S'))"${escaped('$attr.get(\'S\')')}"`,
    '#elseif($attr.containsKey(\'N\'))$attr.get(\'N\')',
    '#elseif($attr.containsKey(\'BOOL\'))$attr.get(\'BOOL\')',
    '#elseif($attr.containsKey(\'NULL\'))null',
    '#elseif($name.contains("\'"))null',
    `#elseif($attr.containsKey('SS'))$input.json("${path}['$name'].SS")`,
    `#{else}$input.json("${path}['$name']")#end`,
    '#set($sep = ",")#end}',
  ].join('');
}

const GET_ITEM_RESPONSE = [
  '#set($result = $input.path(\'$\'))',
  '#if("$!result" == "" || !$result.containsKey(\'Item\'))',
  '#set($context.responseOverride.status = 404)',
  message('Not found'),
  '#else',
  '#set($item = $result.get(\'Item\'))',
  plainItem('$.Item'),
  '#end',
].join('\n');

const QUERY_RESPONSE = [
  '#set($result = $input.path(\'$\'))',
  '#set($i = 0)#set($isep = "")',
  `{"items":[#foreach($item in $result.get('Items'))$isep${plainItem('$.Items[$i]')}#set($isep = ",")#set($i = $i + 1)#end],`
    + '"count":$input.json(\'$.Count\'),"hasMore":#if($result.containsKey(\'LastEvaluatedKey\'))true#{else}false#end}',
].join('\n');

/** The key attributes as DynamoDB JSON, typed by the key schema when known (otherwise S). */
function keyJson(key: { [attribute: string]: GatewayValue }, types: Map<string, string>): string {
  return Object.entries(key).map(([name, value]) => `"${name}":${typedValue(types.get(name) ?? 'S', value)}`).join(',');
}

/** GetItem (`dynamodb:action/GetItem`): 200 with the item as plain JSON, 404 when there is none. */
export function dynamoDbGetItem(table: dynamodb.ITable, options: RestDynamoDbGetItemOptions): ServiceBinder {
  const factory = 'RestIntegration.dynamoDbGetItem';
  checkAttributeMap(factory, 'options.key', options.key);
  const schema = keySchema(table, factory);
  const types = new Map(schema ? keyAttributes(schema).map(a => [a.name, a.type as string]) : []);
  if (schema) {
    const expected = keyAttributes(schema).map(a => a.name);
    const given = Object.keys(options.key);
    factoryError(factory, 'options.key', given, expected.length === given.length && expected.every(n => given.includes(n)) ? undefined
      : `the key of ${table.node.path} is ${expected.join(' and ')}: give exactly these attributes`);
  } else {
    factoryError(factory, 'options.key', options.key, Object.keys(options.key).length === 0 ? 'a key has at least one attribute' : undefined);
  }
  checkTemplate(factory, options.requestTemplate);
  return bindOptions => {
    return bindCall(bindOptions, options, {
      values: valuesOf('key', options.key),
      service: 'dynamodb',
      uriService: 'dynamodb',
      action: 'GetItem',
      httpMethod: 'POST',
      actions: ['dynamodb:GetItem'],
      resources: [table.tableArn],
      key: table.encryptionKey,
      // aws-cdk-lib's Table.grantReadData: the key's read actions.
      keyActions: ['kms:Decrypt', 'kms:DescribeKey'],
      requestTemplate: `{"TableName":"${table.tableName}","Key":{${keyJson(options.key, types)}},"ConsistentRead":${options.consistentRead ?? false}}`,
      integrationResponses: [ok(GET_ITEM_RESPONSE), ...errorResponses(true)],
      methodResponses: methodResponses(['200', '400', '404', '409', '429', '500']),
    }, options.requestTemplate);
  };
}

/** PutItem (`dynamodb:action/PutItem`): the item from the JSON body, its key from the route's path parameters. */
export function dynamoDbPutItem(table: dynamodb.ITable, options: RestDynamoDbPutItemOptions): ServiceBinder {
  const factory = 'RestIntegration.dynamoDbPutItem';
  checkAttributeMap(factory, 'options.key', options.key);
  checkAttributeMap(factory, 'options.item', options.item);
  const schema = keySchema(table, factory);
  const types = new Map(schema ? keyAttributes(schema).map(a => [a.name, a.type as string]) : []);
  if (schema && options.key) {
    const names = keyAttributes(schema).map(a => a.name);
    for (const name of Object.keys(options.key)) {
      factoryError(factory, `options.key.${name}`, name, names.includes(name) ? undefined : `${name} is not a key attribute of ${table.node.path} (${names.join(', ')})`);
    }
  }
  for (const name of Object.keys(options.item ?? {})) {
    factoryError(factory, `options.item.${name}`, name, options.key?.[name] !== undefined ? `${name} is given in key already` : undefined);
  }
  checkTemplate(factory, options.requestTemplate);
  return bindOptions => {
    const routeParams = parseRouteKey(bindOptions.routeKey).pathParameters;
    // The key: given, or each key attribute from the path parameter of its name.
    const key: { [name: string]: GatewayValue } = { ...options.key };
    for (const attribute of schema ? keyAttributes(schema) : []) {
      if (key[attribute.name] === undefined && routeParams.includes(attribute.name)) {
        key[attribute.name] = GatewayValue.pathParameter(attribute.name);
      }
    }
    const attributes = [keyJson(key, types)];
    if (options.item) {
      attributes.push(...Object.entries(options.item).map(([name, value]) => kindOf(value) === 'bodyField'
        ? `"${name}":#set($j = "")#set($j = ${jsonOf(value)})${TYPED_FROM_JSON}`
        : `"${name}":{"S":"${stringContent(value)}"}`));
    }
    const fixed = attributes.filter(a => a !== '').join(',');
    const fromBody = options.item ? '' : [
      '#set($body = $input.path(\'$\'))',
      `#set($sep = "${fixed === '' ? '' : ','}")`,
      `#set($skip = [${Object.keys(key).map(n => `"${n}"`).join(',')}])`,
      '#foreach($name in $body.keySet())#if(!$skip.contains($name) && !$name.contains("\'"))',
      `#set($j = "")#set($j = $input.json("$['$name']"))$sep"${escaped('$name')}":${TYPED_FROM_JSON}#set($sep = ",")#end#end`,
    ].join('');
    return bindCall(bindOptions, options, {
      values: [...valuesOf('key', options.key), ...valuesOf('item', options.item)],
      service: 'dynamodb',
      uriService: 'dynamodb',
      action: 'PutItem',
      httpMethod: 'POST',
      actions: ['dynamodb:PutItem'],
      resources: [table.tableArn],
      key: table.encryptionKey,
      // aws-cdk-lib's Table.grantWriteData: the key's read and write actions.
      keyActions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
      requestTemplate: `{"TableName":"${table.tableName}","Item":{${fixed}${fromBody}}}`,
      integrationResponses: [ok(message('Item stored')), ...errorResponses(true)],
      methodResponses: methodResponses(['200', '400', '409', '429', '500']),
    }, options.requestTemplate);
  };
}

/** Query (`dynamodb:action/Query`) of the items sharing a partition key: `{ items, count, hasMore }`. */
export function dynamoDbQuery(table: dynamodb.ITable, options: RestDynamoDbQueryOptions): ServiceBinder {
  const factory = 'RestIntegration.dynamoDbQuery';
  const pk = options.partitionKey;
  factoryError(factory, 'options.partitionKey.name', pk.name, attributeNameViolation(pk.name));
  checkNotBody(factory, 'options.partitionKey.value', pk.value, 'a partition key is a single value (a path parameter, a body field...), not the whole body');
  if (options.indexName !== undefined) factoryError(factory, 'options.indexName', options.indexName, indexNameViolation(options.indexName));
  const limit = options.limit ?? 100;
  factoryError(factory, 'options.limit', limit, queryLimitViolation(limit));
  const schema = keySchema(table, factory, options.indexName);
  const partition = schema?.partition;
  if (partition) {
    factoryError(factory, 'options.partitionKey.name', pk.name, partition.length === 1 && partition[0].name === pk.name ? undefined
      : `the partition key of ${options.indexName ? `index ${options.indexName}` : table.node.path} is ${partition.map(a => a.name).join(' and ')}`);
  }
  checkTemplate(factory, options.requestTemplate);
  return bindOptions => {
    const request = [
      `"TableName":"${table.tableName}"`,
      ...options.indexName ? [`"IndexName":"${options.indexName}"`] : [],
      '"KeyConditionExpression":"#pk = :pk"',
      `"ExpressionAttributeNames":{"#pk":"${pk.name}"}`,
      `"ExpressionAttributeValues":{":pk":${typedValue(partition?.[0].type ?? 'S', pk.value)}}`,
      `"Limit":${limit}`,
      `"ScanIndexForward":${options.scanIndexForward ?? true}`,
      `"ConsistentRead":${options.consistentRead ?? false}`,
    ];
    return bindCall(bindOptions, options, {
      values: [['partitionKey.value', pk.value]],
      service: 'dynamodb',
      uriService: 'dynamodb',
      action: 'Query',
      httpMethod: 'POST',
      actions: ['dynamodb:Query'],
      // An index query may read that index only (its ARN is the table's plus /index/<name>).
      resources: [options.indexName ? `${table.tableArn}/index/${options.indexName}` : table.tableArn],
      key: table.encryptionKey,
      keyActions: ['kms:Decrypt', 'kms:DescribeKey'],
      requestTemplate: `{${request.join(',')}}`,
      integrationResponses: [ok(QUERY_RESPONSE), ...errorResponses(true)],
      methodResponses: methodResponses(['200', '400', '409', '429', '500']),
    }, options.requestTemplate);
  };
}

// ---------------------------------------------------------------------------------------------
// S3

function checkS3Options(factory: string, options: RestS3ObjectOptions): string {
  factoryError(factory, 'options.key', options.key?.toString(), requestParameterOf(options.key) === undefined
    ? 'an object key is a path, query-string or header parameter, a context or stage variable, or a literal without \'; '
      + 'the body is the object itself' : undefined);
  if (options.keyPrefix !== undefined) factoryError(factory, 'options.keyPrefix', options.keyPrefix, s3KeyPrefixViolation(options.keyPrefix));
  return options.keyPrefix ?? '';
}

/** The integration and method request parameters of an S3 object's key. */
function s3KeyParameters(key: GatewayValue): { integration: { [k: string]: string }; method: { [k: string]: boolean } } {
  const source = requestParameterOf(key)!;
  const method = /^method\.request\.(querystring|header)\./.test(source) ? { [source]: false } : {};
  return { integration: { 'integration.request.path.object': source }, method };
}

/**
 * GetObject (`s3:path/<bucket>/<prefix>{object}`, GET): the object's bytes pass through with its
 * `Content-Type`. Binary objects reach clients intact only when the gateway's `binaryMediaTypes`
 * match the request's `Accept` header (otherwise API Gateway converts them to UTF-8 text).
 */
export function s3GetObject(bucket: s3.IBucket, options: RestS3ObjectOptions): ServiceBinder {
  const factory = 'RestIntegration.s3GetObject';
  const prefix = checkS3Options(factory, options);
  return bindOptions => {
    const params = s3KeyParameters(options.key);
    return bindCall(bindOptions, options, {
      values: [['key', options.key]],
      service: 's3',
      uriService: 's3',
      path: `${bucket.bucketName}/${prefix}{object}`,
      httpMethod: 'GET',
      actions: ['s3:GetObject'],
      resources: [bucket.arnForObjects(`${prefix}*`)],
      key: bucket.encryptionKey,
      keyActions: ['kms:Decrypt'],
      requestParameters: params.integration,
      methodRequestParameters: params.method,
      integrationResponses: [
        {
          statusCode: '200',
          responseParameters: {
            'method.response.header.Content-Type': 'integration.response.header.Content-Type',
            'method.response.header.ETag': 'integration.response.header.ETag',
          },
        },
        ...errorResponses(false, true),
      ],
      methodResponses: methodResponses(['200', '400', '404', '500'], ['Content-Type', 'ETag']),
    }, undefined);
  };
}

/**
 * PutObject (`s3:path/<bucket>/<prefix>{object}`, PUT): the body passes through unchanged with
 * the request's `Content-Type`. Binary bodies reach S3 intact only when the gateway's
 * `binaryMediaTypes` match the request's `Content-Type` (otherwise API Gateway reads them as
 * UTF-8 text); the payload is at most 10 MB (API Gateway's quota).
 */
export function s3PutObject(bucket: s3.IBucket, options: RestS3ObjectOptions): ServiceBinder {
  const factory = 'RestIntegration.s3PutObject';
  const prefix = checkS3Options(factory, options);
  return bindOptions => {
    const params = s3KeyParameters(options.key);
    return bindCall(bindOptions, options, {
      values: [['key', options.key]],
      service: 's3',
      uriService: 's3',
      path: `${bucket.bucketName}/${prefix}{object}`,
      httpMethod: 'PUT',
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(`${prefix}*`)],
      key: bucket.encryptionKey,
      keyActions: ['kms:GenerateDataKey'],
      requestParameters: { ...params.integration, 'integration.request.header.Content-Type': 'method.request.header.Content-Type' },
      methodRequestParameters: { ...params.method, 'method.request.header.Content-Type': false },
      integrationResponses: [
        { ...ok(message('Object stored')), responseParameters: { 'method.response.header.ETag': 'integration.response.header.ETag' } },
        ...errorResponses(false),
      ],
      methodResponses: methodResponses(['200', '400', '500'], ['ETag']),
    }, undefined);
  };
}

// ---------------------------------------------------------------------------------------------
// Input checks of the factories (for JavaScript and jsii callers; see lib/rest/input.ts)

const A_VALUE = A_GATEWAY_VALUE;
const VALUES = mapOf(A_VALUE);
const TEMPLATE: InputSpec = { timeout: aDuration(), requestTemplate: aString() };

function factoryArgs(resource: [string, InputCheck], spec: InputSpec, what: string, optionsRequired = false): InputSpec {
  const options = aStruct(spec, what);
  return { [resource[0]]: required(resource[1]), options: optionsRequired ? required(options) : options };
}

const QUEUE: [string, InputCheck] = ['queue', aResource('an sqs.IQueue', 'queueArn')];
const STATE_MACHINE: [string, InputCheck] = ['stateMachine', aResource('an sfn.IStateMachine', 'stateMachineArn')];
const EXECUTION = { ...TEMPLATE, input: A_VALUE, executionName: A_VALUE };
const TABLE: [string, InputCheck] = ['table', aResource('a dynamodb.ITable', 'tableArn')];
const BUCKET: [string, InputCheck] = ['bucket', aResource('an s3.IBucket', 'bucketArn')];
const S3_OBJECT = { timeout: aDuration(), key: required(A_VALUE), keyPrefix: aString() };

/** The arguments of RestIntegration's AWS-service factories, by factory (merged into lib/rest/input.ts's). */
export const REST_SERVICE_FACTORY_ARGS: { [factory: string]: InputSpec } = {
  'RestIntegration.sqsSendMessage': factoryArgs(QUEUE, {
    ...TEMPLATE, messageBody: A_VALUE, messageGroupId: A_VALUE, messageDeduplicationId: A_VALUE, delay: aDuration(undefined, 'seconds'), callerAttributes: aBoolean,
  }, 'a RestSqsSendMessageOptions object'),
  'RestIntegration.stepFunctionsStartExecution': factoryArgs(STATE_MACHINE, EXECUTION, 'a RestStepFunctionsExecutionOptions object'),
  'RestIntegration.stepFunctionsStartSyncExecution': factoryArgs(STATE_MACHINE, EXECUTION, 'a RestStepFunctionsExecutionOptions object'),
  'RestIntegration.eventBridgePutEvents': factoryArgs(['bus', aResource('an events.IEventBus', 'eventBusArn')], {
    ...TEMPLATE, source: required(aString()), detailType: required(aString()), detail: A_VALUE,
  }, 'a RestEventBridgePutEventsOptions object', true),
  'RestIntegration.kinesisPutRecord': factoryArgs(['stream', aResource('a kinesis.IStream', 'streamArn')], {
    ...TEMPLATE, partitionKey: required(A_VALUE), data: A_VALUE,
  }, 'a RestKinesisPutRecordOptions object', true),
  'RestIntegration.dynamoDbGetItem': factoryArgs(TABLE, { ...TEMPLATE, key: required(VALUES), consistentRead: aBoolean },
    'a RestDynamoDbGetItemOptions object', true),
  'RestIntegration.dynamoDbPutItem': factoryArgs(TABLE, { ...TEMPLATE, key: VALUES, item: VALUES }, 'a RestDynamoDbPutItemOptions object'),
  'RestIntegration.dynamoDbQuery': factoryArgs(TABLE, {
    ...TEMPLATE,
    partitionKey: required(aStruct({ name: required(aString()), value: required(A_VALUE) }, 'a RestDynamoDbKeyValue object')),
    indexName: aString(),
    limit: aNumber(),
    scanIndexForward: aBoolean,
    consistentRead: aBoolean,
  }, 'a RestDynamoDbQueryOptions object', true),
  'RestIntegration.s3GetObject': factoryArgs(BUCKET, S3_OBJECT, 'a RestS3ObjectOptions object', true),
  'RestIntegration.s3PutObject': factoryArgs(BUCKET, S3_OBJECT, 'a RestS3ObjectOptions object', true),
};
