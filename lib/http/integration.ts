import { Duration } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, IConstruct } from 'constructs';
import { validateIntegrationTimeout } from '../common/integration-timeout';
import { DEFAULT_ALIAS_STAGE_VARIABLE, LambdaInvocationTargets, invokedFunctionArn, lambdaInvocationTargets } from '../common/lambda-invocation';
import { GatewayValidationError } from '../common/errors';
import { checkInput } from '../common/input';
import { awsApigatewayv2Integrations, awsElasticLoadBalancingV2, lazyValue } from '../common/lazy';
import { RouteViolation, requireOfEveryRoute } from '../common/route-requirements';
import { parseRouteKey } from '../common/route-key';
import { GatewayValue, SERVICE_ACCESS, ServiceAccess, ServiceRoles } from '../common/service-integrations';
import {
  checkSqsSendMessage, checkStepFunctionsExecution, eventDetailViolation, partitionKeyViolation,
} from '../common/service-rules';
import { checkHttpFactoryInput } from './input';
import { GatewayIntegrationConfig } from '../common/integration-config';

/** HTTP API integrations time out after at most 30 s (rule 10). */
export const HTTP_MAX_TIMEOUT_MS = 30000;

/** What the gateway passes to an integration when a route is added. */
export interface HttpIntegrationBindOptions {
  /** The gateway (errors name its path). */
  readonly gateway: IConstruct;
  /** The route key the integration serves, e.g. `GET /orders/{id}` or `$default`. */
  readonly routeKey: string;
}

/** What an integration gives the gateway. */
export interface HttpIntegrationConfig extends GatewayIntegrationConfig {
  /** The aws-cdk-lib route integration. */
  readonly integration: apigwv2.HttpRouteIntegration;
  /**
   * The integration timeout, set on the integration by the gateway.
   * @default - the service default, 30 s
   */
  readonly timeout?: Duration;
}

/** Options shared by every HTTP API integration. */
export interface HttpIntegrationOptions {
  /**
   * How long API Gateway waits for the backend: 50 ms to 30 s.
   * @default - 30 s (the service default and maximum)
   */
  readonly timeout?: Duration;
}

/** Options of a Lambda proxy integration. */
export interface HttpLambdaIntegrationOptions extends HttpIntegrationOptions {
  /**
   * The event format the function receives.
   * @default apigwv2.PayloadFormatVersion.VERSION_2_0
   */
  readonly payloadFormatVersion?: apigwv2.PayloadFormatVersion;
}

/** Options of a Lambda alias proxy integration. */
export interface HttpLambdaAliasIntegrationOptions extends HttpLambdaIntegrationOptions {
  /**
   * The stage variable that names the alias; each stage sets it through `lambdaAliases`.
   * @default 'lambdaAlias'
   */
  readonly stageVariable?: string;
}

/** Options of an HTTP proxy integration to a public URL. */
export interface HttpUrlIntegrationOptions extends HttpIntegrationOptions {
  /**
   * The HTTP method used to call the backend.
   * @default apigwv2.HttpMethod.ANY (the client's method)
   */
  readonly httpMethod?: apigwv2.HttpMethod;
  /**
   * Request and response parameter mappings.
   * @default - none
   */
  readonly parameterMapping?: apigwv2.ParameterMapping;
}

/** Options of a private integration through a VPC link. */
export interface HttpPrivateIntegrationOptions extends HttpUrlIntegrationOptions {
  /**
   * The VPC link to use.
   * @default - for a load balancer: one VPC link per VPC per API, created on first use
   */
  readonly vpcLink?: apigwv2.IVpcLink;
  /**
   * The server name API Gateway verifies in the backend's TLS certificate; set it to call an
   * HTTPS listener (API Gateway then speaks TLS to the backend).
   * @default - no TLS to the backend
   */
  readonly secureServerName?: string;
}

/** Options of a private integration to a Cloud Map service. */
export interface HttpServiceDiscoveryIntegrationOptions extends HttpUrlIntegrationOptions {
  /** The VPC link to the VPC in which the service's instances run. */
  readonly vpcLink: apigwv2.IVpcLink;
  /**
   * The server name API Gateway verifies in the backend's TLS certificate.
   * @default - no TLS to the backend
   */
  readonly secureServerName?: string;
}

