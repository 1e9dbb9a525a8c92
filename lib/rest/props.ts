/**
 * The props and options of RestGateway, and the interface every REST gateway (imported ones too)
 * implements.
 */
import { Size } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { GatewayCorsOptions } from '../common/cors';
import { GatewayDomainOptions } from '../common/domain';
import { GatewayIpAddressType } from '../common/ip-address-type';
import { GatewayEndpoint } from '../common/endpoint';
import { GatewayStageOptions } from '../common/stage';
import { ThrottleSettings } from '../common/throttle';
import { RestAuthorization } from './authorization';
import { RestCacheOptions, RestRouteCacheOptions } from './cache';
import { RestCanaryBakeOptions } from './canary-bake';
import { RestMethodResponse } from './non-proxy';
import { IGateway } from '../common/gateway';
import { GatewayRaisedQuotas } from '../common/quotas';
import { GatewayRouteStacks } from '../common/route-stacks';
import { RestOpenApiOptions } from './openapi';

/**
 * A canary on a REST stage: a share of the stage's traffic runs with other stage variables
 * (typically another Lambda alias), from the same API definition.
 */
export interface RestCanaryOptions {
  /** Share of the stage's traffic sent to the canary, 0.0 to 100.0. */
  readonly percentTraffic: number;
  /**
   * Lambda aliases the canary invokes instead of the stage's, by stage variable (names of
   * letters and digits only).
   * @default - the stage's aliases
   */
  readonly lambdaAliases?: { [stageVariable: string]: lambda.IAlias };
  /**
   * Other stage-variable overrides for the canary (names of letters and digits only).
   * @default - none
   */
  readonly variables?: { [name: string]: string };
  /**
   * Whether the canary reads and writes the stage's cache.
   * @default false
   */
  readonly useStageCache?: boolean;
  /**
   * Watch alarms after each deployment that changes this canary (its API deployment, traffic
   * share, overrides or the versions of the stage's Lambda aliases), and fail the deployment when
   * one fires, so that CloudFormation rolls the release back. Promotion stays a change in code.
   * @default - not watched
   */
  readonly bake?: RestCanaryBakeOptions;
}

/** One stage of a RestGateway. */
export interface RestStageOptions extends GatewayStageOptions {
  /**
   * A canary release on this stage. Without one the stage carries a 0 % canary setting, so
   * that removing a canary from code takes effect (CloudFormation leaves a removed canary in
   * place: aws-cdk #33901).
   * @default - no canary traffic
   */
  readonly canary?: RestCanaryOptions;
  /**
   * AWS X-Ray tracing.
   * @default true
   */
  readonly tracing?: boolean;
  /**
   * Execution logging level. Execution logs need the account-level CloudWatch role: see
   * GatewayAccountLogging.
   * @default apigateway.MethodLoggingLevel.ERROR
   */
  readonly executionLogLevel?: apigateway.MethodLoggingLevel;
  /**
   * Log full requests and responses in execution logs. They may contain secrets and personal
   * data, so this warns when turned on.
   * @default false
   */
  readonly dataTrace?: boolean;
  /**
   * A cache cluster for this stage (billed per hour). GET routes are cached, encrypted, per
   * caller on authorized routes (see RestRouteCacheOptions).
   * @default - no cache: `CacheClusterEnabled: false`, so removing a cache turns the cluster off
   */
  readonly cache?: RestCacheOptions;
  /**
   * The ARN of a regional AWS WAFv2 web ACL to associate with this stage.
   * @default - no web ACL
   */
  readonly webAclArn?: string;
}

/** Options of one route. */
export interface RestRouteOptions {
  /**
   * How the route is authorized.
   * @default - the gateway's defaultAuthorization (IAM unless set)
   */
  readonly authorization?: RestAuthorization;
  /**
   * Whether callers must send an API key (X-API-Key header).
   * @default false
   */
  readonly apiKeyRequired?: boolean;
  /**
   * Query-string and header parameters the route declares, e.g.
   * `{ 'method.request.querystring.page': false, 'method.request.header.X-Tenant': true }`;
   * `true` makes the parameter required (checked by the request validator).
   * Path parameters of the route key are declared automatically.
   * @default - only the path parameters
   */
  readonly requestParameters?: { [name: string]: boolean };
  /**
   * A JSON schema the `application/json` request body must match (checked by the request validator).
   * @default - the body is not validated
   */
  readonly requestSchema?: apigateway.JsonSchema;
  /**
   * Responses the route's method declares: status codes, response headers and body models (made
   * by the gateway from JSON schemas). They are merged by status code with those the integration
   * needs (a non-proxy integration declares a response for each of its integration responses'
   * status codes): a header both declare takes the route's required flag.
   * @default - those the integration needs (none for a proxy integration)
   */
  readonly methodResponses?: RestMethodResponse[];
  /**
   * Cache settings for this route on stages with a cache. An authorized route never shares a
   * cached response between callers: Cognito and Lambda routes get their identity source in the
   * cache key, IAM routes are not cached unless `enabled` (see RestRouteCacheOptions).
   * @default - the stage's: GET routes cached with the stage's TTL, per caller when authorized; IAM routes not cached
   */
  readonly cache?: RestRouteCacheOptions;
  /**
   * A throttle for this route on every stage.
   * @default - the stage's default throttle
   */
  readonly throttle?: ThrottleSettings;
  /**
   * An operation name for SDK generation.
   * @default - none
   */
  readonly operationName?: string;
  /**
   * Where the route's constructs are made: the gateway's stack or a nested stack under it, such
   * as a team's NestedStack (routes of a large API added by several teams). Every route of one
   * group (see GatewayRouteStacks) is made in the same stack. A stack that is not the gateway's
   * or nested under it is an error: the gateway's deployment and Lambda permissions come after
   * the route, so the two stacks would depend on each other.
   * @default - the gateway's stack, or its route stack when `routeStacks` is set
   */
  readonly scope?: Construct;
}

