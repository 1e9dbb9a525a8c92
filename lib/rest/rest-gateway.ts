import { Duration, Lazy, Names, Resource, Size, Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct, IConstruct } from 'constructs';
import { AccessLogKind } from '../common/access-logs';
import { acknowledgeRule } from '../common/compliance';
import { DEFAULT_CORS_HEADERS, DEFAULT_CORS_METHODS, GatewayCorsOptions, validateCors } from '../common/cors';
import {
  GatewayDomain, GatewayDomainMappingOptions, GatewayDomainOptions, addAliasRecords, basePathViolation, resolveDomainCertificate, resolveDomainStage,
} from '../common/domain';
import { EndpointKind, GatewayEndpoint } from '../common/endpoint';
import { check, warn } from '../common/errors';
import { executeApiArn, grantInvokeRoute } from '../common/execute-api';
import { requireAccountLoggingRoleForStages } from '../common/execution-logging';
import { GatewayCore } from '../common/gateway-core';
import { checkArgs } from '../common/input';
import { stageVariablesWithAliases } from '../common/lambda-alias';
import { AdjustableQuotaUse, warnAdjustableQuota, warnAdjustableQuotasAtSynth } from '../common/quotas';
import { parseRouteKeyFor } from '../common/route-key';
import { RouteSettings, stageThrottleLimits } from '../common/route-settings';
import { GatewayStageOptions, validateStageOptions, validateStageVariables, validateUniqueStageNames } from '../common/stage';
import { stageAccessLogs } from '../common/stage-access-logs';
import { requestMetricSpecs } from '../common/stage-metrics';
import { stageProp } from '../common/stage-registry';
import { ThrottleSettings, validateThrottle } from '../common/throttle';
import { UsagePlanRegistry } from '../common/usage-plan-registry';
import { GatewayApiKeyOptions, GatewayUsagePlanOptions, UsagePlanStageOptions } from '../common/usage-plans';
import { RestAuthorization } from './authorization';
import { CacheClusterSize, RestCacheOptions, RestRouteCacheOptions } from './cache';
import { callerIdentityCacheKeys } from './cache-identity';
import { RestIntegration } from './integration';
import { REST_METHOD_ARGS, checkRestGatewayInput, checkRestIntegrationConfig, checkRestRouteInput } from './input';
import { PathVariableUse, pathVariableClash, recordPathVariables } from './path-rules';
import { MAX_RESOURCE_POLICY_CHARS, privateApiPolicyStatements, resolvePrivateEndpoints } from './private-endpoint';
import { cacheTtlViolation, canaryPercentViolation, canaryVariableNameViolation } from './rules';


/** REST quotas (rule 14). */
const MAX_REST_STAGES = 10;
const MAX_REST_AUTHORIZERS = 10;
const MAX_REST_RESOURCES = 300;

/** REST stage metrics: errors are `4XXError` and `5XXError`. */
const REST_METRICS = requestMetricSpecs('4XXError', '5XXError');

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
}

/** Properties of a RestGateway. */
export interface RestGatewayProps {
  /**
   * The API's name.
   * @default - the construct id
   */
  readonly restApiName?: string;
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
   * A custom domain serving one stage (`domain.stageName`, required when there are several
   * stages): certificate region checked or created in the right region, A/AAAA alias records when
   * a hosted zone is given.
   * @default - no custom domain
   */
  readonly domain?: GatewayDomainOptions;
  /**
   * Where API Gateway reads the API key: the `X-API-Key` header, or the usageIdentifierKey a
   * Lambda authorizer returns.
   * @default apigateway.ApiKeySourceType.HEADER
   */
  readonly apiKeySource?: apigateway.ApiKeySourceType;
}

/** Options of `grantInvoke`. */
export interface RestGrantInvokeOptions {
  /**
   * Only this route, e.g. `GET /orders/{id}`.
   * @default - every route
   */
  readonly routeKey?: string;
  /**
   * Only this stage.
   * @default - every stage
   */
  readonly stageName?: string;
}

/** A REST API managed by this library, or imported. */
export interface IRestGateway extends IConstruct {
  /** The REST API id. */
  readonly restApiId: string;

  /** The execute-api ARN of a method, path and stage (`*` wildcards by default). */
  arnForExecuteApi(method?: string, path?: string, stageName?: string): string;

  /** Grants `execute-api:Invoke` for IAM-authorized routes. */
  grantInvoke(grantee: iam.IGrantable, options?: RestGrantInvokeOptions): iam.Grant;
}

/** Attributes to import a REST API. */
export interface RestGatewayAttributes {
  /** The REST API id. */
  readonly restApiId: string;
}

