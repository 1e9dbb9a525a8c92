import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, IConstruct } from 'constructs';
import { EndpointKind } from '../common/endpoint';
import { GatewayValidationError, check, warn } from '../common/errors';
import { validateIntegrationTimeout } from '../common/integration-timeout';
import {
  DEFAULT_ALIAS_STAGE_VARIABLE, invokedFunctionArn, lambdaInvocationPath, lambdaInvocationTargets, lambdaStreamingInvocationPath,
} from '../common/lambda-invocation';
import { parseRouteKey } from '../common/route-key';
import { checkRestFactoryInput } from './input';
import { RestMappingOptions, mockMappingDefaults, restMapping } from './non-proxy';
import { checkResponseTransfer, validateStreamingTimeout } from './streaming';
import { GatewayIntegrationConfig } from '../common/integration-config';
import type * as service from './service-integrations';
import type * as alb from './alb-integration';
import { restAlbIntegration, restServiceIntegrations } from '../common/lazy';

/** REST integrations time out after at most 29 s unless a regional or private API's account raised it (rule 10). */
export const REST_MAX_TIMEOUT_MS = 29000;

/** What the gateway passes to an integration when a route is added. */
export interface RestIntegrationBindOptions {
  /** A scope for constructs the integration creates (unique per route). */
  readonly scope: Construct;
  /** The route key the integration serves, e.g. `GET /orders/{id}`. */
  readonly routeKey: string;
  /**
   * The gateway the route belongs to (AWS-service integrations make their roles under it, in its
   * stack, even when `scope` is in a nested route stack).
   */
  readonly gateway: IConstruct;
  /** The API's endpoint kind (timeouts above 29 s are possible only off the edge). */
  readonly endpointKind: EndpointKind;
  /**
   * Request parameters forming the cache key (the route's path parameters and any the route adds);
   * set them as the integration's `cacheKeyParameters`.
   * @default - none
   */
  readonly cacheKeyParameters?: string[];
}

/** What an integration gives the gateway. */
export interface RestIntegrationConfig extends GatewayIntegrationConfig {
  /** The aws-cdk-lib integration for the method. */
  readonly integration: apigateway.Integration;
  /**
   * Method responses the method declares (a non-proxy integration needs one for each status code
   * of its integration responses). The route's `methodResponses` are merged with them by status
   * code.
   * @default - none
   */
  readonly methodResponses?: apigateway.MethodResponse[];
  /**
   * Method request parameters the integration's mapping reads (`method.request.header.Content-Type`:
   * `false`), declared on the method unless the route declares them itself.
   * @default - none
   */
  readonly requestParameters?: { [name: string]: boolean };
}

/** Options shared by every REST integration. */
export interface RestIntegrationOptions {
  /**
   * How long API Gateway waits for the backend: 50 ms to 29 s (more only on regional or private
   * APIs whose account quota was raised).
   * @default Duration.seconds(29)
   */
  readonly timeout?: Duration;
}

/** Options of a Lambda integration: proxy (the default), non-proxy with mappings, or streaming. */
export interface RestLambdaIntegrationOptions extends RestIntegrationOptions, RestMappingOptions {
  /**
   * Whether API Gateway passes the request to the function and its response back unchanged
   * (a Lambda proxy integration, AWS_PROXY). `false` makes a Lambda custom integration (AWS),
   * shaped by `requestTemplates`, `integrationResponses`, `passthroughBehavior` and
   * `contentHandling`, which only such an integration takes.
   * @default true
   */
  readonly proxy?: boolean;
  /**
   * `apigateway.ResponseTransferMode.STREAM` streams the function's response to the client as
   * it is written (Lambda's InvokeWithResponseStream; the function writes with
   * `awslambda.streamifyResponse` and `HttpResponseStream.from`), for up to 15 minutes with a
   * `timeout` up to `Duration.minutes(15)` on every endpoint type, without a quota increase. Proxy
   * integrations only. A streamed response is never cached: on stages with a cache the route's
   * caching is off, and cache options on the route are an error. Streams idle for 30 s (edge-optimized
   * APIs) or 5 minutes (regional and private APIs) are closed; responses are not compressed.
   * @default apigateway.ResponseTransferMode.BUFFERED
   */
  readonly responseTransferMode?: apigateway.ResponseTransferMode;
}