/** Properties of a RestGateway. */
export interface RestGatewayProps {
  /**
   * The API's name.
   * @default - the construct id
   */
  readonly apiName?: string;
  /**
   * A description.
   * @default - none
   */
  readonly description?: string;
  /**
   * Where the API is reachable.
   * @default GatewayEndpoint.regional()
   */
  readonly endpoint?: GatewayEndpoint;
  /**
   * The stages, each deployed from the same API definition. At most 10.
   * @default - one stage named 'prod' with the secure defaults
   */
  readonly stages?: RestStageOptions[];
  /**
   * Authorization of routes that do not set their own.
   * @default RestAuthorization.iam()
   */
  readonly defaultAuthorization?: RestAuthorization;
  /**
   * CORS: adds OPTIONS preflight routes (unauthenticated, 204) and the CORS headers on 4XX and
   * 5XX gateway responses.
   * @default - no CORS
   */
  readonly cors?: GatewayCorsOptions;
  /**
   * Resource-policy statements added to the API's policy (to a private API's generated one too).
   * @default - none (private APIs get one that admits only their VPC endpoints)
   */
  readonly policyStatements?: iam.PolicyStatement[];
  /**
   * Binary media types, e.g. `image/png`.
   * @default - none
   */
  readonly binaryMediaTypes?: string[];
  /**
   * Compress responses larger than this.
   * @default - no compression
   */
  readonly minCompressionSize?: Size;
  /**
   * Disable the default `execute-api` endpoint (once a custom domain serves the API).
   * @default false
   */
  readonly disableExecuteApiEndpoint?: boolean;
  /**
   * Whether routes that do not say otherwise require an API key.
   * @default false
   */
  readonly apiKeyRequired?: boolean;
  /**
   * Which IP addresses can invoke the API: IPv4 only, or IPv4 and IPv6. A private API is
   * dual-stack only. The gateway's own `domain` follows this choice unless it sets its own.
   * @default - API Gateway's default, not rendered: IPv4 for regional and edge-optimized APIs,
   * dual-stack for private ones
   */
  readonly ipAddressType?: GatewayIpAddressType;
  /**
   * A custom domain serving one stage (`domain.stageName`, required when there are several
   * stages): certificate region checked or created in the right region, alias records (A, and AAAA for
   * edge-optimized and dual-stack domains) when a hosted zone is given.
   * @default - no custom domain
   */
  readonly domain?: GatewayDomainOptions;
  /**
   * Where API Gateway reads the API key: the `X-API-Key` header, or the usageIdentifierKey a
   * Lambda authorizer returns.
   * @default apigateway.ApiKeySourceType.HEADER
   */
  readonly apiKeySource?: apigateway.ApiKeySourceType;
  /**
   * Spreads the routes over nested stacks, for APIs too large for one CloudFormation stack (500
   * resources, 1 MB of template: about 240 REST routes on their own paths). Routes are placed by
   * their group (first path segments), never by their count or order, so adding routes does not
   * move others. Set it before the first deploy: routes that change stacks fail to deploy. Without
   * it, a stack over CloudFormation's limits is a synth error that suggests a count.
   * @default - every route in the gateway's stack
   */
  readonly routeStacks?: GatewayRouteStacks;
  /**
   * The raised values of this API's adjustable quotas, once the account has them (a use over
   * the default quota then does not warn). A REST API has stagesPerApi, authorizersPerApi, resourcesPerApi, resourcePolicyCharacters and usagePlansPerApiKey.
   * @default - the default quotas: a use over one warns
   */
  readonly raisedQuotas?: GatewayRaisedQuotas;
  /**
   * Makes the API from an OpenAPI 3.0 or 3.1 document (contract first): one route per operation,
   * with its parameters, request body schema, operationId and security. Routes can still be added
   * with addRoute.
   * @default - no document: routes are added with addRoute
   */
  readonly openApi?: RestOpenApiOptions;
}


/** A REST API managed by this library, or imported. */
export interface IRestGateway extends IGateway {
  /** The execute-api ARN of a method, path and stage (`*` wildcards by default). */
  arnForExecuteApi(method?: string, path?: string, stageName?: string): string;

  /** End-to-end latency of a stage (`Latency`). */
  metricLatency(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/** Attributes to import a REST API. */
export interface RestGatewayAttributes {
  /** The REST API id. */
  readonly apiId: string;
  /**
   * The REST API's name. REST metrics are published by API name (the `ApiName` dimension),
   * so the imported gateway's metrics need it.
   * @default - none: the `metric*` methods of the imported gateway fail
   */
  readonly apiName?: string;
}
