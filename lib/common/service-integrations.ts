/**
 * AWS-service integrations (issue 16), the part every gateway shares: the request values a
 * mapping reads (`GatewayValue`), the role API Gateway assumes to call a service (one per gateway
 * and service, allowed only the actions its routes use, on only their resources, plus the
 * resources' customer-managed KMS keys), and the service rules checked at synth. Each gateway
 * renders the request and response mapping in its own language: VTL for REST and WebSocket
 * (`GatewayValue._vtl`), parameter mapping for HTTP (`GatewayValue._httpMapping`).
 */
import { Names, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, IConstruct } from 'constructs';
import { GatewayValidationError } from './errors';

/** Where a GatewayValue is read from. */
enum ValueSource {
  BODY = 'body',
  BODY_FIELD = 'bodyField',
  PATH = 'pathParameter',
  QUERY = 'queryParameter',
  HEADER = 'header',
  CONTEXT = 'context',
  STAGE_VARIABLE = 'stageVariable',
  LITERAL = 'literal',
}

const NAME = /^[A-Za-z0-9._-]{1,128}$/;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
// eslint-disable-next-line no-control-regex -- control characters are what a literal may not hold
const LITERAL_TEXT = /^[^$#"\\\u0000-\u001f]{1,1024}$/;
const CONTEXT = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/;

/**
 * A value of the request that a service integration's mapping reads: the body, a field of a JSON
 * body, a path, query-string or header parameter, a context variable (`requestId`,
 * `identity.sourceIp`, `connectionId`...), a stage variable, or a fixed text. Each gateway renders
 * it in its own mapping language (`$input.params('id')` in REST's VTL, `$request.path.id` in an
 * HTTP API's parameter mapping), so the same value reads the same on every gateway that has it.
 *
 * @example
 * RestIntegration.sqsSendMessage(queue, { messageGroupId: GatewayValue.pathParameter('tenant') });
 */
export class GatewayValue {
  /** The whole request body (a WebSocket message). */
  public static body(): GatewayValue {
    return new GatewayValue(ValueSource.BODY);
  }

  /** A field of a JSON body, by a dotted path of names: `order.id`. */
  public static bodyField(path: string): GatewayValue {
    return new GatewayValue(ValueSource.BODY_FIELD, checked('GatewayValue.bodyField', 'path', path, FIELD,
      'a dotted path of field names (letters, digits and _), e.g. order.id'));
  }

  /** A path parameter of the route: `id` of `GET /orders/{id}` (REST and HTTP). */
  public static pathParameter(name: string): GatewayValue {
    return new GatewayValue(ValueSource.PATH, checked('GatewayValue.pathParameter', 'name', name, NAME, 'a parameter name of 1 to 128 letters, digits, . _ and -'));
  }

  /** A query-string parameter (REST and HTTP). */
  public static queryParameter(name: string): GatewayValue {
    return new GatewayValue(ValueSource.QUERY, checked('GatewayValue.queryParameter', 'name', name, NAME, 'a parameter name of 1 to 128 letters, digits, . _ and -'));
  }

  /** A request header (WebSocket: on `$connect` only). */
  public static header(name: string): GatewayValue {
    return new GatewayValue(ValueSource.HEADER, checked('GatewayValue.header', 'name', name, NAME, 'a header name of 1 to 128 letters, digits, . _ and -'));
  }

  /** A context variable, without `$context.`: `requestId`, `identity.sourceIp`, `connectionId`. */
  public static context(variable: string): GatewayValue {
    return new GatewayValue(ValueSource.CONTEXT, checked('GatewayValue.context', 'variable', variable, CONTEXT,
      'a context variable name without $context., e.g. requestId or identity.sourceIp'));
  }

  /** A stage variable. */
  public static stageVariable(name: string): GatewayValue {
    return new GatewayValue(ValueSource.STAGE_VARIABLE, checked('GatewayValue.stageVariable', 'name', name, /^[A-Za-z0-9]{1,64}$/,
      'a stage variable name of 1 to 64 letters and digits'));
  }

  /**
   * A fixed text. It may not contain `$`, `#`, `"`, `\` or control characters, which the mapping
   * languages would read as code.
   */
  public static literal(text: string): GatewayValue {
    return new GatewayValue(ValueSource.LITERAL, checked('GatewayValue.literal', 'text', text, LITERAL_TEXT,
      'a text of 1 to 1,024 characters without $, #, ", \\ or control characters'));
  }

  private constructor(private readonly source: ValueSource, private readonly name?: string) {}

  /** How the value reads in an error message: `pathParameter 'id'`. */
  public toString(): string {
    return this.name === undefined ? this.source : `${this.source} '${this.name}'`;
  }

  /**
   * The value as a VTL expression (REST and WebSocket mapping templates), unescaped: the caller
   * wraps it in `$util.escapeJavaScript(...)` or `$util.urlEncode(...)` for where it goes.
   * @param api which API kind renders it (WebSocket messages have no path or query parameters)
   * @internal
   */
  public _vtl(api: 'REST' | 'WebSocket'): string {
    switch (this.source) {
      case ValueSource.BODY: return '$input.body';
      case ValueSource.BODY_FIELD: return `$input.path('$.${this.name}')`;
      case ValueSource.PATH:
      case ValueSource.QUERY:
        if (api === 'WebSocket') {
          throw GatewayValidationError.forFactory('GatewayValue', this.source, this.name, this._webSocketViolation()!);
        }
        return `$input.params().${this.source === ValueSource.PATH ? 'path' : 'querystring'}.get('${this.name}')`;
      case ValueSource.HEADER: return `$input.params().header.get('${this.name}')`;
      case ValueSource.CONTEXT: return `$context.${this.name}`;
      case ValueSource.STAGE_VARIABLE: return `$stageVariables.${this.name}`;
      case ValueSource.LITERAL: return this.name!;
    }
  }

  /**
   * The value as an HTTP API parameter-mapping value (`$request.path.id`, `$context.requestId`,
   * or the literal text).
   * @internal
   */
  public _httpMapping(): string {
    switch (this.source) {
      case ValueSource.BODY: return '$request.body';
      case ValueSource.BODY_FIELD: return `$request.body.${this.name}`;
      case ValueSource.PATH: return `$request.path.${this.name}`;
      case ValueSource.QUERY: return `$request.querystring.${this.name}`;
      case ValueSource.HEADER: return `$request.header.${this.name}`;
      case ValueSource.CONTEXT: return `$context.${this.name}`;
      case ValueSource.STAGE_VARIABLE: return `$stageVariables.${this.name}`;
      case ValueSource.LITERAL: return this.name!;
    }
  }

  /**
   * Why a WebSocket route cannot read this value, or undefined (adapters check it with the
   * route's path before rendering).
   * @internal
   */
  public _webSocketViolation(): string | undefined {
    return this.source === ValueSource.PATH || this.source === ValueSource.QUERY
      ? `a WebSocket message has no path or query-string parameters (${this})` : undefined;
  }

  /** Whether this is a literal text. @internal */
  public get _isLiteral(): boolean {
    return this.source === ValueSource.LITERAL;
  }

  /** The path parameter this value reads, if any (the route must declare it). @internal */
  public get _pathParameter(): string | undefined {
    return this.source === ValueSource.PATH ? this.name : undefined;
  }
}

function checked(factory: string, prop: string, value: unknown, pattern: RegExp, rule: string): string {
  if (typeof value === 'string' && Token.isUnresolved(value)) {
    throw GatewayValidationError.forFactory(factory, prop, value, 'a mapping is fixed at synth time; it cannot hold a deploy-time token');
  }
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw GatewayValidationError.forFactory(factory, prop, value, rule);
  }
  return value;
}