/** Options of a Lambda alias integration. */
export interface RestLambdaAliasIntegrationOptions extends RestLambdaIntegrationOptions {
  /**
   * The stage variable that names the alias; each stage sets it through `lambdaAliases`.
   * @default 'lambdaAlias'
   */
  readonly stageVariable?: string;
}

/** Options of an HTTP integration: proxy (the default) or non-proxy with mappings. */
export interface RestHttpIntegrationOptions extends RestIntegrationOptions, RestMappingOptions {
  /**
   * Whether API Gateway passes the request to the backend and its response back unchanged (an
   * HTTP proxy integration, HTTP_PROXY). `false` makes an HTTP custom integration (HTTP), shaped
   * by `requestTemplates`, `integrationResponses` (selected by the backend's status code),
   * `passthroughBehavior` and `contentHandling`, which only such an integration takes.
   * @default true
   */
  readonly proxy?: boolean;
  /**
   * The HTTP method used to call the backend (aws-cdk-lib's `apigwv2.HttpMethod`, as on every
   * gateway of this library).
   * @default - the route's method (ANY for ANY routes)
   */
  readonly httpMethod?: apigwv2.HttpMethod;
}

/** Options of a private integration to a Network Load Balancer through a VPC link. */
export interface RestNlbIntegrationOptions extends RestHttpIntegrationOptions {
  /**
   * The backend URL API Gateway calls through the VPC link, e.g.
   * `https://orders.internal.example.com/v1/orders/{id}`; path parameters of the route may be
   * used in it. Its host is sent as the `Host` header and, for `https://`, is the name API Gateway
   * verifies in the backend's certificate. The connection always goes to the load balancer.
   * @default - `https://<secureServerName><route path>` when secureServerName is set, otherwise
   * `http://<load balancer DNS name><route path>` (plain HTTP, which warns)
   */
  readonly url?: string;
  /**
   * The host name of the backend's TLS certificate: API Gateway then calls
   * `https://<secureServerName><route path>` and verifies the certificate the load balancer's TLS
   * listener (or the target) presents, which must be issued for this name by a certificate
   * authority API Gateway trusts. Give either this or `url`.
   * @default - no TLS to the backend, unless `url` is an https URL
   */
  readonly secureServerName?: string;
  /**
   * The VPC link to use (it must target this load balancer).
   * @default - one `apigateway.VpcLink` per load balancer per stack, created on first use and
   * shared by every route and RestGateway of the stack that uses the load balancer
   */
  readonly vpcLink?: apigateway.IVpcLink;
}

/**
 * Options of a mock integration. `statusCode` and `responseBody` are the short form; the mapping
 * options give full control (the mock's "backend" answers with the status code its request
 * template renders, `{"statusCode": 200}` by default, and its integration responses map it).
 */
export interface RestMockIntegrationOptions extends RestMappingOptions {
  /**
   * The status code the mock answers with (rendered by the default request template).
   * @default 200
   */
  readonly statusCode?: number;
  /**
   * The JSON body the mock answers with (the default integration response's template).
   * @default '{}'
   */
  readonly responseBody?: string;
}

/**
 * A backend for a RestGateway route. Use the static factories; implement `bind` for your own.
 */