/** Options shared by the AWS-service integrations (`AWS_PROXY` integrations with a subtype). */
export interface HttpServiceIntegrationOptions extends HttpIntegrationOptions {
  /**
   * The status code the client receives when the service accepted the request (the service
   * answers 200), e.g. 202 for a message queued or an execution started. It is set with a
   * response parameter mapping (`overwrite:statuscode`); the body stays the service's answer.
   * @default - the service's 200
   */
  readonly successStatusCode?: number;
}

/** Options of `HttpIntegration.sqsSendMessage`. */
export interface HttpSqsSendMessageOptions extends HttpServiceIntegrationOptions {
  /**
   * The message sent to the queue.
   * @default GatewayValue.body() - the request body
   */
  readonly messageBody?: GatewayValue;
  /**
   * The message group: required by a FIFO queue; on a standard queue it names the message's
   * tenant for fair queues. E.g. `GatewayValue.pathParameter('tenant')`.
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
   * queues only: a FIFO queue has a delay per queue only).
   * @default - the queue's delivery delay
   */
  readonly delay?: Duration;
}

/** Options of `HttpIntegration.stepFunctionsStartExecution` and `.stepFunctionsStartSyncExecution`. */
export interface HttpStepFunctionsExecutionOptions extends HttpServiceIntegrationOptions {
  /**
   * The execution input, which Step Functions requires to be JSON text.
   * @default GatewayValue.body() - the request body
   */
  readonly input?: GatewayValue;
  /**
   * The execution name (a repeated name is refused, which makes a start idempotent), e.g.
   * `GatewayValue.header('Idempotency-Key')`.
   * @default - a name Step Functions generates
   */
  readonly executionName?: GatewayValue;
}

/** Options of `HttpIntegration.eventBridgePutEvents`. */
export interface HttpEventBridgePutEventsOptions extends HttpServiceIntegrationOptions {
  /** The event source, e.g. `com.example.orders` (1 to 256 characters; `aws.` is reserved). */
  readonly source: string;
  /** The event detail type, e.g. `OrderPlaced` (1 to 128 characters). */
  readonly detailType: string;
  /**
   * The event detail, which EventBridge requires to be a JSON object.
   * @default GatewayValue.body() - the request body
   */
  readonly detail?: GatewayValue;
}

/** Options of `HttpIntegration.kinesisPutRecord`. */
export interface HttpKinesisPutRecordOptions extends HttpServiceIntegrationOptions {
  /** The partition key that picks the shard, e.g. `GatewayValue.pathParameter('deviceId')`. */
  readonly partitionKey: GatewayValue;
  /**
   * The record's data. Kinesis takes it base64-encoded, and an HTTP API's parameter mapping
   * cannot encode: clients send the data base64-encoded.
   * @default GatewayValue.body() - the request body
   */
  readonly data?: GatewayValue;
}

/**
 * A backend for an HttpGateway route. Use the static factories; implement `bind` for your own.
 * An integration object used on several routes of one gateway is bound once and rendered as one
 * integration resource that those routes share (the same rule as WebSocketIntegration).
 */
export abstract class HttpIntegration {
  /**
   * A Lambda proxy integration (payload format 2.0 by default). The gateway grants invoke once
   * per function per stage (aws-cdk-lib's HttpLambdaIntegration grants once per route).
   */
  public static lambdaFunction(handler: lambda.IFunction, options: HttpLambdaIntegrationOptions = {}): HttpIntegration {
    checkHttpFactoryInput('HttpIntegration.lambdaFunction', { handler, options });
    return new LambdaHttpIntegration(handler, options);
  }

  /**
   * A Lambda proxy integration calling `handler` at the alias named by a stage variable
   * (`function:${stageVariables.lambdaAlias}`), so that each stage invokes its own alias.
   */
  public static lambdaAlias(handler: lambda.IFunction, options: HttpLambdaAliasIntegrationOptions = {}): HttpIntegration {
    checkHttpFactoryInput('HttpIntegration.lambdaAlias', { handler, options });
    return new LambdaHttpIntegration(handler, options, options.stageVariable ?? DEFAULT_ALIAS_STAGE_VARIABLE);
  }

  /** An HTTP proxy integration to a URL (route path variables such as `{proxy}` may be used in it). */
  public static http(url: string, options: HttpUrlIntegrationOptions = {}): HttpIntegration {
    checkHttpFactoryInput('HttpIntegration.http', { url, options });
    return new CdkHttpIntegration(options, () => new (awsApigatewayv2Integrations().HttpUrlIntegration)('Integration', url, {
      method: options.httpMethod, parameterMapping: options.parameterMapping,
    }));
  }