/** The AWS services a service integration reaches. */
export type AwsService = 'sqs' | 'states' | 'events' | 'kinesis' | 'dynamodb' | 's3';

const ROLE_IDS: { [service in AwsService]: string } = {
  sqs: 'SqsRole', states: 'StepFunctionsRole', events: 'EventBridgeRole', kinesis: 'KinesisRole', dynamodb: 'DynamoDbRole', s3: 'S3Role',
};

/**
 * What the gateway's role for a service may do for one target: the actions, on the resources,
 * and the actions on the resource's customer-managed key (if it has one).
 */
export interface ServiceAccess {
  readonly service: AwsService;
  readonly actions: string[];
  readonly resources: string[];
  readonly key?: kms.IKey;
  readonly keyActions?: string[];
}

/**
 * The access each target the three gateways share needs: one table, so that REST, HTTP and
 * WebSocket routes to the same target are allowed exactly the same (SQS SendMessage needs the
 * queue key's GenerateDataKey and Decrypt; Kinesis PutRecord the stream key's GenerateDataKey:
 * "Using server-side encryption" in the SQS and Kinesis developer guides).
 */
export const SERVICE_ACCESS = {
  sqsSendMessage: (queue: sqs.IQueue): ServiceAccess => ({
    service: 'sqs', actions: ['sqs:SendMessage'], resources: [queue.queueArn], key: queue.encryptionMasterKey, keyActions: ['kms:GenerateDataKey', 'kms:Decrypt'],
  }),
  stepFunctionsExecution: (stateMachine: sfn.IStateMachine, sync: boolean): ServiceAccess => ({
    service: 'states', actions: [sync ? 'states:StartSyncExecution' : 'states:StartExecution'], resources: [stateMachine.stateMachineArn],
  }),
  eventBridgePutEvents: (bus: events.IEventBus): ServiceAccess => ({
    service: 'events', actions: ['events:PutEvents'], resources: [bus.eventBusArn],
  }),
  kinesisPutRecord: (stream: kinesis.IStream): ServiceAccess => ({
    service: 'kinesis', actions: ['kinesis:PutRecord'], resources: [stream.streamArn], key: stream.encryptionKey, keyActions: ['kms:GenerateDataKey'],
  }),
};