export abstract class RestIntegration {
  /**
   * A Lambda integration: proxy by default, a custom (non-proxy) one with `proxy: false` and
   * mapping options, or a streaming one with `responseTransferMode: STREAM`. The gateway grants
   * invoke once per function per stage, streaming or not (InvokeWithResponseStream needs the same
   * `lambda:InvokeFunction` permission).
   *
   * @example
   * // A streamed response (server-sent events, LLM tokens) for up to 15 minutes.
   * api.addRoute('POST /chat', RestIntegration.lambdaFunction(ordersFn, {
   *   responseTransferMode: apigateway.ResponseTransferMode.STREAM,
   *   timeout: Duration.minutes(15),
   * }));
   * // A custom integration: a mapped request, and a Lambda error mapped to 404.
   * api.addRoute('GET /orders/{id}', RestIntegration.lambdaFunction(ordersFn, {
   *   proxy: false,
   *   requestTemplates: { 'application/json': '{ "orderId": "$input.params(\'id\')" }' },
   *   integrationResponses: [
   *     { statusCode: '200' },
   *     { statusCode: '404', selectionPattern: '.*Not found.*', responseTemplates: { 'application/json': '{ "message": "not found" }' } },
   *   ],
   * }), { methodResponses: [{ statusCode: '200', responseSchemas: { 'application/json': { type: apigateway.JsonSchemaType.OBJECT } } }] });
   */
  public static lambdaFunction(handler: lambda.IFunction, options: RestLambdaIntegrationOptions = {}): RestIntegration {
    checkRestFactoryInput('RestIntegration.lambdaFunction', { handler, options });
    return new LambdaRestIntegration(handler, options);
  }

  /**
   * A Lambda integration calling `handler` at the alias named by a stage variable
   * (`function:${stageVariables.lambdaAlias}`), so that each stage invokes its own alias. It takes
   * the options of `lambdaFunction` (proxy or not, streaming).
   */
  public static lambdaAlias(handler: lambda.IFunction, options: RestLambdaAliasIntegrationOptions = {}): RestIntegration {
    checkRestFactoryInput('RestIntegration.lambdaAlias', { handler, options });
    return new LambdaRestIntegration(handler, options, options.stageVariable ?? DEFAULT_ALIAS_STAGE_VARIABLE);
  }

  /**
   * An HTTP integration to a URL (path parameters of the route may be used in it): proxy by
   * default, a custom (non-proxy) one with `proxy: false` and mapping options.
   */
  public static http(url: string, options: RestHttpIntegrationOptions = {}): RestIntegration {
    checkRestFactoryInput('RestIntegration.http', { url, options });
    return new HttpRestIntegration(url, options);
  }

  /**
   * A private HTTP proxy integration to a Network Load Balancer in a VPC, through a VPC link
   * (connection type VPC_LINK). Every route using the same load balancer in a stack shares one
   * VPC link. Give `secureServerName` (or an https `url`) to use TLS to the backend; plain HTTP
   * warns (`cdk-api-gateways:vpcLinkPlainHttp`).
   *
   * It takes the load balancer, where HttpIntegration.nlb takes a listener: a REST VPC link
   * attaches to the Network Load Balancer itself, while an HTTP API's private integration targets
   * a listener ARN.
   */
  public static nlb(loadBalancer: elbv2.INetworkLoadBalancer, options: RestNlbIntegrationOptions = {}): RestIntegration {
    checkRestFactoryInput('RestIntegration.nlb', { loadBalancer, options });
    return new NlbRestIntegration(loadBalancer, options);
  }

  /**
   * A private HTTP proxy integration to an Application Load Balancer through a VPC link V2
   * (`AWS::ApiGatewayV2::VpcLink`), the load balancer as integration target; one link per VPC per
   * gateway unless `vpcLink` is given (an imported listener needs it). It takes a listener, as
   * HttpIntegration.alb does. See lib/rest/alb-integration.ts.
   *
   * @example
   * api.addRoute('ANY /orders/{proxy+}', RestIntegration.alb(listener, { secureServerName: 'orders.internal.example.com' }));
   */
  public static alb(listener: elbv2.IApplicationListener, options: alb.RestAlbIntegrationOptions = {}): RestIntegration {
    return new BinderRestIntegration(restAlbIntegration().albIntegrationBinder(listener, options));
  }

  /**
   * A mock integration answering without a backend: a fixed status and JSON body, or what its
   * request template and integration responses say.
   */
  public static mock(options: RestMockIntegrationOptions = {}): RestIntegration {
    checkRestFactoryInput('RestIntegration.mock', { options });
    return new MockRestIntegration(options);
  }

  // AWS-service integrations (issue 16): AWS integrations with a request mapping template, a
  // client-friendly response mapping, service errors answered with generic 4XX/5XX messages (the
  // service's own message never reaches the client), and one least-privilege role per gateway
  // and service. See lib/rest/service-integrations.ts.