  /** A private integration to an Application Load Balancer listener, through a VPC link. */
  public static alb(listener: elbv2.IApplicationListener, options: HttpPrivateIntegrationOptions = {}): HttpIntegration {
    checkHttpFactoryInput('HttpIntegration.alb', { listener, options });
    requireVpcLinkForImportedListener('HttpIntegration.alb', options, listener instanceof awsElasticLoadBalancingV2().ApplicationListener);
    return new CdkHttpIntegration(options, () => new (awsApigatewayv2Integrations().HttpAlbIntegration)('Integration', listener, privateProps(options)));
  }

  /**
   * A private integration to a Network Load Balancer listener, through a VPC link. It takes a
   * listener, where RestIntegration.nlb takes the load balancer: an HTTP API private integration
   * targets a listener ARN, while a REST API VPC link attaches to the load balancer itself.
   */
  public static nlb(listener: elbv2.INetworkListener, options: HttpPrivateIntegrationOptions = {}): HttpIntegration {
    checkHttpFactoryInput('HttpIntegration.nlb', { listener, options });
    requireVpcLinkForImportedListener('HttpIntegration.nlb', options, listener instanceof awsElasticLoadBalancingV2().NetworkListener);
    return new CdkHttpIntegration(options, () => new (awsApigatewayv2Integrations().HttpNlbIntegration)('Integration', listener, privateProps(options)));
  }

  /** A private integration to an AWS Cloud Map service, through a VPC link. */
  public static serviceDiscovery(service: servicediscovery.IService, options: HttpServiceDiscoveryIntegrationOptions): HttpIntegration {
    checkHttpFactoryInput('HttpIntegration.serviceDiscovery', { service, options });
    return new CdkHttpIntegration(options,
      () => new (awsApigatewayv2Integrations().HttpServiceDiscoveryIntegration)('Integration', service, privateProps(options)));
  }

  /**
   * Sends the request to an SQS queue (the `SQS-SendMessage` integration subtype): the body by
   * default; a FIFO queue needs a `messageGroupId` and deduplicates by request id by default.
   * API Gateway assumes the gateway's SQS role, allowed only `sqs:SendMessage` on the queues its
   * routes use (and their customer-managed keys). The client receives SQS's answer.
   */
  public static sqsSendMessage(queue: sqs.IQueue, options: HttpSqsSendMessageOptions = {}): HttpIntegration {
    const factory = 'HttpIntegration.sqsSendMessage';
    checkHttpFactoryInput(factory, { queue, options });
    checkSqsSendMessage(factory, queue.fifo, options);
    return new ServiceHttpIntegration(options, {
      access: SERVICE_ACCESS.sqsSendMessage(queue),
      subtype: 'SQS-SendMessage',
      parameters: [
        { name: 'QueueUrl', value: queue.queueUrl },
        { name: 'MessageBody', prop: 'messageBody', value: options.messageBody ?? GatewayValue.body() },
        { name: 'MessageGroupId', prop: 'messageGroupId', value: options.messageGroupId },
        { name: 'MessageDeduplicationId', prop: 'messageDeduplicationId',
          value: options.messageDeduplicationId ?? (queue.fifo ? GatewayValue.context('requestId') : undefined) },
        { name: 'DelaySeconds', value: options.delay === undefined ? undefined : String(options.delay.toSeconds()) },
      ],
    });
  }

  /**
   * Starts an execution of a state machine (the `StepFunctions-StartExecution` subtype) with the
   * request body as its input. The client receives the execution ARN and start date. API
   * Gateway assumes the gateway's Step Functions role, allowed only `states:StartExecution` on
   * the state machines its routes start.
   */
  public static stepFunctionsStartExecution(stateMachine: sfn.IStateMachine, options: HttpStepFunctionsExecutionOptions = {}): HttpIntegration {
    return stepFunctionsIntegration('HttpIntegration.stepFunctionsStartExecution', stateMachine, options, false);
  }

