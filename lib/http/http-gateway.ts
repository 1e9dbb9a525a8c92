import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { gatewayAlarms, httpOpenApiImport } from '../common/lazy';
import type { GatewayAlarmOptions, GatewayDashboardOptions, GatewayStageAlarms, StageAlarmSource } from '../common/alarms';
import { Construct } from 'constructs';
import { validateCors } from '../common/cors';
import { GatewayDomain, GatewayDomainMappingOptions } from '../common/domain';
import { GatewayIpAddressType } from '../common/ip-address-type';
import { check } from '../common/errors';
import { executeApiArn } from '../common/execute-api';
import { GatewayCore } from '../common/gateway-core';
import { checkArgs } from '../common/input';
import { attachOpenApiExport, openApiFileName } from '../common/openapi-export';
import { setRaisedQuotas, warnAdjustableQuota, warnAdjustableQuotasAtSynth } from '../common/quotas';
import { RouteSettings } from '../common/route-settings';
import { validateStageOptions, validateUniqueStageNames } from '../common/stage';
import { MetricStage } from '../common/stage-metrics';
import { addV2CustomDomain, mapV2Domain } from '../common/v2-domain';
import { v2IntegrationUri } from '../common/v2-stage';
import { HttpAuthorization } from './authorization';
import { HTTP_METRICS, HttpGatewayBase, IHttpGateway } from './base';
import { httpCorsPreflight } from './cors';
import { HTTP_METHOD_ARGS, HTTP_INPUT } from './input';
import { HTTP_MAX_TIMEOUT_MS, HttpIntegration } from './integration';
import { HTTP_DEFAULT_STAGE_NAME, HttpGatewayAttributes, HttpGatewayProps, HttpRouteOptions } from './props';
import { rejectNonRegionalEndpoint, rejectRestOnlyFeature, rejectRestOnlyGatewayProps, rejectRestOnlyStageOptions } from './rest-only';
import { RouteStackPlacement, importedGatewayAddRoute } from '../common/route-stacks';
import { latencyBasisMs } from '../common/integration-timeout';
import { httpOpenApiDocument } from './openapi-export';
import { HttpRoutes } from './route';
import { addHttpStage, httpStageUrl } from './stage';

/** HTTP API quotas (rule 16). */
// (300 integrations per API cannot be exceeded: there is at most one per route.)
const MAX_HTTP_ROUTES = 300;
const MAX_HTTP_STAGES = 10;
const MAX_HTTP_AUTHORIZERS = 10;

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
 * api.addRoute('GET /orders/{id}', HttpIntegration.lambdaFunction(ordersFn));
 */
export class HttpGateway extends HttpGatewayBase {
  /** Imports an existing HTTP API. */
  public static fromHttpGatewayAttributes(scope: Construct, id: string, attrs: HttpGatewayAttributes): IHttpGateway {
    checkArgs('HttpGateway.fromHttpGatewayAttributes', { scope, id, attrs }, HTTP_METHOD_ARGS.fromHttpGatewayAttributes);
    class Import extends HttpGatewayBase {
      public readonly apiId = attrs.apiId;

      /** JavaScript callers reach this (IGateway has no addRoute): a clear error instead of a TypeError. */
      public addRoute(routeKey?: unknown): never {
        return importedGatewayAddRoute(this, 'HTTP', routeKey);
      }
    }
    return new Import(scope, id);
  }

  /** The custom domain made from the `domain` prop. */
  public readonly customDomain?: GatewayDomain;
  /** Which IP addresses can invoke the API: the `ipAddressType` prop, or IPv4 (API Gateway's default). */
  public readonly ipAddressType: GatewayIpAddressType;
  /** The underlying aws-cdk-lib HTTP API. */
  public readonly httpApi: apigwv2.HttpApi;
  /** The HTTP API id. */
  public readonly apiId: string;

  // Permissions are scoped to the stage, any route: the `$default` route's source ARN is
  // `apiId/stage/$default`, which a `stage/*/*` pattern would not match.
  private readonly core = new GatewayCore<apigwv2.HttpStage, apigwv2.HttpRoute>(this,
    stageName => executeApiArn(this, this.apiId, `${stageName}/*`));
  private readonly routeSettings = new RouteSettings<undefined>();
  private readonly routes: HttpRoutes;