  /**
   * Sends each request to an SQS queue (SendMessage) and answers `{"messageId": ...}`. The message
   * body is the request body by default; a FIFO queue needs `messageGroupId`. The role may only
   * `sqs:SendMessage` to this queue (and use its customer-managed key).
   */
  public static sqsSendMessage(queue: sqs.IQueue, options: service.RestSqsSendMessageOptions = {}): RestIntegration {
    checkRestFactoryInput('RestIntegration.sqsSendMessage', { queue, options });
    return new BinderRestIntegration(restServiceIntegrations().sqsSendMessage(queue, options));
  }

  /**
   * Starts an execution of a state machine (StartExecution) with the request body as input, and
   * answers `{"executionArn": ..., "startDate": ...}`. The role may only `states:StartExecution` it.
   */
  public static stepFunctionsStartExecution(stateMachine: sfn.IStateMachine, options: service.RestStepFunctionsExecutionOptions = {}): RestIntegration {
    checkRestFactoryInput('RestIntegration.stepFunctionsStartExecution', { stateMachine, options });
    return new BinderRestIntegration(restServiceIntegrations().stepFunctionsStartExecution(stateMachine, options));
  }

  /**
   * Runs an EXPRESS state machine synchronously (StartSyncExecution) with the request body as
   * input, and answers 200 `{"status": "SUCCEEDED", "output": <the output>}`; a FAILED execution
   * is a 500 and a TIMED_OUT one a 504, without the execution's error and cause. The role may only
   * `states:StartSyncExecution` it.
   */
  public static stepFunctionsStartSyncExecution(stateMachine: sfn.IStateMachine, options: service.RestStepFunctionsExecutionOptions = {}): RestIntegration {
    checkRestFactoryInput('RestIntegration.stepFunctionsStartSyncExecution', { stateMachine, options });
    return new BinderRestIntegration(restServiceIntegrations().stepFunctionsStartSyncExecution(stateMachine, options));
  }

  /**
   * Puts one event on an event bus (PutEvents), the request body as its detail, with the source
   * and detail type the route fixes, and answers `{"eventId": ...}`. The role may only
   * `events:PutEvents` on this bus.
   */
  public static eventBridgePutEvents(bus: events.IEventBus, options: service.RestEventBridgePutEventsOptions): RestIntegration {
    checkRestFactoryInput('RestIntegration.eventBridgePutEvents', { bus, options });
    return new BinderRestIntegration(restServiceIntegrations().eventBridgePutEvents(bus, options));
  }

  /**
   * Puts one record on a Kinesis data stream (PutRecord), the request body as its data, and answers
   * `{"sequenceNumber": ..., "shardId": ...}`. The role may only `kinesis:PutRecord` on this stream.
   */
  public static kinesisPutRecord(stream: kinesis.IStream, options: service.RestKinesisPutRecordOptions): RestIntegration {
    checkRestFactoryInput('RestIntegration.kinesisPutRecord', { stream, options });
    return new BinderRestIntegration(restServiceIntegrations().kinesisPutRecord(stream, options));
  }

  /**
   * Reads one item of a DynamoDB table (GetItem) and answers it as plain JSON, or 404 when there
   * is none. The role may only `dynamodb:GetItem` on this table.
   */
  public static dynamoDbGetItem(table: dynamodb.ITable, options: service.RestDynamoDbGetItemOptions): RestIntegration {
    checkRestFactoryInput('RestIntegration.dynamoDbGetItem', { table, options });
    return new BinderRestIntegration(restServiceIntegrations().dynamoDbGetItem(table, options));
  }

  /**
   * Writes one item to a DynamoDB table (PutItem): by default the fields of the JSON body, with
   * the key attributes taken from the route's path parameters of the same names. The role may
   * only `dynamodb:PutItem` on this table.
   */
  public static dynamoDbPutItem(table: dynamodb.ITable, options: service.RestDynamoDbPutItemOptions = {}): RestIntegration {
    checkRestFactoryInput('RestIntegration.dynamoDbPutItem', { table, options });
    return new BinderRestIntegration(restServiceIntegrations().dynamoDbPutItem(table, options));
  }

