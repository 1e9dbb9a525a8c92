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
import { Duration } from 'aws-cdk-lib';
import { GatewayValue } from '../common/service-integrations';
import type { RestIntegrationBindOptions, RestIntegrationConfig, RestIntegrationOptions } from './integration';

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

// The service calls, by kind of target (split by idea); RestIntegration's factories, the input checks and the tests import them from here.
export { MAX_MAPPING_TEMPLATE_BYTES, mappingTemplateSizeViolation, literalViolation, attributeNameViolation, indexNameViolation, queryLimitViolation, s3KeyPrefixViolation } from './service-call';
export { sqsSendMessage, stepFunctionsStartExecution, stepFunctionsStartSyncExecution, eventBridgePutEvents, kinesisPutRecord } from './service-messaging';
export { REST_SERVICE_FACTORY_ARGS, dynamoDbGetItem, dynamoDbPutItem, dynamoDbQuery, s3GetObject, s3PutObject } from './service-data';