  constructor(scope: Construct, id: string, props: HttpGatewayProps = {}) {
    super(scope, id);
    HTTP_INPUT.props(this, props);
    this.ipAddressType = props.ipAddressType ?? GatewayIpAddressType.IPV4;
    const stages = props.stages ?? [{ stageName: HTTP_DEFAULT_STAGE_NAME }];

    rejectNonRegionalEndpoint(this, props.endpoint);
    rejectRestOnlyGatewayProps(this, props);
    check(this, 'stages', '[]', stages.length === 0 ? 'an HttpGateway has at least one stage' : undefined);
    setRaisedQuotas(this, props.raisedQuotas, { stagesPerApi: MAX_HTTP_STAGES, authorizersPerApi: MAX_HTTP_AUTHORIZERS, routesPerApi: MAX_HTTP_ROUTES });
    warnAdjustableQuota(this, { id: 'stagesQuota', what: 'stages per HTTP API', count: stages.length, max: MAX_HTTP_STAGES, quota: 'stagesPerApi' });
    validateUniqueStageNames(this, 'stages', stages);
    stages.forEach((stage, i) => {
      rejectRestOnlyStageOptions(this, `stages[${i}]`, stage);
      validateStageOptions(this, `stages[${i}]`, stage, true);
    });
    validateCors(this, 'cors', props.cors);

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: props.apiName ?? id,
      description: props.description,
      // Rendered only when chosen, so that templates without it stay as they were (default IPv4).
      ipAddressType: props.ipAddressType as string as apigwv2.IpAddressType | undefined,
      // Stages are created below, each with access logs and throttles.
      createDefaultStage: false,
      disableExecuteApiEndpoint: props.disableExecuteApiEndpoint,
      corsPreflight: httpCorsPreflight(this, props.cors),
    });
    this.apiId = this.httpApi.apiId;
    this.routes = new HttpRoutes({
      gateway: this,
      httpApi: this.httpApi,
      core: this.core,
      routeSettings: this.routeSettings,
      defaultAuthorization: props.defaultAuthorization ?? HttpAuthorization.iam(),
      cors: props.cors !== undefined,
      placement: new RouteStackPlacement(this, props.routeStacks, () => this.core.routes.scope, true),
    });

    for (const stage of stages) {
      addHttpStage(this, this.httpApi, this.core, this.routeSettings, stage);
    }
    if (props.openApi) {
      httpOpenApiImport().importHttpOpenApi(this, props.openApi, (key, integration, options) => this.addRoute(key, integration, options));
    }

    if (props.domain) {
      this.customDomain = addV2CustomDomain(this, this.stageNames, 'HTTP API', props.domain, (d, o) => this.mapDomain(d, o), props.ipAddressType);
    }

    this.node.addValidation({
      validate: () => this.core.modelErrors(v2IntegrationUri,
        'an HttpGateway needs at least one route (addRoute); an HTTP API without routes serves nothing'),
    });
    attachOpenApiExport(this, () => this.stageNames, stageName => httpOpenApiDocument(this, stageName));
    // Routes and authorizers per HTTP API are quotas the account can raise: warn (common/quotas.ts).
    warnAdjustableQuotasAtSynth(this, () => [
      { id: 'routesQuota', what: 'routes per HTTP API', count: this.core.routes.size, max: MAX_HTTP_ROUTES, quota: 'routesPerApi' },
      { id: 'authorizersQuota', what: 'authorizers per HTTP API', count: this.routes.authorizerCount, max: MAX_HTTP_AUTHORIZERS, quota: 'authorizersPerApi' },
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
    mapV2Domain(this, this.core.stages, this.apiId, 'HTTP API', domain, options);
  }

  /** The aws-cdk-lib HttpStage of the given name. */
  public stage(stageName: string): apigwv2.HttpStage {
    return this.core.stages.get(stageName);
  }

  /** The invoke URL of a stage, ending with '/'. */
  public urlForStage(stageName: string): string {
    return httpStageUrl(this.stage(stageName), stageName);
  }

  /**
   * Adds a route: `METHOD /path` (METHOD one of ANY, GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS;
   * `{param}` and a final greedy `{proxy+}` segment), or `$default` for requests no other route matches.
   * An integration object used on several routes is rendered once, as one integration they share.
   */
  public addRoute(routeKey: string, integration: HttpIntegration, options: HttpRouteOptions = {}): apigwv2.HttpRoute {
    return this.routes.add(routeKey, integration, options);
  }

  /** The route added with addRoute. */
  public route(routeKey: string): apigwv2.HttpRoute {
    return this.core.routes.get(routeKey);
  }

  /** The route keys added so far. */
  public get routeKeys(): string[] {
    return this.core.routes.keys;
  }

  /**
   * The file of a stage's OpenAPI 3.0.3 document (JSON), relative to the cloud assembly directory:
   * `<StackName>.<gateway path in its stack, '/' → '-'>.<stage>.openapi.json`, written during synthesis.
   */
  public openApiFileName(stageName: string): string {
    this.stage(stageName);
    return openApiFileName(this, stageName);
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

  /** @internal */
  protected _metricStage(stageName: string): MetricStage {
    return this.core.stages.get(stageName);
  }

  /**
   * Adds CloudWatch alarms to every stage (or `options.stageNames`): the 5XX rate, p99 latency and
   * p99 integration latency, and, when enabled, the 4XX rate. Each threshold, period and evaluation
   * setting can be overridden; `options.actions` (e.g. an SnsAction) are set on every alarm. Alarm
   * names are `<stack name>-<API name>-<stage>-<what>`. Call it once per stage.
   */
  public addAlarms(options: GatewayAlarmOptions = {}): GatewayStageAlarms[] {
    return gatewayAlarms().addStageAlarms(this.alarmSource(), options);
  }

  /** Adds a CloudWatch dashboard with, per stage, requests, 4XX and 5XX errors, latency (p50, p90, p99) and integration latency. */
  public addDashboard(options: GatewayDashboardOptions = {}): cloudwatch.Dashboard {
    return gatewayAlarms().addStageDashboard(this.alarmSource(), options);
  }

  /** What the alarms and the dashboard read of this gateway. */
  private alarmSource(): StageAlarmSource {
    return this.core.alarmSource('HttpGateway', this.httpApi.httpApiName ?? this.node.id, (metric, routeKey) => ({
      alarms: gatewayAlarms().requestAlarms(metric, HTTP_METRICS, latencyBasisMs(this, HTTP_MAX_TIMEOUT_MS, routeKey)),
      dashboardRows: (stageName, period) => gatewayAlarms().requestDashboardRows(metric, HTTP_METRICS, stageName, period),
    }), routeKey => ({ Route: routeKey }));
  }
}