  /**
   * Queries the items of a DynamoDB table (or index) that share a partition key (Query), and
   * answers `{"items": [...], "count": n, "hasMore": bool}`. The role may only `dynamodb:Query`
   * this table, or only the index when `indexName` is given.
   */
  public static dynamoDbQuery(table: dynamodb.ITable, options: service.RestDynamoDbQueryOptions): RestIntegration {
    checkRestFactoryInput('RestIntegration.dynamoDbQuery', { table, options });
    return new BinderRestIntegration(restServiceIntegrations().dynamoDbQuery(table, options));
  }

  /**
   * Answers an S3 object (GetObject) with its content type, or 404. Binary objects need the
   * gateway's `binaryMediaTypes` to match the request's `Accept` header. The role may only
   * `s3:GetObject` the objects under `keyPrefix`.
   */
  public static s3GetObject(bucket: s3.IBucket, options: service.RestS3ObjectOptions): RestIntegration {
    checkRestFactoryInput('RestIntegration.s3GetObject', { bucket, options });
    return new BinderRestIntegration(restServiceIntegrations().s3GetObject(bucket, options));
  }

  /**
   * Stores the request body as an S3 object (PutObject) with the request's content type. Binary
   * bodies need the gateway's `binaryMediaTypes` to match the request's `Content-Type`. The role
   * may only `s3:PutObject` the objects under `keyPrefix`.
   */
  public static s3PutObject(bucket: s3.IBucket, options: service.RestS3ObjectOptions): RestIntegration {
    checkRestFactoryInput('RestIntegration.s3PutObject', { bucket, options });
    return new BinderRestIntegration(restServiceIntegrations().s3PutObject(bucket, options));
  }

  /** Builds the integration for one route. */
  public abstract bind(options: RestIntegrationBindOptions): RestIntegrationConfig;
}

/** Validates a REST integration timeout (rule 10) and returns it. */
export function validateRestTimeout(options: RestIntegrationBindOptions, timeout: Duration | undefined): Duration | undefined {
  return validateIntegrationTimeout(options.scope, options.routeKey, timeout, {
    maxMs: options.endpointKind === EndpointKind.EDGE ? REST_MAX_TIMEOUT_MS : Number.MAX_SAFE_INTEGER,
    appliesTo: 'edge-optimized REST APIs (no quota increase applies to them)',
    defaultQuotaMs: REST_MAX_TIMEOUT_MS,
    gateway: options.gateway,
  });
}

/**
 * The integration request parameters mapping each `{name}` of a backend URL to the route's path
 * parameter of that name; a URL parameter the route does not have is an error.
 */
export function urlPathParameters(options: RestIntegrationBindOptions, prop: string, url: string): { [k: string]: string } | undefined {
  // `{name}`, but not a `${stageVariables.name}` reference.
  const params = /(?<!\$)\{([A-Za-z0-9._-]+)\+?\}/g;
  const requestParameters: { [k: string]: string } = {};
  const routeParams = [...options.routeKey.matchAll(params)].map(m => m[1]);
  for (const m of url.matchAll(params)) {
    check(options.scope, `route '${options.routeKey}' ${prop}`, url, routeParams.includes(m[1])
      ? undefined : `the URL parameter {${m[1]}} must be a path parameter of the route`);
    requestParameters[`integration.request.path.${m[1]}`] = `method.request.path.${m[1]}`;
  }
  return Object.keys(requestParameters).length > 0 ? requestParameters : undefined;
}

/**
 * The backend URL of a route served through a VPC link when none is given: the route's path
 * (a greedy `{proxy+}` becoming `{proxy}`) on `scheme://host`.
 */
export function defaultVpcLinkUrl(scheme: string, host: string, routeKey: string): string {
  const path = parseRouteKey(routeKey).path.replace(/\{([A-Za-z0-9._-]+)\+\}/g, '{$1}');
  return `${scheme}://${host}${path}`;
}

/**
 * Why a backend URL cannot be used through a VPC link, or undefined. A URL with a token cannot be
 * decided at synth time.
 */
