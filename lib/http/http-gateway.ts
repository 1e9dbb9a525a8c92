import { ArnFormat, Duration, Lazy, Resource, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { GatewayDomain, GatewayDomainMappingOptions, GatewayDomainOptions, mapOntoDomain, resolveDomainStage, v2ApiSecurityPolicyViolation, domainBaseOptions } from '../common/domain';
import { AccessLogKind, resolveAccessLogs } from '../common/access-logs';
import { DEFAULT_CORS_HEADERS, DEFAULT_CORS_METHODS, GatewayCorsOptions, validateCors } from '../common/cors';
import { GatewayEndpoint } from '../common/endpoint';
import { GatewayValidationError, check } from '../common/errors';
import { checkArgs } from '../common/input';
import { NamedMap } from '../common/named-map';
import { RouteSettingsOrder } from '../common/ordering';
import { StageAliasSettings, addAliasTrafficShifting, bindStageVariableInvocations, stageVariablesWithAliases, undefinedStageVariableErrors } from '../common/lambda-alias';
import { LambdaInvokePermissions } from '../common/lambda-permissions';
import { parseRouteKey } from '../common/route-key';
import { warnAdjustableQuota, warnAdjustableQuotasAtSynth } from '../common/quotas';
import { countViolation } from '../common/rules';
import { GatewayStageOptions, validateStageOptions, validateUniqueStageNames } from '../common/stage';
import { DEFAULT_STAGE_THROTTLE, ThrottleSettings, validateThrottle } from '../common/throttle';
import { HttpAuthorization, HttpAuthorizationKind, MAX_HTTP_ROUTE_SCOPES } from './authorization';
import { HttpGatewayIntegration } from './integration';
import { HTTP_METHOD_ARGS, checkHttpGatewayInput, checkHttpIntegrationConfig, checkHttpRouteInput } from './input';
import {
  rejectNonRegionalEndpoint, rejectRestOnlyFeature, rejectRestOnlyGatewayProps, rejectRestOnlyRouteOptions, rejectRestOnlyStageOptions,
} from '../common/rest-only';

/** HTTP API quotas (rule 16). */
// (300 integrations per API cannot be exceeded: there is at most one per route.)
const MAX_HTTP_ROUTES = 300;
const MAX_HTTP_STAGES = 10;
const MAX_HTTP_AUTHORIZERS = 10;

/** The name of an HTTP API's default stage, served at the root of the API's URL. */
export const HTTP_DEFAULT_STAGE_NAME = '$default';
/** The route key of the catch-all route. */
export const HTTP_DEFAULT_ROUTE_KEY = '$default';

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
    return Stack.of(this).formatArn({
      service: 'execute-api',
      resource: this.httpApiId,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      resourceName: method === HTTP_DEFAULT_ROUTE_KEY ? `${stageName}/${HTTP_DEFAULT_ROUTE_KEY}` : `${stageName}/${method}${path}`,
    });
  }

  public grantInvoke(grantee: iam.IGrantable, options: HttpGrantInvokeOptions = {}): iam.Grant {
    checkArgs(this, { grantee, options }, HTTP_METHOD_ARGS.grantInvoke, 'grantInvoke');
    let method = '*';
    let path = '/*';
    if (options.routeKey === HTTP_DEFAULT_ROUTE_KEY) {
      method = HTTP_DEFAULT_ROUTE_KEY;
    } else if (options.routeKey !== undefined) {
      let parsed;
      try {
        parsed = parseRouteKey(options.routeKey);
      } catch (e) {
        throw new GatewayValidationError(this, 'grantInvoke routeKey', options.routeKey, (e as Error).message);
      }
      method = parsed.method === 'ANY' ? '*' : parsed.method;
      path = parsed.path.replace(/\{[^}]+\}/g, '*');
    }
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['execute-api:Invoke'],
      resourceArns: [this.arnForExecuteApi(method, path, options.stageName ?? '*')],
    });
  }
}

interface RouteSetting {
  readonly routeKey: string;
  readonly throttle: ThrottleSettings;
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

  private readonly stageMap = NamedMap.stages<apigwv2.HttpStage>();
  private readonly routes = NamedMap.routes<apigwv2.HttpRoute>();
  private readonly routeSettings: RouteSetting[] = [];
  private readonly routeSettingsOrder = new RouteSettingsOrder();
  private readonly authorizers = new Set<apigwv2.HttpAuthorizer>();
  private readonly aliasSettings: StageAliasSettings[] = [];
  private readonly permissions: LambdaInvokePermissions;
  private readonly defaultAuthorization: HttpAuthorization;
  private readonly cors?: GatewayCorsOptions;
  private routeScope?: Construct;
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