/**
 * The roles API Gateway assumes to call AWS services for one gateway's routes: one per service,
 * made on first use under the gateway, each granted only what its routes use.
 */
export class ServiceRoles {
  private static readonly byGateway = new WeakMap<IConstruct, ServiceRoles>();

  /** The service roles of the gateway that `scope` is in (or is). */
  public static of(gateway: IConstruct): ServiceRoles {
    let roles = ServiceRoles.byGateway.get(gateway);
    if (!roles) {
      roles = new ServiceRoles(gateway);
      ServiceRoles.byGateway.set(gateway, roles);
    }
    return roles;
  }

  private readonly roles = new Map<AwsService, iam.Role>();
  private readonly granted = new Set<string>();

  private constructor(private readonly gateway: IConstruct) {}

  /** The role for one service (made on first use). */
  public role(service: AwsService): iam.Role {
    let role = this.roles.get(service);
    if (!role) {
      role = new iam.Role(this.gateway as Construct, ROLE_IDS[service], {
        assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
        description: `Lets API Gateway call ${service} for the routes of ${this.gateway.node.path}, and nothing else`,
      });
      this.roles.set(service, role);
    }
    return role;
  }

  /** Grants the service's role what a target needs (see SERVICE_ACCESS). */
  public grantAccess(access: ServiceAccess): iam.Role {
    return this.grant(access.service, access.actions, access.resources, access.key, access.keyActions);
  }

  /**
   * Grants the service's role `actions` on `resources` (once per distinct grant), and the use of
   * a customer-managed key: `keyActions` on `key`.
   * @returns the role
   */
  public grant(service: AwsService, actions: string[], resources: string[], key?: kms.IKey, keyActions: string[] = []): iam.Role {
    const role = this.role(service);
    const id = `${actions.join(',')}|${resources.join(',')}`;
    if (!this.granted.has(id)) {
      this.granted.add(id);
      role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources }));
    }
    if (key && keyActions.length > 0) {
      const keyId = `${keyActions.join(',')}|${Names.nodeUniqueId(key.node)}`;
      if (!this.granted.has(keyId)) {
        this.granted.add(keyId);
        key.grant(role, ...keyActions);
      }
    }
    return role;
  }
}

/**
 * The SQS rules a send-message integration checks at synth (every gateway): a FIFO queue needs a
 * message group id (SendMessage fails without one). A standard queue may take one too: there it
 * names the message's tenant for fair queues ("In standard queues, using MessageGroupId enables
 * fair queues", SQS developer guide, "Using the message group ID"). FIFO deduplication defaults
 * to the request id when the caller gives none, so a queue without content-based deduplication
 * accepts the message.
 */
export function sqsGroupViolation(fifo: boolean, messageGroupId: GatewayValue | undefined): string | undefined {
  return fifo && messageGroupId === undefined
    ? 'a FIFO queue needs a messageGroupId for every message (SendMessage fails without one), e.g. GatewayValue.pathParameter(\'tenant\')'
    : undefined;
}

/**
 * StartSyncExecution runs Express state machines only ("StartSyncExecution is not available for
 * STANDARD workflows", Step Functions API reference). The type is known for a StateMachine made
 * in the app; an imported one is not checked.
 * @param stateMachineType the machine's `stateMachineType`, when it is a StateMachine of the app
 */
export function syncExecutionViolation(stateMachineType: string | undefined): string | undefined {
  return stateMachineType !== undefined && stateMachineType !== 'EXPRESS'
    ? `a synchronous execution needs an EXPRESS state machine (StartSyncExecution is not available for STANDARD workflows); this one is ${stateMachineType}`
    : undefined;
}