export function vpcLinkUrlViolation(url: string): string | undefined {
  if (Token.isUnresolved(url)) return undefined;
  if (!/^https?:\/\/[^/\s]+/.test(url)) {
    return 'a VPC link backend URL is absolute: http://host[:port]/path or https://host[:port]/path';
  }
  return undefined;
}

/** Why a secureServerName is not a host name, or undefined (tokens are not decided). */
export function serverNameViolation(name: string): string | undefined {
  if (Token.isUnresolved(name)) return undefined;
  return /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(name) ? undefined
    : 'a secure server name is a DNS host name such as orders.internal.example.com (no scheme, port or path)';
}

/**
 * The VPC link of a load balancer in the stack of `scope`: found by its construct id, or created.
 * One per load balancer per stack (not per gateway) because VPC links are few per account and
 * region and take minutes to create; the id derives from the load balancer's path only.
 */
function vpcLinkFor(scope: Construct, loadBalancer: elbv2.INetworkLoadBalancer): apigateway.IVpcLink {
  const stack = Stack.of(scope);
  // The load balancer's path below the stack (its full path when it is in another stack), so
  // that renaming the stack keeps the logical id.
  const scopes = loadBalancer.node.scopes;
  const inStack = scopes.indexOf(stack);
  const path = (inStack >= 0 ? scopes.slice(inStack + 1) : scopes.filter(c => c.node.id !== '')).map(c => c.node.id);
  const id = `RestVpcLink-${path.join('-')}`;
  const existing = stack.node.tryFindChild(id);
  if (existing instanceof apigateway.VpcLink) return existing;
  return new apigateway.VpcLink(stack, id, {
    description: `API Gateway REST private integrations to ${loadBalancer.node.path}`,
    targets: [loadBalancer],
  });
}

class NlbRestIntegration extends RestIntegration {
  constructor(private readonly loadBalancer: elbv2.INetworkLoadBalancer, private readonly options: RestNlbIntegrationOptions) {
    super();
  }

  public bind(options: RestIntegrationBindOptions): RestIntegrationConfig {
    const prop = `route '${options.routeKey}' nlb`;
    const timeout = validateRestTimeout(options, this.options.timeout);
    check(options.scope, `${prop} url`, this.options.url, this.options.url !== undefined && this.options.secureServerName !== undefined
      ? 'give either url or secureServerName (the https URL is then built from it), not both' : undefined);
    if (this.options.secureServerName !== undefined) {
      check(options.scope, `${prop} secureServerName`, this.options.secureServerName, serverNameViolation(this.options.secureServerName));
    }
    const url = this.options.url ?? (this.options.secureServerName !== undefined
      ? defaultVpcLinkUrl('https', this.options.secureServerName, options.routeKey)
      : defaultVpcLinkUrl('http', this.dnsName(options, prop), options.routeKey));
    check(options.scope, `${prop} url`, url, vpcLinkUrlViolation(url));
    if (url.startsWith('http://')) {
      warn(options.scope, 'vpcLinkPlainHttp',
        `route '${options.routeKey}' calls its VPC link backend over plain HTTP (${this.options.url === undefined ? 'the default' : 'url'}); `
        + 'set secureServerName (or an https url) and a TLS listener on the load balancer so traffic to the backend is encrypted '
        + '(Security Hub APIGateway.10 asks this of private integrations).');
    }
    const routeMethod = parseRouteKey(options.routeKey).method;
    const proxy = this.options.proxy ?? true;
    const mapping = restMapping(options, 'nlb', this.options, proxy);
    return {
      // CloudFormation has no TlsConfig on AWS::ApiGateway::Method: API Gateway always verifies
      // an https backend's certificate (insecureSkipVerification stays false).
      integration: new apigateway.HttpIntegration(url, {
        proxy,
        httpMethod: this.options.httpMethod ?? routeMethod,
        options: {
          connectionType: apigateway.ConnectionType.VPC_LINK,
          vpcLink: this.options.vpcLink ?? vpcLinkFor(options.scope, this.loadBalancer),
          timeout,
          cacheKeyParameters: options.cacheKeyParameters,
          requestParameters: urlPathParameters(options, 'nlb url', url),
          ...mapping.options,
        },
      }),
      methodResponses: mapping.methodResponses,
    };
  }