  /**
   * Runs an EXPRESS state machine and answers with its result (the
   * `StepFunctions-StartSyncExecution` subtype), within the integration timeout (at most 30 s).
   * Step Functions answers 200 whether the execution succeeded or not: the body's `status` says.
   * The role may only `states:StartSyncExecution` on the state machines its routes run.
   */
  public static stepFunctionsStartSyncExecution(stateMachine: sfn.IStateMachine, options: HttpStepFunctionsExecutionOptions = {}): HttpIntegration {
    return stepFunctionsIntegration('HttpIntegration.stepFunctionsStartSyncExecution', stateMachine, options, true);
  }

  /**
   * Puts an event on an event bus (the `EventBridge-PutEvents` subtype), with a fixed source and
   * detail type and the request body as its detail. EventBridge answers 200 with a
   * `FailedEntryCount`. The role may only `events:PutEvents` on the buses its routes use.
   */
  public static eventBridgePutEvents(eventBus: events.IEventBus, options: HttpEventBridgePutEventsOptions): HttpIntegration {
    const factory = 'HttpIntegration.eventBridgePutEvents';
    checkHttpFactoryInput(factory, { eventBus, options });
    checkInput(factory, 'options.detail', options.detail?.toString(), eventDetailViolation(options.detail));
    return new ServiceHttpIntegration(options, {
      access: SERVICE_ACCESS.eventBridgePutEvents(eventBus),
      subtype: 'EventBridge-PutEvents',
      parameters: [
        // The ARN, which PutEvents takes as the bus name too, reaches a bus of another account.
        { name: 'EventBusName', value: eventBus.eventBusArn },
        { name: 'Source', value: options.source },
        { name: 'DetailType', value: options.detailType },
        { name: 'Detail', prop: 'detail', value: options.detail ?? GatewayValue.body() },
      ],
    });
  }

  /**
   * Writes a record to a Kinesis data stream (the `Kinesis-PutRecord` subtype): the request body
   * (which clients send base64-encoded, as Kinesis takes it) under the given partition key. The
   * role may only `kinesis:PutRecord` on the streams its routes use (and their customer-managed
   * keys).
   */
  public static kinesisPutRecord(stream: kinesis.IStream, options: HttpKinesisPutRecordOptions): HttpIntegration {
    const factory = 'HttpIntegration.kinesisPutRecord';
    checkHttpFactoryInput(factory, { stream, options });
    checkInput(factory, 'options.partitionKey', options.partitionKey.toString(), partitionKeyViolation(options.partitionKey));
    return new ServiceHttpIntegration(options, {
      access: SERVICE_ACCESS.kinesisPutRecord(stream),
      subtype: 'Kinesis-PutRecord',
      parameters: [
        { name: 'StreamName', value: stream.streamName },
        { name: 'PartitionKey', prop: 'partitionKey', value: options.partitionKey },
        { name: 'Data', prop: 'data', value: options.data ?? GatewayValue.body() },
      ],
    });
  }

  /**
   * Builds the integration. A gateway calls it once per integration object, when the first route
   * using the object is added (`options.routeKey` is that route's key), and shares the result with
   * the later routes using the same object.
   */
  public abstract bind(options: HttpIntegrationBindOptions): HttpIntegrationConfig;
}

/** Validates an HTTP API integration timeout (rule 10) and returns it. */
export function validateHttpTimeout(options: HttpIntegrationBindOptions, timeout: Duration | undefined): Duration | undefined {
  return validateIntegrationTimeout(options.gateway, options.routeKey, timeout, { maxMs: HTTP_MAX_TIMEOUT_MS, appliesTo: 'HTTP APIs', gateway: options.gateway });
}

/**
 * An imported listener (`fromNetworkListenerArn`, `fromApplicationListenerAttributes`) has no load
 * balancer whose VPC a new VPC link could use: it needs `vpcLink` (aws-cdk-lib would otherwise
 * throw its own error at bind time, without the construct path).
 */
function requireVpcLinkForImportedListener(factory: string, options: HttpPrivateIntegrationOptions, madeInApp: boolean): void {
  if (!madeInApp && options.vpcLink === undefined) {
    throw GatewayValidationError.forFactory(factory, 'options.vpcLink', undefined,
      'an imported listener has no load balancer VPC to create a VPC link in: pass the vpcLink to reach it through');
  }
}

function privateProps(options: HttpPrivateIntegrationOptions | HttpServiceDiscoveryIntegrationOptions): integrations.HttpPrivateIntegrationOptions {
  // The timeout is set by the gateway on the L1 (aws-cdk-lib caps it at 29 s; the service allows 30 s).
  return {
    vpcLink: options.vpcLink,
    method: options.httpMethod,
    secureServerName: options.secureServerName,
    parameterMapping: options.parameterMapping,
  };
}

