import { Duration, Resource } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { AccessLogKind } from '../common/access-logs';
import { DEFAULT_CORS_HEADERS, DEFAULT_CORS_METHODS, GatewayCorsOptions, validateCors } from '../common/cors';
import { GatewayDomain, GatewayDomainMappingOptions, GatewayDomainOptions } from '../common/domain';
import { GatewayEndpoint } from '../common/endpoint';
import { check } from '../common/errors';
import { executeApiArn, grantInvokeRoute } from '../common/execute-api';
import { GatewayCore } from '../common/gateway-core';
import { checkArgs } from '../common/input';
import { warnAdjustableQuota, warnAdjustableQuotasAtSynth } from '../common/quotas';
import { parseRouteKeyFor } from '../common/route-key';
import { RouteSettings } from '../common/route-settings';
import { countViolation } from '../common/rules';
import { GatewayStageOptions, validateStageOptions, validateUniqueStageNames } from '../common/stage';
import { requestMetricSpecs } from '../common/stage-metrics';
import { ThrottleSettings, validateThrottle } from '../common/throttle';
import { addV2CustomDomain, mapV2Domain } from '../common/v2-domain';
import { v2IntegrationUri, v2StageProps } from '../common/v2-stage';
import { HttpAuthorization, HttpAuthorizationKind, MAX_HTTP_ROUTE_SCOPES } from './authorization';
import { HttpGatewayIntegration } from './integration';
import { HTTP_METHOD_ARGS, checkHttpGatewayInput, checkHttpIntegrationConfig, checkHttpRouteInput } from './input';
import {
  rejectNonRegionalEndpoint, rejectRestOnlyFeature, rejectRestOnlyGatewayProps, rejectRestOnlyRouteOptions, rejectRestOnlyStageOptions,
} from './rest-only';

/** HTTP API quotas (rule 16). */
// (300 integrations per API cannot be exceeded: there is at most one per route.)
const MAX_HTTP_ROUTES = 300;
const MAX_HTTP_STAGES = 10;
const MAX_HTTP_AUTHORIZERS = 10;

/** The name of an HTTP API's default stage, served at the root of the API's URL. */
export const HTTP_DEFAULT_STAGE_NAME = '$default';
/** The route key of the catch-all route. */
export const HTTP_DEFAULT_ROUTE_KEY = '$default';

/** HTTP stage metrics: errors are `4xx` and `5xx`. */
const HTTP_METRICS = requestMetricSpecs('4xx', '5xx');

/**
 * One stage of an HttpGateway. `$default` is served at the root of the API URL; other names
 * are the first path segment. HTTP stages have no cache, canary, WAF, X-Ray or execution logs:
 * those are REST API features (see RestGateway).
 */
export interface HttpStageOptions extends GatewayStageOptions {
  /**
   * Whether every change to the API is deployed to this stage automatically.
   * @default true
   */
  readonly autoDeploy?: boolean;
}

/** Options of one route. */
export interface HttpRouteOptions {
  /**
   * How the route is authorized.
   * @default - the gateway's defaultAuthorization (IAM unless set)
   */
  readonly authorization?: HttpAuthorization;
  /**
   * OAuth scopes the caller's token must carry (JWT authorization only); at most 10.
   * @default - the scopes of the route's JWT authorization, if any
   */
  readonly authorizationScopes?: string[];
  /**
   * A throttle for this route on every stage (a per-route setting of the stage).
   * @default - the stage's default throttle
   */
  readonly throttle?: ThrottleSettings;
}