  private dnsName(options: RestIntegrationBindOptions, prop: string): string {
    try {
      return this.loadBalancer.loadBalancerDnsName;
    } catch {
      // An imported load balancer without its DNS name.
      throw new GatewayValidationError(options.scope, `${prop} url`, undefined,
        `the load balancer ${this.loadBalancer.node.path} has no DNS name to build the default URL from; give url or secureServerName`);
    }
  }
}

/**
 * A Lambda integration (proxy, custom or streaming), at the alias a stage variable names when
 * `stageVariable` is set.
 */
class LambdaRestIntegration extends RestIntegration {
  constructor(private readonly handler: lambda.IFunction, private readonly options: RestLambdaIntegrationOptions,
    private readonly stageVariable?: string) {
    super();
  }

  public bind(options: RestIntegrationBindOptions): RestIntegrationConfig {
    const label = this.stageVariable === undefined ? 'lambdaFunction' : 'lambdaAlias';
    const proxy = this.options.proxy ?? true;
    const mapping = restMapping(options, label, this.options, proxy);
    const streams = checkResponseTransfer(options, label, this.options.responseTransferMode, proxy);
    const timeout = streams ? validateStreamingTimeout(options, this.options.timeout) : validateRestTimeout(options, this.options.timeout);
    const functionArn = invokedFunctionArn(this.handler, this.stageVariable);
    return {
      // AwsIntegration rather than LambdaIntegration: the latter adds a permission per method.
      integration: new apigateway.AwsIntegration({
        proxy,
        service: 'lambda',
        path: streams ? lambdaStreamingInvocationPath(functionArn) : lambdaInvocationPath(functionArn),
        options: {
          timeout,
          cacheKeyParameters: options.cacheKeyParameters,
          responseTransferMode: this.options.responseTransferMode,
          ...mapping.options,
        },
      }),
      methodResponses: mapping.methodResponses,
      ...lambdaInvocationTargets(this.handler, this.stageVariable),
    };
  }
}

class HttpRestIntegration extends RestIntegration {
  constructor(private readonly url: string, private readonly options: RestHttpIntegrationOptions) {
    super();
  }

  public bind(options: RestIntegrationBindOptions): RestIntegrationConfig {
    const timeout = validateRestTimeout(options, this.options.timeout);
    const routeMethod = parseRouteKey(options.routeKey).method;
    const requestParameters = urlPathParameters(options, 'http url', this.url);
    const proxy = this.options.proxy ?? true;
    const mapping = restMapping(options, 'http', this.options, proxy);
    return {
      integration: new apigateway.HttpIntegration(this.url, {
        proxy,
        httpMethod: this.options.httpMethod ?? routeMethod,
        options: {
          timeout,
          cacheKeyParameters: options.cacheKeyParameters,
          requestParameters,
          ...mapping.options,
        },
      }),
      methodResponses: mapping.methodResponses,
    };
  }
}

class MockRestIntegration extends RestIntegration {
  constructor(private readonly options: RestMockIntegrationOptions) {
    super();
  }

  public bind(options: RestIntegrationBindOptions): RestIntegrationConfig {
    const statusCode = this.options.statusCode ?? 200;
    check(options.scope, `route '${options.routeKey}' mock statusCode`, statusCode,
      Number.isInteger(statusCode) && statusCode >= 100 && statusCode <= 599 ? undefined : 'a status code is a whole number from 100 to 599');
    const body = this.options.responseBody ?? '{}';
    const mapping = restMapping(options, 'mock', this.options, false, mockMappingDefaults(options, this.options, statusCode, body));
    return {
      integration: new apigateway.MockIntegration(mapping.options),
      methodResponses: mapping.methodResponses,
    };
  }
}

/**
 * An integration built by a module loaded on first use (the AWS-service integrations of
 * lib/rest/service-integrations.ts, the ALB integration of lib/rest/alb-integration.ts).
 */
class BinderRestIntegration extends RestIntegration {
  constructor(private readonly binder: (options: RestIntegrationBindOptions) => RestIntegrationConfig) {
    super();
  }

  public bind(options: RestIntegrationBindOptions): RestIntegrationConfig {
    return this.binder(options);
  }
}