    // Scoped to the stage, any route: the `$default` route's source ARN is `apiId/stage/$default`,
    // which a `stage/*/*` pattern would not match.
    this.permissions = new LambdaInvokePermissions(this, stageName => Stack.of(this).formatArn({
      service: 'execute-api',
      resource: this.httpApiId,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      resourceName: `${stageName}/*`,
    }));
    for (const stage of stages) {
      this.addStageInternal(stage);
    }

    if (props.domain) {
      check(this, 'domain.securityPolicy', props.domain.securityPolicy, v2ApiSecurityPolicyViolation(props.domain.securityPolicy, 'HTTP API'));
      resolveDomainStage(this, 'domain.stageName', this.stageNames, props.domain.stageName);
      this.customDomain = new GatewayDomain(this, 'CustomDomain', domainBaseOptions(props.domain));
      this.mapDomain(this.customDomain, { basePath: props.domain.basePath, stageName: props.domain.stageName });
    }

    this.node.addValidation({ validate: () => this.validateModel() });
    // Routes and authorizers per HTTP API are quotas the account can raise: warn (common/quotas.ts).
    warnAdjustableQuotasAtSynth(this, () => [
      { id: 'routesQuota', what: 'routes per HTTP API', count: this.routes.size, max: MAX_HTTP_ROUTES },
      { id: 'authorizersQuota', what: 'authorizers per HTTP API', count: this.authorizers.size, max: MAX_HTTP_AUTHORIZERS },
    ]);
  }

  /** The names of the stages, in the order given. */
  public get stageNames(): string[] {
    return this.stageMap.names;
  }

  /** The URL of the first stage. */
  public get url(): string {
    return this.urlForStage(this.stageNames[0]);
  }

  /** Serves a stage under a base path of a regional GatewayDomain (shared by several APIs or stages). */
  public mapDomain(domain: GatewayDomain, options: GatewayDomainMappingOptions = {}): void {
    checkArgs(this, { domain, options }, HTTP_METHOD_ARGS.mapDomain, 'mapDomain');
    check(this, 'mapDomain', domain.securityPolicy, v2ApiSecurityPolicyViolation(domain.securityPolicy, 'HTTP API'));
    const stageName = resolveDomainStage(this, 'mapDomain stageName', this.stageNames, options.stageName);
    mapOntoDomain(this, domain, this.httpApiId, this.stage(stageName), stageName, options.basePath);
  }

  /** The aws-cdk-lib HttpStage of the given name. */
  public stage(stageName: string): apigwv2.HttpStage {
    return this.stageMap.require(this, 'stageName', stageName);
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
      let parsed;
      try {
        parsed = parseRouteKey(routeKey);
      } catch (e) {
        throw new GatewayValidationError(this, 'routeKey', routeKey, (e as Error).message);
      }
      check(this, 'routeKey', routeKey, parsed.method === 'OPTIONS' && this.cors
        ? 'the gateway\'s cors option already answers OPTIONS preflight requests on every path' : undefined);
      key = apigwv2.HttpRouteKey.with(parsed.path, parsed.method as apigwv2.HttpMethod);
    }
    check(this, 'routeKey', routeKey, this.routes.has(routeKey) ? 'this route was already added' : undefined);
    rejectRestOnlyRouteOptions(this, `route '${routeKey}' options`, options);
    validateThrottle(this, `route '${routeKey}' throttle`, options.throttle);

    const config = integration.bind({ gateway: this, routeKey });
    checkHttpIntegrationConfig(this, routeKey, config);
    for (const fn of config.invokedFunctions ?? []) {
      this.permissions.addFunction(fn);
    }
    bindStageVariableInvocations(this, routeKey, config.stageVariableInvocations, this.aliasSettings, this.permissions);

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

    this.routeScope ??= new Construct(this, 'Routes');
    const route = new apigwv2.HttpRoute(this.routeScope, routeKey.replace(/\//g, '|'), {
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
    this.routes.set(routeKey, route);
    if (options.throttle) {
      this.routeSettings.push({ routeKey, throttle: options.throttle });
      this.routeSettingsOrder.addRoute(route);
    }
    return route;
  }

  /** The route added with addRoute. */
  public route(routeKey: string): apigwv2.HttpRoute {
    return this.routes.require(this, 'routeKey', routeKey);
  }

  /** The route keys added so far. */
  public get routeKeys(): string[] {
    return this.routes.names;
  }

  /** How many Lambda permissions the gateway created for integrations (one per function per stage). */
  public get lambdaPermissionCount(): number {
    return this.permissions.count;
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
    checkArgs(this, { metricName, stageName, props }, HTTP_METHOD_ARGS.metric, 'metric');
    return this.stage(stageName).metric(metricName, props);
  }

  /** Client errors (4xx) of a stage. */
  public metricClientError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stage(stageName).metricClientError(props);
  }

  /** Server errors (5xx) of a stage. */
  public metricServerError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stage(stageName).metricServerError(props);
  }

  /** Requests to a stage. */
  public metricCount(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stage(stageName).metricCount(props);
  }

  /** End-to-end latency of a stage. */
  public metricLatency(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stage(stageName).metricLatency(props);
  }

  /** Backend latency of a stage. */
  public metricIntegrationLatency(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stage(stageName).metricIntegrationLatency(props);
  }

  private addStageInternal(options: HttpStageOptions): void {
    const name = options.stageName;
    const logs = resolveAccessLogs(this, `AccessLogs-${name}`, `stages '${name}' accessLogs`, AccessLogKind.HTTP, options.accessLogs);
    const stage = new apigwv2.HttpStage(this.httpApi, `Stage.${name}`, {
      httpApi: this.httpApi,
      stageName: name,
      autoDeploy: options.autoDeploy ?? true,
      description: options.description,
      stageVariables: stageVariablesWithAliases(this, `stages '${name}'`, options.variables, options.lambdaAliases),
      throttle: {
        rateLimit: options.throttle?.rateLimit ?? DEFAULT_STAGE_THROTTLE.rateLimit,
        burstLimit: options.throttle?.burstLimit ?? DEFAULT_STAGE_THROTTLE.burstLimit,
      },
      detailedMetricsEnabled: options.detailedMetrics ?? true,
      accessLogSettings: logs ? {
        destination: new apigwv2.LogGroupLogDestination(logs.logGroup),
        // A plain string (not Fn::Join), as Control Tower CT.APIGATEWAY.PR.4 wants.
        format: apigateway.AccessLogFormat.custom(logs.format),
      } : undefined,
    });
    // aws-cdk-lib's HttpStage has no per-route settings; set them on the L1 lazily so routes
    // added after the stage get theirs too.
    const cfn = stage.node.defaultChild as apigwv2.CfnStage;
    cfn.routeSettings = Lazy.any({ produce: () => this.renderRouteSettings(options) });
    this.stageMap.set(name, stage);
    this.routeSettingsOrder.addStage(stage);
    this.permissions.addStage(name);
    this.aliasSettings.push({ stageName: name, prop: `stages '${name}'`, variables: options.variables, lambdaAliases: options.lambdaAliases });
    addAliasTrafficShifting(this, `stages '${name}'`, name, options.lambdaAliases, options.aliasTrafficShifting);
  }

  private renderRouteSettings(stage: HttpStageOptions): { [routeKey: string]: { [name: string]: number | boolean } } | undefined {
    if (this.routeSettings.length === 0) return undefined;
    // RouteSettings is untyped JSON in the L1: its keys are written in CloudFormation's casing.
    const settings: { [routeKey: string]: { [name: string]: number | boolean } } = {};
    for (const route of this.routeSettings) {
      settings[route.routeKey] = {
        ThrottlingRateLimit: route.throttle.rateLimit ?? stage.throttle?.rateLimit ?? DEFAULT_STAGE_THROTTLE.rateLimit!,
        ThrottlingBurstLimit: route.throttle.burstLimit ?? stage.throttle?.burstLimit ?? DEFAULT_STAGE_THROTTLE.burstLimit!,
        DetailedMetricsEnabled: stage.detailedMetrics ?? true,
      };
    }
    return settings;
  }

  private validateModel(): string[] {
    const errors: string[] = [];
    errors.push(...undefinedStageVariableErrors(this.node.findAll()
      .filter((c): c is apigwv2.CfnIntegration => c instanceof apigwv2.CfnIntegration)
      .map(i => ({ path: i.node.path, uri: i.integrationUri })), this.aliasSettings));
    const path = this.node.path;
    if (this.routes.size === 0) {
      errors.push(`${path}: an HttpGateway needs at least one route (addRoute); an HTTP API without routes serves nothing`);
    }
    return errors;
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