/** Properties of an HttpGateway. */
export interface HttpGatewayProps {
  /**
   * The API's name.
   * @default - the construct id
   */
  readonly httpApiName?: string;
  /**
   * A description.
   * @default - none
   */
  readonly description?: string;
  /**
   * Where the API is reachable. HTTP APIs are regional only: `GatewayEndpoint.edge()` and
   * `GatewayEndpoint.privateEndpoint()` are rejected (they are RestGateway features).
   * @default GatewayEndpoint.regional()
   */
  readonly endpoint?: GatewayEndpoint;
  /**
   * The stages. At most 10. `$default` is allowed and served at the root of the URL.
   * @default - one stage named `$default`, deployed automatically
   */
  readonly stages?: HttpStageOptions[];
  /**
   * Authorization of routes that do not set their own.
   * @default HttpAuthorization.iam()
   */
  readonly defaultAuthorization?: HttpAuthorization;
  /**
   * CORS: API Gateway answers preflight requests itself and adds the CORS headers to every
   * response (errors included).
   * @default - no CORS
   */
  readonly cors?: GatewayCorsOptions;
  /**
   * Disable the default `execute-api` endpoint (once a custom domain serves the API).
   * @default false
   */
  readonly disableExecuteApiEndpoint?: boolean;
  /**
   * A regional custom domain serving one stage (`domain.stageName`, required when there are several stages): certificate region
   * checked or created, A/AAAA alias records when a hosted zone is given.
   * @default - no custom domain
   */
  readonly domain?: GatewayDomainOptions;
}

/** Options of `grantInvoke`. */
export interface HttpGrantInvokeOptions {
  /**
   * Only this route, e.g. `GET /orders/{id}` or `$default`.
   * @default - every route
   */
  readonly routeKey?: string;
  /**
   * Only this stage.
   * @default - every stage
   */
  readonly stageName?: string;
}

/** An HTTP API managed by this library, or imported. */
export interface IHttpGateway extends IConstruct {
  /** The HTTP API id. */
  readonly httpApiId: string;

  /**
   * The execute-api ARN of a route and stage (`*` wildcards by default).
   * @param method the method, `*` or `$default`
   * @param path the path, starting with `/` (ignored for `$default`)
   * @param stageName the stage name
   */
  arnForExecuteApi(method?: string, path?: string, stageName?: string): string;

  /** Grants `execute-api:Invoke` for IAM-authorized routes. */
  grantInvoke(grantee: iam.IGrantable, options?: HttpGrantInvokeOptions): iam.Grant;
}

/** Attributes to import an HTTP API. */
export interface HttpGatewayAttributes {
  /** The HTTP API id. */
  readonly httpApiId: string;
}

abstract class HttpGatewayBase extends Resource implements IHttpGateway {
  public abstract readonly httpApiId: string;

  public arnForExecuteApi(method: string = '*', path: string = '/*', stageName: string = '*'): string {
    checkArgs(this, { method, path, stageName }, HTTP_METHOD_ARGS.arnForExecuteApi, 'arnForExecuteApi');
    // The `$default` route has no path in its ARN.
    return executeApiArn(this, this.httpApiId, method === HTTP_DEFAULT_ROUTE_KEY ? `${stageName}/${method}` : `${stageName}/${method}${path}`);
  }

  public grantInvoke(grantee: iam.IGrantable, options: HttpGrantInvokeOptions = {}): iam.Grant {
    checkArgs(this, { grantee, options }, HTTP_METHOD_ARGS.grantInvoke, 'grantInvoke');
    return grantInvokeRoute(this, grantee, options, [HTTP_DEFAULT_ROUTE_KEY]);
  }
}

/**
 * An HTTP API with the same shape as RestGateway: IAM authorization on every route unless
 * chosen otherwise, JSON access logs, detailed metrics, an explicit stage throttle, per-route
 * throttles, and one Lambda permission per function per stage.
 *
 * REST-only features (caching, canaries, usage plans and API keys, WAF, X-Ray, execution logs,
 * edge and private endpoints) are rejected with an error that names them and points to RestGateway.
 *
 * @example
 * const api = new HttpGateway(this, 'Orders', {
 *   stages: [{ stageName: 'dev' }, { stageName: 'prod', throttle: { rateLimit: 500, burstLimit: 1000 } }],
 * });
 * api.addRoute('GET /orders/{id}', HttpGatewayIntegration.lambdaFunction(ordersFn));
 */
export class HttpGateway extends HttpGatewayBase {
  /** Imports an existing HTTP API. */
  public static fromHttpGatewayAttributes(scope: Construct, id: string, attrs: HttpGatewayAttributes): IHttpGateway {
    checkArgs('HttpGateway.fromHttpGatewayAttributes', { scope, id, attrs }, HTTP_METHOD_ARGS.fromHttpGatewayAttributes);
    class Import extends HttpGatewayBase {
      public readonly httpApiId = attrs.httpApiId;
    }
    return new Import(scope, id);
  }