abstract class RestGatewayBase extends Resource implements IRestGateway {
  public abstract readonly restApiId: string;

  public arnForExecuteApi(method: string = '*', path: string = '/*', stageName: string = '*'): string {
    checkArgs(this, { method, path, stageName }, REST_METHOD_ARGS.arnForExecuteApi, 'arnForExecuteApi');
    return executeApiArn(this, this.restApiId, `${stageName}/${method}${path}`);
  }

  public grantInvoke(grantee: iam.IGrantable, options: RestGrantInvokeOptions = {}): iam.Grant {
    checkArgs(this, { grantee, options }, REST_METHOD_ARGS.grantInvoke, 'grantInvoke');
    return grantInvokeRoute(this, grantee, options);
  }
}

/** What a route's method settings need besides its throttle. */
interface RestRouteSettingDetails {
  readonly method: string;
  readonly path: string;
  readonly cache?: RestRouteCacheOptions;
  /** Not cached unless `cache.enabled`: authorized, and its caller identity cannot be a cache key. */
  readonly uncachedByDefault?: boolean;
}

/**
 * A REST API with secure, observable defaults: regional endpoint, IAM authorization on every
 * route, JSON access logs, execution logs at ERROR without bodies, X-Ray, detailed metrics, a
 * request validator, and one Lambda permission per function per stage.
 *
 * @example
 * const api = new RestGateway(this, 'Orders', {
 *   stages: [{ stageName: 'dev' }, { stageName: 'prod' }],
 * });
 * api.addRoute('GET /orders/{id}', RestIntegration.lambdaFunction(ordersFn));
 */
export class RestGateway extends RestGatewayBase {
  /** Imports an existing REST API. */
  public static fromRestGatewayAttributes(scope: Construct, id: string, attrs: RestGatewayAttributes): IRestGateway {
    checkArgs('RestGateway.fromRestGatewayAttributes', { scope, id, attrs }, REST_METHOD_ARGS.fromRestGatewayAttributes);
    class Import extends RestGatewayBase {
      public readonly restApiId = attrs.restApiId;
    }
    return new Import(scope, id);
  }

  /** The underlying aws-cdk-lib REST API. */
  public readonly restApi: apigateway.RestApi;
  /** The REST API id. */
  public readonly restApiId: string;
  /** The endpoint kind. */
  public readonly endpointKind: EndpointKind;
  /** The custom domain made from the `domain` prop (edge or regional APIs). */
  public readonly customDomain?: apigateway.DomainName;
  /** The private custom domain made from the `domain` prop (private APIs). */
  public readonly privateCustomDomain?: apigateway.CfnDomainNameV2;
  /** The request validator (body and parameters) used by routes that declare a schema or required parameters. */
  public readonly requestValidator: apigateway.RequestValidator;

  private readonly core = new GatewayCore<apigateway.Stage, apigateway.Method>(this,
    stageName => executeApiArn(this, this.restApiId, `${stageName}/*/*`));
  private readonly stageOptions = new Map<string, RestStageOptions>();
  private readonly routeSettings = new RouteSettings<RestRouteSettingDetails>();
  private readonly pathVariables = new Map<string, PathVariableUse>();
  private readonly authorizers = new Set<apigateway.IAuthorizer>();
  private readonly defaultAuthorization: RestAuthorization;
  private readonly cors?: GatewayCorsOptions;
  private vpcEndpoints: ec2.IInterfaceVpcEndpoint[] = [];
  private readonly apiKeyRequired: boolean;
  private readonly usagePlanRegistry = new UsagePlanRegistry(this);
  private anyRouteRequiresKey = false;