/**
 * A built-in integration: a new aws-cdk-lib route integration per bind. The gateway binds an
 * integration object once (lib/common/integration-cache.ts), so routes sharing it share one integration.
 */
abstract class BuiltInIntegration extends HttpIntegration {
  constructor(private readonly options: HttpIntegrationOptions) {
    super();
  }

  public bind(options: HttpIntegrationBindOptions): HttpIntegrationConfig {
    const timeout = validateHttpTimeout(options, this.options.timeout);
    return { integration: this.create(), timeout, ...this.targets() };
  }

  protected abstract create(): apigwv2.HttpRouteIntegration;

  /** The functions the gateway grants API Gateway to invoke. */
  protected targets(): LambdaInvocationTargets {
    return {};
  }
}

class CdkHttpIntegration extends BuiltInIntegration {
  constructor(options: HttpIntegrationOptions, private readonly factory: () => apigwv2.HttpRouteIntegration) {
    super(options);
  }

  protected create(): apigwv2.HttpRouteIntegration {
    return this.factory();
  }
}

class LambdaHttpIntegration extends BuiltInIntegration {
  constructor(private readonly handler: lambda.IFunction, private readonly lambdaOptions: HttpLambdaIntegrationOptions,
    private readonly stageVariable?: string) {
    super(lambdaOptions);
  }

  protected create(): apigwv2.HttpRouteIntegration {
    const LambdaProxyRouteIntegration = lambdaProxyRouteIntegrationClass();
    return new LambdaProxyRouteIntegration(invokedFunctionArn(this.handler, this.stageVariable),
      this.lambdaOptions.payloadFormatVersion ?? apigwv2.PayloadFormatVersion.VERSION_2_0);
  }

  protected targets(): LambdaInvocationTargets {
    return lambdaInvocationTargets(this.handler, this.stageVariable);
  }
}

/**
 * A Lambda proxy integration without a permission: aws-cdk-lib's HttpLambdaIntegration adds one
 * permission per route, and functions shared by many routes hit Lambda's 20 KB policy limit.
 * Defined on first use: extending HttpRouteIntegration when this file loads would load
 * aws-cdk-lib's HTTP API classes with the library (lib/common/lazy.ts).
 */
const lambdaProxyRouteIntegrationClass = lazyValue(() => class LambdaProxyRouteIntegration extends apigwv2.HttpRouteIntegration {
  constructor(private readonly uri: string, private readonly payloadFormatVersion: apigwv2.PayloadFormatVersion) {
    super('Integration');
  }

  public bind(_options: apigwv2.HttpRouteIntegrationBindOptions): apigwv2.HttpRouteIntegrationConfig {
    return {
      type: apigwv2.HttpIntegrationType.AWS_PROXY,
      uri: this.uri,
      payloadFormatVersion: this.payloadFormatVersion,
    };
  }
});

/** A request parameter of an AWS-service integration: a fixed value or a value of the request. */
interface ServiceParameter {
  /** The subtype's parameter (`QueueUrl`, `MessageBody`). */
  readonly name: string;
  /** The option the value came from, for errors. */
  readonly prop?: string;
  readonly value: string | GatewayValue | undefined;
}

/** The service call an AWS-service integration makes, and what its role may do. */
interface ServiceCall {
  /** What the gateway's role for the service may do (one table for the three gateways). */
  readonly access: ServiceAccess;
  /** The integration subtype (HTTP API integration subtype reference). */
  readonly subtype: string;
  readonly parameters: ServiceParameter[];
}

function stepFunctionsIntegration(factory: string, stateMachine: sfn.IStateMachine, options: HttpStepFunctionsExecutionOptions,
  sync: boolean): HttpIntegration {
  checkHttpFactoryInput(factory, { stateMachine, options });
  checkStepFunctionsExecution(factory, stateMachine, sync, options);
  const action = sync ? 'StartSyncExecution' : 'StartExecution';
  return new ServiceHttpIntegration(options, {
    access: SERVICE_ACCESS.stepFunctionsExecution(stateMachine, sync),
    subtype: `StepFunctions-${action}`,
    parameters: [
      { name: 'StateMachineArn', value: stateMachine.stateMachineArn },
      { name: 'Input', prop: 'input', value: options.input ?? GatewayValue.body() },
      { name: 'Name', prop: 'executionName', value: options.executionName },
    ],
  });
}