  /** The underlying aws-cdk-lib HTTP API. */
  /** The custom domain made from the `domain` prop. */
  public readonly customDomain?: GatewayDomain;
  public readonly httpApi: apigwv2.HttpApi;
  /** The HTTP API id. */
  public readonly httpApiId: string;

  // Permissions are scoped to the stage, any route: the `$default` route's source ARN is
  // `apiId/stage/$default`, which a `stage/*/*` pattern would not match.
  private readonly core = new GatewayCore<apigwv2.HttpStage, apigwv2.HttpRoute>(this,
    stageName => executeApiArn(this, this.httpApiId, `${stageName}/*`));
  private readonly routeSettings = new RouteSettings<undefined>();
  private readonly authorizers = new Set<apigwv2.HttpAuthorizer>();
  private readonly defaultAuthorization: HttpAuthorization;
  private readonly cors?: GatewayCorsOptions;
  private authorizerScope?: Construct;

  constructor(scope: Construct, id: string, props: HttpGatewayProps = {}) {
    super(scope, id);
    checkHttpGatewayInput(this, props);
    const stages = props.stages ?? [{ stageName: HTTP_DEFAULT_STAGE_NAME }];
    this.defaultAuthorization = props.defaultAuthorization ?? HttpAuthorization.iam();
    this.cors = props.cors;

    rejectNonRegionalEndpoint(this, props.endpoint);
    rejectRestOnlyGatewayProps(this, props);
    check(this, 'stages', '[]', stages.length === 0 ? 'an HttpGateway has at least one stage' : undefined);
    warnAdjustableQuota(this, { id: 'stagesQuota', what: 'stages per HTTP API', count: stages.length, max: MAX_HTTP_STAGES });
    validateUniqueStageNames(this, 'stages', stages);
    stages.forEach((stage, i) => {
      rejectRestOnlyStageOptions(this, `stages[${i}]`, stage);
      validateStageOptions(this, `stages[${i}]`, stage, true);
    });
    validateCors(this, 'cors', props.cors);
    const corsMethods = props.cors ? corsHttpMethods(this, props.cors.allowMethods ?? DEFAULT_CORS_METHODS) : undefined;

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: props.httpApiName ?? id,
      description: props.description,
      // Stages are created below, each with access logs and throttles.
      createDefaultStage: false,
      disableExecuteApiEndpoint: props.disableExecuteApiEndpoint,
      corsPreflight: props.cors ? {
        allowOrigins: props.cors.allowOrigins,
        allowMethods: corsMethods,
        allowHeaders: props.cors.allowHeaders ?? DEFAULT_CORS_HEADERS,
        exposeHeaders: props.cors.exposeHeaders,
        allowCredentials: props.cors.allowCredentials,
        maxAge: props.cors.maxAge ?? Duration.minutes(10),
      } : undefined,
    });
    this.httpApiId = this.httpApi.apiId;

    for (const stage of stages) {
      this.addStageInternal(stage);
    }

    if (props.domain) {
      this.customDomain = addV2CustomDomain(this, this.stageNames, 'HTTP API', props.domain, (d, o) => this.mapDomain(d, o));
    }

    this.node.addValidation({
      validate: () => this.core.modelErrors(v2IntegrationUri,
        'an HttpGateway needs at least one route (addRoute); an HTTP API without routes serves nothing'),
    });
    // Routes and authorizers per HTTP API are quotas the account can raise: warn (common/quotas.ts).
    warnAdjustableQuotasAtSynth(this, () => [
      { id: 'routesQuota', what: 'routes per HTTP API', count: this.core.routes.size, max: MAX_HTTP_ROUTES },
      { id: 'authorizersQuota', what: 'authorizers per HTTP API', count: this.authorizers.size, max: MAX_HTTP_AUTHORIZERS },
    ]);
  }

  /** The names of the stages, in the order given. */
  public get stageNames(): string[] {
    return this.core.stages.names;
  }

  /** The URL of the first stage. */
  public get url(): string {
    return this.urlForStage(this.core.stages.firstName);
  }

  /** Serves a stage under a base path of a regional GatewayDomain (shared by several APIs or stages). */
  public mapDomain(domain: GatewayDomain, options: GatewayDomainMappingOptions = {}): void {
    checkArgs(this, { domain, options }, HTTP_METHOD_ARGS.mapDomain, 'mapDomain');
    mapV2Domain(this, this.core.stages, this.httpApiId, 'HTTP API', domain, options);
  }

  /** The aws-cdk-lib HttpStage of the given name. */
  public stage(stageName: string): apigwv2.HttpStage {
    return this.core.stages.get(stageName);
  }

  /** The invoke URL of a stage, ending with '/'. */
  public urlForStage(stageName: string): string {
    const url = this.stage(stageName).url;
    // aws-cdk-lib ends the `$default` stage's URL with '/' but not a named stage's.
    return stageName === HTTP_DEFAULT_STAGE_NAME ? url : `${url}/`;
  }

  /**
   * Adds a route: `METHOD /path` (METHOD one of ANY, GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS;
   * `{param}` and a final greedy `{proxy+}` segment), or `$default` for requests no other route matches.
   */
  public addRoute(routeKey: string, integration: HttpGatewayIntegration, options: HttpRouteOptions = {}): apigwv2.HttpRoute {
    checkHttpRouteInput(this, routeKey, integration, options);
    let key: apigwv2.HttpRouteKey;
    if (routeKey === HTTP_DEFAULT_ROUTE_KEY) {
      key = apigwv2.HttpRouteKey.DEFAULT;
    } else {
      const parsed = parseRouteKeyFor(this, 'routeKey', routeKey);
      check(this, 'routeKey', routeKey, parsed.method === 'OPTIONS' && this.cors
        ? 'the gateway\'s cors option already answers OPTIONS preflight requests on every path' : undefined);
      key = apigwv2.HttpRouteKey.with(parsed.path, parsed.method as apigwv2.HttpMethod);
    }
    this.core.routes.claim(routeKey);
    rejectRestOnlyRouteOptions(this, `route '${routeKey}' options`, options);
    validateThrottle(this, `route '${routeKey}' throttle`, options.throttle);

    const config = integration.bind({ gateway: this, routeKey });
    checkHttpIntegrationConfig(this, routeKey, config);
    this.core.bindInvocations(routeKey, config);

    const auth = (options.authorization ?? this.defaultAuthorization)._bind(this, this.httpApi, () => {
      this.authorizerScope ??= new Construct(this, 'Authorizers');
      return this.authorizerScope;
    });
    if (auth.authorizerResource) {
      this.authorizers.add(auth.authorizerResource);
    }
    const scopes = options.authorizationScopes ?? auth.scopes;
    if (options.authorizationScopes !== undefined) {
      check(this, `route '${routeKey}' authorizationScopes`, options.authorizationScopes,
        auth.kind !== HttpAuthorizationKind.JWT ? 'authorization scopes need a JWT (or Cognito) authorization' : undefined);
    }
    if (scopes) {
      check(this, `route '${routeKey}' authorizationScopes`, `${scopes.length} scopes`,
        countViolation(scopes.length, MAX_HTTP_ROUTE_SCOPES, 'authorization scopes per route'));
    }

    const route = new apigwv2.HttpRoute(this.core.routes.scope, routeKey.replace(/\//g, '|'), {
      httpApi: this.httpApi,
      routeKey: key,
      integration: config.integration,
      authorizer: auth.authorizer,
      authorizationScopes: scopes && scopes.length > 0 ? scopes : undefined,
    });
    if (config.timeout) {
      // aws-cdk-lib's HttpIntegration caps the timeout at 29 s while HTTP APIs allow 30 s (rule 10),
      // so the validated value is set on the L1 integration the route created (the first route
      // to use a shared integration creates it).
      const cfnIntegration = route.node.findAll().find(c => c instanceof apigwv2.CfnIntegration) as apigwv2.CfnIntegration | undefined;
      if (cfnIntegration) {
        cfnIntegration.timeoutInMillis = config.timeout.toMilliseconds({ integral: false });
      }
    }
    this.core.routes.add(routeKey, route);
    if (options.throttle) {
      this.routeSettings.add({ routeKey, throttle: options.throttle, details: undefined }, route);
    }
    return route;
  }

  /** The route added with addRoute. */
  public route(routeKey: string): apigwv2.HttpRoute {
    return this.core.routes.get(routeKey);
  }

  /** The route keys added so far. */
  public get routeKeys(): string[] {
    return this.core.routes.keys;
  }

  /** How many Lambda permissions the gateway created for integrations (one per function per stage). */
  public get lambdaPermissionCount(): number {
    return this.core.lambdaPermissionCount;
  }

  /**
   * Usage plans are a REST API feature: always throws, pointing to RestGateway.
   * @param id the usage plan id that was asked for
   */
  public addUsagePlan(id: string): void {
    rejectRestOnlyFeature(this, 'addUsagePlan', id, 'a usage plan');
  }

  /**
   * API keys are a REST API feature: always throws, pointing to RestGateway.
   * @param id the API key id that was asked for
   */
  public addApiKey(id: string): void {
    rejectRestOnlyFeature(this, 'addApiKey', id, 'an API key');
  }

  /**
   * AWS WAF web ACLs cannot protect HTTP APIs: always throws, pointing to RestGateway.
   * @param webAclArn the web ACL that was asked for
   */
  public addWebAcl(webAclArn: string): void {
    rejectRestOnlyFeature(this, 'addWebAcl', webAclArn, 'AWS WAF');
  }

  /**
   * A metric of one stage (`4xx`, `5xx`, `Count`, `Latency`, `IntegrationLatency`, `DataProcessed`).
   * @param metricName the CloudWatch metric name
   * @param stageName the stage
   */
  public metric(metricName: string, stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.core.metric(stageName, { metricName }, props);
  }

  /** Client errors (4xx) of a stage. */
  public metricClientError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.core.metric(stageName, HTTP_METRICS.clientError, props);
  }

  /** Server errors (5xx) of a stage. */
  public metricServerError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.core.metric(stageName, HTTP_METRICS.serverError, props);
  }

  /** Requests to a stage. */
  public metricCount(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.core.metric(stageName, HTTP_METRICS.count, props);
  }

  /** End-to-end latency of a stage. */
  public metricLatency(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.core.metric(stageName, HTTP_METRICS.latency, props);
  }

  /** Backend latency of a stage. */
  public metricIntegrationLatency(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.core.metric(stageName, HTTP_METRICS.integrationLatency, props);
  }

  private addStageInternal(options: HttpStageOptions): void {
    const stage = new apigwv2.HttpStage(this.httpApi, `Stage.${options.stageName}`, {
      httpApi: this.httpApi,
      ...v2StageProps(this, options, AccessLogKind.HTTP),
    });
    this.routeSettings.attachToV2Stage(stage, options.throttle, limits => ({
      ThrottlingRateLimit: limits.rateLimit,
      ThrottlingBurstLimit: limits.burstLimit,
      DetailedMetricsEnabled: options.detailedMetrics ?? true,
    }));
    this.core.stages.add(options, stage);
  }
}

const CORS_METHODS: { [name: string]: apigwv2.CorsHttpMethod } = {
  '*': apigwv2.CorsHttpMethod.ANY,
  'ANY': apigwv2.CorsHttpMethod.ANY,
  'GET': apigwv2.CorsHttpMethod.GET,
  'POST': apigwv2.CorsHttpMethod.POST,
  'PUT': apigwv2.CorsHttpMethod.PUT,
  'PATCH': apigwv2.CorsHttpMethod.PATCH,
  'DELETE': apigwv2.CorsHttpMethod.DELETE,
  'HEAD': apigwv2.CorsHttpMethod.HEAD,
  'OPTIONS': apigwv2.CorsHttpMethod.OPTIONS,
};

function corsHttpMethods(scope: IConstruct, methods: string[]): apigwv2.CorsHttpMethod[] {
  return methods.map((m, i) => {
    const method = CORS_METHODS[m.toUpperCase()];
    check(scope, `cors.allowMethods[${i}]`, m, method ? undefined : `a CORS method is one of ${Object.keys(CORS_METHODS).join(', ')}`);
    return method;
  });
}