  constructor(scope: Construct, id: string, props: RestGatewayProps = {}) {
    super(scope, id);
    checkRestGatewayInput(this, props);
    const stages = props.stages ?? [{ stageName: 'prod' }];
    const endpoint = props.endpoint ?? GatewayEndpoint.regional();
    this.endpointKind = endpoint.kind;
    this.defaultAuthorization = props.defaultAuthorization ?? RestAuthorization.iam();
    this.cors = props.cors;
    this.apiKeyRequired = props.apiKeyRequired ?? false;

    check(this, 'stages', '[]', stages.length === 0 ? 'a RestGateway has at least one stage' : undefined);
    warnAdjustableQuota(this, { id: 'stagesQuota', what: 'stages per REST API', count: stages.length, max: MAX_REST_STAGES });
    validateUniqueStageNames(this, 'stages', stages);
    stages.forEach((stage, i) => this.validateStage(`stages[${i}]`, stage));
    validateCors(this, 'cors', props.cors);

    // Endpoint and resource policy.
    const policyStatements = [...props.policyStatements ?? []];
    let vpcEndpointIds: string[] | undefined;
    if (endpoint.kind === EndpointKind.PRIVATE) {
      const endpoints = resolvePrivateEndpoints(this, 'endpoint', endpoint.privateOptions ?? {});
      this.vpcEndpoints = endpoints;
      vpcEndpointIds = endpoints.map(e => e.vpcEndpointId);
      policyStatements.unshift(...privateApiPolicyStatements(vpcEndpointIds));
    }
    const policy = policyStatements.length > 0 ? new iam.PolicyDocument({ statements: policyStatements }) : undefined;

    const [first, ...others] = stages;
    this.restApi = new apigateway.RestApi(this, 'RestApi', {
      restApiName: props.restApiName ?? id,
      description: props.description,
      endpointConfiguration: {
        types: [endpoint.kind === EndpointKind.EDGE ? apigateway.EndpointType.EDGE
          : endpoint.kind === EndpointKind.PRIVATE ? apigateway.EndpointType.PRIVATE : apigateway.EndpointType.REGIONAL],
        vpcEndpoints: undefined,
      },
      policy,
      binaryMediaTypes: props.binaryMediaTypes,
      minCompressionSize: props.minCompressionSize,
      disableExecuteApiEndpoint: props.disableExecuteApiEndpoint,
      apiKeySourceType: props.apiKeySource,
      // The account-level CloudWatch role is one per account and region: never made per API.
      cloudWatchRole: false,
      deploy: true,
      retainDeployments: false,
      deployOptions: this.stageProps(first),
      defaultCorsPreflightOptions: props.cors ? {
        allowOrigins: props.cors.allowOrigins,
        allowMethods: props.cors.allowMethods ?? DEFAULT_CORS_METHODS,
        allowHeaders: props.cors.allowHeaders ?? DEFAULT_CORS_HEADERS,
        exposeHeaders: props.cors.exposeHeaders,
        allowCredentials: props.cors.allowCredentials,
        maxAge: props.cors.maxAge ?? Duration.minutes(10),
      } : undefined,
    });
    this.restApiId = this.restApi.restApiId;
    if (vpcEndpointIds) {
      // aws-cdk-lib renders vpcEndpointIds only for PRIVATE; set them on the L1 directly so the
      // endpoint list stays the one the policy uses.
      (this.restApi.node.defaultChild as apigateway.CfnRestApi).endpointConfiguration = {
        types: ['PRIVATE'],
        vpcEndpointIds,
      };
    }

    this.registerStage(first, this.restApi.deploymentStage);
    for (const stage of others) {
      // Same construct id pattern as the first stage's, so reordering stages keeps logical ids.
      this.registerStage(stage, new apigateway.Stage(this.restApi, `DeploymentStage.${stage.stageName}`, {
        deployment: this.restApi.latestDeployment!,
        ...this.stageProps(stage),
      }));
    }

    this.requestValidator = this.restApi.addRequestValidator('RequestValidator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });

    if (props.cors) {
      this.addCorsGatewayResponses(props.cors);
    }

    if (props.domain && this.endpointKind === EndpointKind.PRIVATE) {
      this.privateCustomDomain = this.addPrivateCustomDomain(props.domain);
    } else if (props.domain) {
      this.customDomain = this.addCustomDomain(props.domain);
    }

    this.node.addValidation({ validate: () => this.validateModel() });
    warnAdjustableQuotasAtSynth(this, () => this.adjustableQuotaUses(policy));
    this.usagePlanRegistry.warnWhenNoRouteRequiresKey(() => this.anyRouteRequiresKey, 'route');
    requireAccountLoggingRoleForStages(this, stages, name => this.stage(name));
  }

  /** The names of the stages, in the order given. */
  public get stageNames(): string[] {
    return this.core.stages.names;
  }

  /** The URL of the first stage. */
  public get url(): string {
    return this.urlForStage(this.core.stages.firstName);
  }

  /** The aws-cdk-lib Stage of the given name. */
  public stage(stageName: string): apigateway.Stage {
    return this.core.stages.get(stageName);
  }

  /** The invoke URL of a stage. */
  public urlForStage(stageName: string): string {
    return this.stage(stageName).urlForPath('/');
  }

  /**
   * Adds a route: `METHOD /path` (METHOD one of ANY, GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS).
   * Resources along the path are created as needed.
   */
  public addRoute(routeKey: string, integration: RestIntegration, options: RestRouteOptions = {}): apigateway.Method {
    checkRestRouteInput(this, routeKey, integration, options);
    const parsed = parseRouteKeyFor(this, 'routeKey', routeKey);
    this.core.routes.claim(routeKey);
    check(this, 'routeKey', routeKey, parsed.method === 'OPTIONS' && this.cors
      ? 'the gateway\'s cors option already answers OPTIONS on every path' : undefined);
    const clash = pathVariableClash(this.pathVariables, parsed.path);
    check(this, 'routeKey', routeKey, clash
      ? `API Gateway allows one variable path part per resource, greedy or not: ${clash.pathPart} under '${clash.parent}' clashes with `
        + `${clash.existing.pathPart} of route '${clash.existing.routeKey}' (CloudFormation would fail with "A sibling (${clash.existing.pathPart}) `
        + 'of this resource already has a variable path part -- only one is allowed"); use the same variable name in both routes'
      : undefined);
    validateThrottle(this, `route '${routeKey}' throttle`, options.throttle);
    if (options.cache?.ttl) {
      check(this, `route '${routeKey}' cache.ttl`, `${options.cache.ttl.toSeconds()} s`, cacheTtlViolation(options.cache.ttl.toSeconds()));
    }

    const scope = new Construct(this.core.routes.scope, routeKey.replace(/\//g, '|'));
    const requestParameters: { [name: string]: boolean } = {};
    for (const p of parsed.pathParameters) {
      requestParameters[`method.request.path.${p}`] = true;
    }
    Object.assign(requestParameters, options.requestParameters ?? {});
    const cacheKeyParameters = [
      ...parsed.pathParameters.map(p => `method.request.path.${p}`),
      ...options.cache?.keyParameters ?? [],
    ];
    // A cached response of an authorized route must never reach another caller: key the cache on
    // the caller's identity, or do not cache the route by default (see RestRouteCacheOptions).
    const authorization = options.authorization ?? this.defaultAuthorization;
    const cachedOnSomeStage = this.stageNames.some(s => this.stageOptions.get(s)?.cache !== undefined)
      && (options.cache?.enabled ?? parsed.method === 'GET');
    let uncachedByDefault = false;
    const identitySources = cachedOnSomeStage ? authorization._identitySources() : undefined;
    if (identitySources !== undefined) {
      const identityKeys = callerIdentityCacheKeys(identitySources);
      if (identityKeys) {
        for (const key of identityKeys) {
          requestParameters[key] ??= false;
          if (!cacheKeyParameters.includes(key)) cacheKeyParameters.push(key);
        }
      } else if (options.cache?.enabled === true) {
        warn(this, 'cacheWithoutCallerIdentity', `route '${routeKey}' sets cache.enabled, but its ${authorization.kind} authorization has no caller identity `
          + `that can be a cache key (${identitySources.length > 0 ? identitySources.join(', ') : 'IAM signs each request'}): every caller of the same `
          + 'path receives the response cached for the first one. Cache only responses that are the same for every caller, or acknowledge this warning.');
      } else {
        uncachedByDefault = true;
      }
    }
    for (const key of cacheKeyParameters) {
      check(this, `route '${routeKey}' cache.keyParameters`, key,
        key in requestParameters ? undefined : 'a cache key parameter must be declared in requestParameters');
    }

    const config = integration.bind({
      scope,
      routeKey,
      endpointKind: this.endpointKind,
      // Without the path parameters in the cache key, /orders/1 and /orders/2 share a cache entry.
      cacheKeyParameters: cacheKeyParameters.length > 0 ? cacheKeyParameters : undefined,
    });
    checkRestIntegrationConfig(this, routeKey, config);
    this.core.bindInvocations(routeKey, config);

    const auth = authorization._bind(this, this);
    const apiKeyRequired = options.apiKeyRequired ?? this.apiKeyRequired;
    this.anyRouteRequiresKey ||= apiKeyRequired;
    if (auth.authorizer) {
      this.authorizers.add(auth.authorizer);
    }
    let requestModels: { [contentType: string]: apigateway.IModel } | undefined;
    if (options.requestSchema) {
      requestModels = {
        'application/json': this.restApi.addModel(`Model${Names.uniqueId(scope).slice(-24)}`, {
          contentType: 'application/json',
          schema: options.requestSchema,
        }),
      };
    }
    const validates = requestModels !== undefined || Object.values(options.requestParameters ?? {}).some(v => v);

    const resource = this.restApi.root.resourceForPath(parsed.path);
    const method = resource.addMethod(parsed.method, config.integration, {
      authorizationType: auth.authorizationType,
      authorizer: auth.authorizer,
      authorizationScopes: auth.scopes,
      apiKeyRequired,
      requestParameters: Object.keys(requestParameters).length > 0 ? requestParameters : undefined,
      requestModels,
      requestValidator: validates ? this.requestValidator : undefined,
      methodResponses: config.methodResponses,
      operationName: options.operationName,
    });
    this.core.routes.add(routeKey, method);
    recordPathVariables(this.pathVariables, parsed.path, routeKey);
    if (auth.authorizationType !== apigateway.AuthorizationType.COGNITO && auth.authorizationType !== apigateway.AuthorizationType.NONE) {
      acknowledgeRule(method, 'AwsSolutions-COG4',
        `route '${routeKey}' is authorized with ${auth.authorizationType} by the gateway's configuration; AwsSolutions-COG4 accepts only Cognito user pools.`);
    }
    if (options.cache || options.throttle || uncachedByDefault) {
      this.routeSettings.add({
        routeKey,
        throttle: options.throttle,
        details: { method: parsed.method, path: parsed.path, cache: options.cache, uncachedByDefault },
      });
    }
    return method;
  }

  /**
   * Adds an API key. Its value is generated by API Gateway, or read from Secrets Manager at
   * deploy time; it never appears in the template. The construct id depends on `name` only.
   */
  public addApiKey(name: string, options: GatewayApiKeyOptions = {}): apigateway.IApiKey {
    return this.usagePlanRegistry.addApiKey(name, options);
  }

  /**
   * Adds a usage plan over some or all stages, with a throttle, a quota and per-route throttles.
   */
  public addUsagePlan(name: string, options: GatewayUsagePlanOptions = {}): apigateway.UsagePlan {
    const prop = `usagePlans '${name}'`;
    const registered = this.usagePlanRegistry.addPlan(name, options, () => {
      const stages: UsagePlanStageOptions[] = options.stages ?? this.stageNames.map(stageName => ({ stageName }));
      const apiStages: apigateway.UsagePlanPerApiStage[] = stages.map((stageOptions, i) => {
        const stage = this.core.stages.require(`${prop}.stages[${i}].stageName`, stageOptions.stageName);
        return {
          api: this.restApi,
          stage,
          throttle: Object.entries(stageOptions.routeThrottles ?? {}).map(([routeKey, throttle]) => {
            check(this, `${prop}.stages[${i}].routeThrottles`, routeKey,
              this.core.routes.has(routeKey) ? undefined : 'a route throttle names a route added with addRoute before the plan');
            validateThrottle(this, `${prop}.stages[${i}].routeThrottles['${routeKey}']`, throttle);
            return { method: this.core.routes.get(routeKey), throttle };
          }),
        };
      });
      const plan = new apigateway.UsagePlan(this, `UsagePlan-${name}`, {
        name: `${this.restApi.restApiName}-${name}`,
        description: options.description,
        throttle: options.throttle,
        quota: options.quota,
        apiStages,
      });
      return { construct: plan, usagePlanId: plan.usagePlanId, stageNames: stages.map(st => st.stageName) };
    });
    return registered.construct as apigateway.UsagePlan;
  }

  /** Adds an API key to a usage plan (both by name). */
  public addApiKeyToPlan(planName: string, keyName: string): void {
    this.usagePlanRegistry.addKeyToPlan(planName, keyName);
  }

  /** A usage plan added with addUsagePlan. */
  public usagePlan(name: string): apigateway.UsagePlan {
    return this.usagePlanRegistry.plan(name).construct as apigateway.UsagePlan;
  }

  /**
   * Serves a stage under a base path of a shared regional GatewayDomain (several APIs or stages
   * on one domain). Edge-optimized and private APIs cannot be mapped onto a regional domain.
   */
  public mapDomain(domain: GatewayDomain, options: GatewayDomainMappingOptions = {}): void {
    checkArgs(this, { domain, options }, REST_METHOD_ARGS.mapDomain, 'mapDomain');
    check(this, 'mapDomain', this.endpointKind, this.endpointKind === EndpointKind.REGIONAL ? undefined
      : 'only regional REST APIs can be mapped onto a regional GatewayDomain; give an edge-optimized API its own `domain`');
    this.core.stages.mapDomain(domain, options, this.restApiId);
  }

  /** The method of a route added with addRoute. */
  public route(routeKey: string): apigateway.Method {
    return this.core.routes.get(routeKey);
  }

  /** The route keys added so far. */
  public get routeKeys(): string[] {
    return this.core.routes.keys;
  }

  /** How many Lambda permissions the gateway created (one per function per stage). */
  public get lambdaPermissionCount(): number {
    return this.core.lambdaPermissionCount;
  }

  /** A metric of one stage (`4XXError`, `5XXError`, `Count`, `Latency`, `IntegrationLatency`, `CacheHitCount`, `CacheMissCount`). */
  public metric(metricName: string, stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.core.metric(stageName, { metricName }, props);
  }

  /** Client errors (4XX) of a stage. */
  public metricClientError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.core.metric(stageName, REST_METRICS.clientError, props);
  }

  /** Server errors (5XX) of a stage. */
  public metricServerError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.core.metric(stageName, REST_METRICS.serverError, props);
  }

  /** Requests to a stage. */
  public metricCount(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.core.metric(stageName, REST_METRICS.count, props);
  }

  /** End-to-end latency of a stage. */
  public metricLatency(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.core.metric(stageName, REST_METRICS.latency, props);
  }

  /** Backend latency of a stage. */
  public metricIntegrationLatency(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.core.metric(stageName, REST_METRICS.integrationLatency, props);
  }

  /**
   * A private custom domain (rule 3): an `AWS::ApiGateway::DomainNameV2` reachable only through
   * the API's VPC endpoints (its own resource policy, and one access association per endpoint),
   * a base-path mapping, and an alias record to the endpoint in a private hosted zone.
   */
  private addPrivateCustomDomain(options: GatewayDomainOptions): apigateway.CfnDomainNameV2 {
    check(this, 'domain.certificate', undefined, options.certificate ? undefined
      : 'a private custom domain needs a certificate (ACM in the API\'s region); its hostedZone is the private zone of the VPC, which cannot validate a new certificate');
    check(this, 'domain.mtls', options.mtls, options.mtls ? 'mutual TLS is not available on private custom domains' : undefined);
    const securityPolicy = options.securityPolicy ?? apigateway.SecurityPolicy.TLS_1_2;
    if (options.basePath !== undefined) {
      check(this, 'domain.basePath', options.basePath, basePathViolation(options.basePath, EndpointKind.REGIONAL, securityPolicy));
    }
    const stageName = resolveDomainStage(this, 'domain.stageName', this.stageNames, options.stageName);
    const stage = this.core.stages.require('domain.stageName', stageName);
    // The certificate of a private domain lives in the API's region, like a regional one's.
    const certificate = resolveDomainCertificate(this, 'domain', options, EndpointKind.REGIONAL);
    const vpceIds = this.vpcEndpoints.map(e => e.vpcEndpointId);
    const policy = new iam.PolicyDocument({ statements: privateApiPolicyStatements(vpceIds) });
    const domain = new apigateway.CfnDomainNameV2(this, 'PrivateCustomDomain', {
      domainName: options.domainName,
      certificateArn: certificate.certificateArn,
      endpointConfiguration: { types: ['PRIVATE'] },
      securityPolicy,
      policy: Lazy.any({ produce: () => policy.toJSON() }),
    });
    const mapping = new apigateway.CfnBasePathMappingV2(this, 'PrivateCustomDomainMapping', {
      domainNameArn: domain.attrDomainNameArn,
      restApiId: this.restApiId,
      stage: stageName,
      basePath: options.basePath,
    });
    mapping.node.addDependency(stage);
    this.vpcEndpoints.forEach((endpoint, i) => {
      new apigateway.CfnDomainNameAccessAssociation(this, `PrivateCustomDomainAccess${i}`, {
        domainNameArn: domain.attrDomainNameArn,
        accessAssociationSource: endpoint.vpcEndpointId,
        accessAssociationSourceType: 'VPCE',
      });
    });
    const firstEndpoint = this.vpcEndpoints[0];
    if (options.hostedZone && firstEndpoint instanceof ec2.InterfaceVpcEndpoint) {
      new route53.ARecord(this, 'PrivateDomainAlias', {
        zone: options.hostedZone,
        recordName: options.domainName,
        target: route53.RecordTarget.fromAlias(new targets.InterfaceVpcEndpointTarget(firstEndpoint)),
      });
    } else if (options.hostedZone) {
      warn(this, 'privateDomainRecord', `domain.hostedZone: the VPC endpoint ${firstEndpoint?.node.path} was imported, so no alias record to it can be made; `
        + `create an alias or CNAME for ${options.domainName} to the endpoint's DNS name in the private zone.`);
    }
    return domain;
  }

  private addCustomDomain(options: GatewayDomainOptions): apigateway.DomainName {
    const kind = this.endpointKind;
    const securityPolicy = options.securityPolicy ?? apigateway.SecurityPolicy.TLS_1_2;
    if (options.basePath !== undefined) {
      check(this, 'domain.basePath', options.basePath, basePathViolation(options.basePath, kind, securityPolicy));
    }
    const stageName = resolveDomainStage(this, 'domain.stageName', this.stageNames, options.stageName);
    const stage = this.core.stages.require('domain.stageName', stageName);
    const certificate = resolveDomainCertificate(this, 'domain', options, kind);
    const domain = new apigateway.DomainName(this, 'CustomDomain', {
      domainName: options.domainName,
      certificate,
      endpointType: kind === EndpointKind.EDGE ? apigateway.EndpointType.EDGE : apigateway.EndpointType.REGIONAL,
      securityPolicy,
      mtls: options.mtls ? { bucket: options.mtls.bucket, key: options.mtls.key, version: options.mtls.version } : undefined,
    });
    if (options.basePath?.includes('/')) {
      domain.addApiMapping(stage, { basePath: options.basePath });
    } else {
      domain.addBasePathMapping(this.restApi, { basePath: options.basePath, stage });
    }
    addAliasRecords(this, options.hostedZone, options.domainName, new targets.ApiGatewayDomain(domain));
    return domain;
  }

  private validateStage(prop: string, stage: RestStageOptions): void {
    validateStageOptions(this, prop, stage, false);
    if (stage.cache?.ttl) {
      check(this, `${prop}.cache.ttl`, `${stage.cache.ttl.toSeconds()} s`, cacheTtlViolation(stage.cache.ttl.toSeconds()));
    }
    if (stage.webAclArn !== undefined && !Token.isUnresolved(stage.webAclArn)) {
      check(this, `${prop}.webAclArn`, stage.webAclArn, /^arn:[a-z-]+:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/.+/.test(stage.webAclArn)
        ? undefined : 'a stage is protected by a regional WAFv2 web ACL (arn:aws:wafv2:REGION:ACCOUNT:regional/webacl/NAME/ID)');
    }
    if (stage.canary) {
      const canary = stage.canary;
      check(this, `${prop}.canary.percentTraffic`, canary.percentTraffic, canaryPercentViolation(canary.percentTraffic));
      validateStageVariables(this, `${prop}.canary.variables`, canary.variables ?? {});
      for (const name of [...Object.keys(canary.variables ?? {}), ...Object.keys(canary.lambdaAliases ?? {})]) {
        check(this, `${prop}.canary stage-variable override`, name, canaryVariableNameViolation(name));
      }
    }
    if (stage.dataTrace) {
      warn(this, 'dataTrace', `${prop}.dataTrace is on: full requests and responses, including secrets and personal data, go to the execution logs.`);
    }
  }

  private stageProps(stage: RestStageOptions): apigateway.StageOptions {
    const logs = stageAccessLogs(this, stage.stageName, AccessLogKind.REST, stage.accessLogs);
    return {
      stageName: stage.stageName,
      description: stage.description,
      variables: stageVariablesWithAliases(this, stageProp(stage.stageName), stage.variables, stage.lambdaAliases),
      tracingEnabled: stage.tracing ?? true,
      // Explicitly false without a cache: when the property is merely removed, CloudFormation
      // leaves the cache cluster on (still billed, serving entries without the removed cache
      // keys): aws-cdk #32342, cloudformation-coverage-roadmap #2231.
      cacheClusterEnabled: stage.cache !== undefined,
      cacheClusterSize: stage.cache ? stage.cache.clusterSize ?? CacheClusterSize.GB_0_5 : undefined,
      accessLogDestination: logs ? new apigateway.LogGroupLogDestination(logs.logGroup) : undefined,
      accessLogFormat: logs ? apigateway.AccessLogFormat.custom(logs.format) : undefined,
    };
  }

  private registerStage(options: RestStageOptions, stage: apigateway.Stage): void {
    this.stageOptions.set(options.stageName, options);
    this.core.stages.add(options, stage,
      { name: 'canary', lambdaAliases: options.canary?.lambdaAliases, variables: options.canary?.variables });
    const cfn = stage.node.defaultChild as apigateway.CfnStage;
    // The Stage L2 has no canary settings: set them on the L1.
    cfn.canarySetting = this.renderCanary(options);
    cfn.methodSettings = Lazy.any({ produce: () => this.renderMethodSettings(options) }, { omitEmptyArray: true });
    if (options.webAclArn) {
      new wafv2.CfnWebACLAssociation(this, `WebAcl-${options.stageName}`, {
        resourceArn: stage.stageArn,
        webAclArn: options.webAclArn,
      });
    }
  }

  private renderCanary(stage: RestStageOptions): apigateway.CfnStage.CanarySettingProperty {
    const canary = stage.canary;
    const overrides: { [name: string]: string } = { ...canary?.variables };
    for (const [variable, alias] of Object.entries(canary?.lambdaAliases ?? {})) {
      overrides[variable] = alias.aliasName;
    }
    return {
      deploymentId: this.restApi.latestDeployment!.deploymentId,
      percentTraffic: canary?.percentTraffic ?? 0,
      stageVariableOverrides: Object.keys(overrides).length > 0 ? overrides : undefined,
      useStageCache: canary?.useStageCache ?? false,
    };
  }

  private renderMethodSettings(stage: RestStageOptions): apigateway.CfnStage.MethodSettingProperty[] {
    const throttle = stageThrottleLimits(stage.throttle);
    const base = {
      loggingLevel: stage.executionLogLevel ?? apigateway.MethodLoggingLevel.ERROR,
      dataTraceEnabled: stage.dataTrace ?? false,
      metricsEnabled: stage.detailedMetrics ?? true,
    };
    const cacheTtl = stage.cache ? (stage.cache.ttl ?? Duration.seconds(300)).toSeconds() : undefined;
    const settings: apigateway.CfnStage.MethodSettingProperty[] = [{
      httpMethod: '*',
      resourcePath: '/*',
      ...base,
      throttlingRateLimit: throttle.rateLimit,
      throttlingBurstLimit: throttle.burstLimit,
      cachingEnabled: stage.cache ? true : undefined,
      cacheTtlInSeconds: cacheTtl,
      cacheDataEncrypted: stage.cache ? true : undefined,
    }];
    settings.push(...this.routeSettings.render(stage.throttle, ({ throttle: routeThrottle, details: route }, limits) => {
      const cache = stage.cache && route.cache;
      if (!cache && !routeThrottle && !(stage.cache && route.uncachedByDefault)) return undefined;
      return {
        httpMethod: route.method === 'ANY' ? '*' : route.method,
        resourcePath: route.path === '/' ? '/' : '/' + route.path.replace(/\//g, '~1'),
        ...base,
        throttlingRateLimit: limits.rateLimit,
        throttlingBurstLimit: limits.burstLimit,
        cachingEnabled: stage.cache ? cache?.enabled ?? (route.method === 'GET' && !route.uncachedByDefault) : undefined,
        cacheTtlInSeconds: stage.cache ? cache?.ttl?.toSeconds() ?? cacheTtl : undefined,
        cacheDataEncrypted: stage.cache ? true : undefined,
      };
    }));
    return settings;
  }

  private addCorsGatewayResponses(cors: GatewayCorsOptions): void {
    const origin = cors.allowOrigins[0];
    if (cors.allowOrigins.length > 1) {
      warn(this, 'corsGatewayResponseOrigin',
        `cors.allowOrigins lists ${cors.allowOrigins.length} origins; 4XX/5XX gateway responses cannot choose per request and carry only the first, '${origin}'.`);
    }
    const headers: { [name: string]: string } = {
      'Access-Control-Allow-Origin': `'${origin}'`,
      'Access-Control-Allow-Headers': `'${(cors.allowHeaders ?? DEFAULT_CORS_HEADERS).join(',')}'`,
      'Access-Control-Allow-Methods': `'${[...cors.allowMethods ?? DEFAULT_CORS_METHODS, 'OPTIONS'].join(',')}'`,
    };
    if (cors.allowCredentials) {
      headers['Access-Control-Allow-Credentials'] = '\'true\'';
    }
    for (const type of [apigateway.ResponseType.DEFAULT_4XX, apigateway.ResponseType.DEFAULT_5XX]) {
      this.restApi.addGatewayResponse(`Cors${type.responseType}`, { type, responseHeaders: headers });
    }
  }

  private validateModel(): string[] {
    return this.core.modelErrors(c => c instanceof apigateway.CfnMethod ? (c.integration as apigateway.CfnMethod.IntegrationProperty | undefined)?.uri : undefined,
      'a RestGateway needs at least one route (addRoute); API Gateway cannot deploy an API without methods');
  }

  /** Counts against quotas the account can raise: they warn (see common/quotas.ts). */
  private adjustableQuotaUses(policy: iam.PolicyDocument | undefined): AdjustableQuotaUse[] {
    return [
      { id: 'authorizersQuota', what: 'authorizers per REST API', count: this.authorizers.size, max: MAX_REST_AUTHORIZERS },
      {
        id: 'resourcesQuota',
        what: 'resources (paths) per REST API',
        count: this.restApi.root.node.findAll().filter(c => c instanceof apigateway.Resource).length,
        max: MAX_REST_RESOURCES,
      },
      {
        id: 'resourcePolicyQuota',
        what: 'characters of REST API resource policy',
        count: policy ? JSON.stringify(Stack.of(this).resolve(policy.toJSON())).length : 0,
        max: MAX_RESOURCE_POLICY_CHARS,
      },
    ];
  }
}