/**
 * An AWS-service integration of an HTTP API: an `AWS_PROXY` integration with a subtype, whose
 * request parameters are the service's parameters (HTTP API integration subtype reference,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html).
 * aws-cdk-lib's HttpSqsIntegration, HttpStepFunctionsIntegration and HttpEventBridgeIntegration
 * each make a role per integration; these use the gateway's one role per service (ServiceRoles).
 */
class ServiceHttpIntegration extends HttpIntegration {
  constructor(private readonly options: HttpServiceIntegrationOptions, private readonly call: ServiceCall) {
    super();
  }

  public bind(options: HttpIntegrationBindOptions): HttpIntegrationConfig {
    const timeout = validateHttpTimeout(options, this.options.timeout);
    const call = this.call;
    const role = ServiceRoles.of(options.gateway).grantAccess(call.access);
    const mapping = new apigwv2.ParameterMapping();
    for (const { name, value } of call.parameters) {
      if (value !== undefined) {
        mapping.custom(name, typeof value === 'string' ? value : value._httpMapping());
      }
    }
    const ServiceRouteIntegration = serviceRouteIntegrationClass();
    const integration = new ServiceRouteIntegration({
      type: apigwv2.HttpIntegrationType.AWS_PROXY,
      subtype: call.subtype as apigwv2.HttpIntegrationSubtype,
      // Payload format 1.0, as in "Create AWS service integrations for HTTP APIs" (HTTP API developer
      // guide) and aws-cdk-lib's HttpSqsIntegration.
      payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_1_0,
      credentials: apigwv2.IntegrationCredentials.fromRole(role),
      parameterMapping: mapping,
    }, this.options.successStatusCode);
    requireOfEveryRoute(integration, {
      // The route is created after the role's policy, so that its first request is allowed.
      dependencies: [role],
      violation: routeKey => missingPathParameter(routeKey, call.parameters),
    });
    return { integration, timeout };
  }
}

/**
 * The value a route cannot give: a path parameter that its route key does not have. An
 * integration is shared by the routes that use it, so each route is checked.
 */
function missingPathParameter(routeKey: string, parameters: ServiceParameter[]): RouteViolation | undefined {
  const routeParameters = routeKey === '$default' ? [] : parseRouteKey(routeKey).pathParameters;
  for (const { prop, value } of parameters) {
    const name = value instanceof GatewayValue ? value._pathParameter : undefined;
    if (name !== undefined && !routeParameters.includes(name)) {
      return {
        prop: `options.${prop}`,
        value: value!.toString(),
        rule: `the route has no path parameter {${name}} (its path parameters: ${routeParameters.length > 0 ? routeParameters.join(', ') : 'none'})`,
      };
    }
  }
  return undefined;
}

/**
 * aws-cdk-lib's route integration of an AWS-service integration. Its config has no response
 * parameters, so they are set on the L1 integration once the first route has made it.
 * Defined on first use (lib/common/lazy.ts).
 */
const serviceRouteIntegrationClass = lazyValue(() => class ServiceRouteIntegration extends apigwv2.HttpRouteIntegration {
  private firstRoute?: Construct;

  constructor(private readonly config: apigwv2.HttpRouteIntegrationConfig, private readonly successStatusCode?: number) {
    super('Integration');
  }

  public bind(options: apigwv2.HttpRouteIntegrationBindOptions): apigwv2.HttpRouteIntegrationConfig {
    this.firstRoute = options.scope;
    return this.config;
  }

  protected completeBind(_options: apigwv2.HttpRouteIntegrationBindOptions): void {
    const cfn = this.firstRoute?.node.tryFindChild('Integration')?.node.defaultChild;
    if (this.successStatusCode !== undefined && cfn instanceof apigwv2.CfnIntegration && cfn.responseParameters === undefined) {
      // Response parameter mapping changes the status code and headers of a response, never its
      // body ("Transform API requests and responses for HTTP APIs", HTTP API developer guide).
      // CfnIntegration.responseParameters is untyped JSON, written as CloudFormation spells it.
      cfn.responseParameters = {
        200: { ResponseParameters: [{ Destination: 'overwrite:statuscode', Source: String(this.successStatusCode) }] },
      };
    }
  }
});
