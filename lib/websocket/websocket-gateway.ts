import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { gatewayAlarms } from '../common/lazy';
import type { GatewayAlarmOptions, GatewayDashboardOptions, GatewayStageAlarms, StageAlarmSource } from '../common/alarms';
import { GatewayDomain, GatewayDomainMappingOptions } from '../common/domain';
import { GatewayIpAddressType } from '../common/ip-address-type';
import { EndpointKind } from '../common/endpoint';
import { check, warn } from '../common/errors';
import { executeApiArn } from '../common/execute-api';
import { requireAccountLoggingRoleForStages } from '../common/execution-logging';
import { GatewayCore } from '../common/gateway-core';
import { GatewayGrantInvokeOptions } from '../common/grant-options';
import { checkArgs } from '../common/input';
import { IntegrationCache } from '../common/integration-cache';
import { setRaisedQuotas, warnAdjustableQuota, warnAdjustableQuotasAtSynth } from '../common/quotas';
import { MAX_PLANS_PER_API_KEY } from '../common/usage-plans';
import { RouteSettings } from '../common/route-settings';
import { RouteStackPlacement, importedGatewayAddRoute } from '../common/route-stacks';
import { validateUniqueStageNames } from '../common/stage';
import { StageMetricSpec } from '../common/stage-metrics';
import { UsagePlanRegistry } from '../common/usage-plan-registry';
import { GatewayApiKeyOptions, GatewayUsagePlanOptions } from '../common/usage-plans';
import { addV2CustomDomain, mapV2Domain } from '../common/v2-domain';
import { v2IntegrationUri } from '../common/v2-stage';
import { latencyBasisMs } from '../common/integration-timeout';
import { IWebSocketGateway, WEBSOCKET_METRICS, WebSocketGatewayAttributes, WebSocketGatewayBase } from './base';
import { WEBSOCKET_MAX_TIMEOUT_MS, WebSocketIntegration } from './integration';
import { WEBSOCKET_METHOD_ARGS, WEBSOCKET_INPUT } from './input';
import { WebSocketGatewayProps, WebSocketRouteOptions } from './props';
import { BoundWebSocketIntegration, addWebSocketRoute } from './route';
import { CONNECT_ROUTE_KEY, DEFAULT_ROUTE_SELECTION_EXPRESSION, routeSelectionExpressionViolation } from './route-key';
import { MAX_WEBSOCKET_ROUTES, MAX_WEBSOCKET_STAGES, addWebSocketStage, validateWebSocketStage } from './stage';
import { addWebSocketUsagePlan } from './usage-plans';

/**
 * A WebSocket API with secure, observable defaults: IAM authorization on `$connect`, JSON access
 * logs, execution logs at ERROR without message bodies, detailed metrics, the account's default
 * throttle set explicitly, and one Lambda permission per function per stage.
 *
 * Its metric helpers map onto the metrics WebSocket APIs publish (`metricServerError` is
 * `ExecutionError`, `metricCount` is `MessageCount`); there is no `metricLatency`, since API
 * Gateway publishes no `Latency` metric for WebSocket APIs.
 *
 * @example
 * const chat = new WebSocketGateway(this, 'Chat');
 * chat.addRoute('$connect', WebSocketIntegration.lambdaFunction(connectFn));
 * chat.addRoute('sendMessage', WebSocketIntegration.lambdaFunction(messageFn));
 * chat.grantManageConnections(messageFn);
 */
export class WebSocketGateway extends WebSocketGatewayBase {
  /** Imports an existing WebSocket API. */
  public static fromWebSocketGatewayAttributes(scope: Construct, id: string, attrs: WebSocketGatewayAttributes): IWebSocketGateway {
    checkArgs('WebSocketGateway.fromWebSocketGatewayAttributes', { scope, id, attrs }, WEBSOCKET_METHOD_ARGS.fromWebSocketGatewayAttributes);
    class Import extends WebSocketGatewayBase {
      public readonly apiId = attrs.apiId;

      /** JavaScript callers reach this (IGateway has no addRoute): a clear error instead of a TypeError. */
      public addRoute(routeKey?: unknown): never {
        return importedGatewayAddRoute(this, 'WebSocket', routeKey);
      }
    }
    return new Import(scope, id);
  }

  /** The underlying aws-cdk-lib WebSocket API. */
  public readonly webSocketApi: apigwv2.WebSocketApi;
  /** The custom domain made from the `domain` prop. */
  public readonly customDomain?: GatewayDomain;
  /** Which IP addresses can invoke the API: the `ipAddressType` prop, or IPv4 (API Gateway's default). */
  public readonly ipAddressType: GatewayIpAddressType;
  /** The WebSocket API id. */
  public readonly apiId: string;
  /** The route selection expression. */
  public readonly routeSelectionExpression: string;

  private readonly core = new GatewayCore<apigwv2.WebSocketStage, apigwv2.WebSocketRoute>(this,
    stageName => executeApiArn(this, this.apiId, `${stageName}/*`));
  private readonly routeSettings = new RouteSettings<undefined>();
  private readonly integrations = new IntegrationCache<WebSocketIntegration, BoundWebSocketIntegration>();
  private readonly placement: RouteStackPlacement;
  private readonly usagePlanRegistry = new UsagePlanRegistry(this);
  private anyRouteRequiresKey = false;

  constructor(scope: Construct, id: string, props: WebSocketGatewayProps = {}) {
    super(scope, id);
    WEBSOCKET_INPUT.props(this, props);
    this.ipAddressType = props.ipAddressType ?? GatewayIpAddressType.IPV4;
    this.placement = new RouteStackPlacement(this, props.routeStacks, () => this.core.routes.scope, false);
    const stages = props.stages ?? [{ stageName: 'prod' }];
    this.routeSelectionExpression = props.routeSelectionExpression ?? DEFAULT_ROUTE_SELECTION_EXPRESSION;

    const endpointKind = props.endpoint?.kind ?? EndpointKind.REGIONAL;
    check(this, 'endpoint', endpointKind, endpointKind === EndpointKind.REGIONAL ? undefined
      : `WebSocket APIs are regional only: ${endpointKind === EndpointKind.EDGE ? 'edge-optimized' : 'private'} endpoints exist for REST APIs (RestGateway); `
        + 'put Amazon CloudFront in front of a regional WebSocket API for edge delivery');
    check(this, 'cors', props.cors, props.cors === undefined ? undefined
      : 'CORS does not apply to WebSocket APIs (browsers send no preflight for WebSocket connections); '
        + 'check the Origin header in a $connect Lambda authorizer (WebSocketAuthorization.lambdaRequest) instead');
    check(this, 'routeSelectionExpression', this.routeSelectionExpression, routeSelectionExpressionViolation(this.routeSelectionExpression));
    check(this, 'stages', '[]', stages.length === 0 ? 'a WebSocketGateway has at least one stage' : undefined);
    setRaisedQuotas(this, props.raisedQuotas, {
      stagesPerApi: MAX_WEBSOCKET_STAGES, routesPerApi: MAX_WEBSOCKET_ROUTES, usagePlansPerApiKey: MAX_PLANS_PER_API_KEY,
    });
    warnAdjustableQuotasAtSynth(this, () => [
      { id: 'routesQuota', what: 'routes per WebSocket API', count: this.core.routes.size, max: MAX_WEBSOCKET_ROUTES, quota: 'routesPerApi' },
    ]);
    warnAdjustableQuota(this, { id: 'stagesQuota', what: 'stages per WebSocket API', count: stages.length, max: MAX_WEBSOCKET_STAGES, quota: 'stagesPerApi' });
    validateUniqueStageNames(this, 'stages', stages);
    stages.forEach((stage, i) => validateWebSocketStage(this, `stages[${i}]`, stage));

    this.webSocketApi = new apigwv2.WebSocketApi(this, 'Api', {
      apiName: props.apiName ?? id,
      description: props.description,
      // Rendered only when chosen, so that templates without it stay as they were (default IPv4).
      ipAddressType: props.ipAddressType as string as apigwv2.IpAddressType | undefined,
      routeSelectionExpression: this.routeSelectionExpression,
      apiKeySelectionExpression: props.apiKeySelectionExpression,
    });
    this.apiId = this.webSocketApi.apiId;
    if (props.disableExecuteApiEndpoint) {
      // The WebSocketApi L2 has no such prop: set it on the L1.
      (this.webSocketApi.node.defaultChild as apigwv2.CfnApi).disableExecuteApiEndpoint = true;
    }

    for (const stage of stages) {
      this.core.stages.add(stage, addWebSocketStage(this, this.webSocketApi, stage, this.routeSettings));
    }

    if (props.domain) {
      this.customDomain = addV2CustomDomain(this, this.stageNames, 'WebSocket API', props.domain, (d, o) => this.mapDomain(d, o), props.ipAddressType);
    }

    this.node.addValidation({ validate: () => this.validateModel() });
    this.usagePlanRegistry.warnWhenNoRouteRequiresKey(() => this.anyRouteRequiresKey, '\'$connect\' route');
    requireAccountLoggingRoleForStages(this, stages, name => this.stage(name));
  }

  /** The names of the stages, in the order given. */
  public get stageNames(): string[] {
    return this.core.stages.names;
  }

  /** The `wss://` URL of the first stage. */
  public get url(): string {
    return this.urlForStage(this.core.stages.firstName);
  }

  /** The `https://` callback URL (for `@connections` calls) of the first stage. */
  public get callbackUrl(): string {
    return this.callbackUrlForStage(this.core.stages.firstName);
  }

  /** Serves a stage under a base path of a regional GatewayDomain (shared by several APIs or stages). */
  public mapDomain(domain: GatewayDomain, options: GatewayDomainMappingOptions = {}): void {
    checkArgs(this, { domain, options }, WEBSOCKET_METHOD_ARGS.mapDomain, 'mapDomain');
    mapV2Domain(this, this.core.stages, this.apiId, 'WebSocket API', domain, options);
  }

  /** The aws-cdk-lib stage of the given name. */
  public stage(stageName: string): apigwv2.WebSocketStage {
    return this.core.stages.get(stageName);
  }

  /** The `wss://` URL clients connect to on a stage. */
  public urlForStage(stageName: string): string {
    return this.stage(stageName).url;
  }

  /** The `https://` URL a backend posts to (`@connections`) on a stage. */
  public callbackUrlForStage(stageName: string): string {
    return this.stage(stageName).callbackUrl;
  }

  /**
   * Adds an API key (read with `apiKeySelectionExpression`). Its value is generated by API
   * Gateway, or read from Secrets Manager at deploy time; it never appears in the template.
   */
  public addApiKey(name: string, options: GatewayApiKeyOptions = {}): apigateway.IApiKey {
    return this.usagePlanRegistry.addApiKey(name, options);
  }

  /**
   * Adds a usage plan over some or all stages, with a throttle and a quota per key. WebSocket
   * usage plans have no per-route throttles (set `throttle` on the route instead).
   */
  public addUsagePlan(name: string, options: GatewayUsagePlanOptions = {}): apigwv2.UsagePlan {
    return addWebSocketUsagePlan(this, this.webSocketApi, this.core.stages, this.usagePlanRegistry, name, options);
  }

  /** Adds an API key to a usage plan (both by name). */
  public addApiKeyToPlan(planName: string, keyName: string): void {
    this.usagePlanRegistry.addKeyToPlan(planName, keyName);
  }

  /** A usage plan added with addUsagePlan. */
  public usagePlan(name: string): apigwv2.UsagePlan {
    return this.usagePlanRegistry.plan(name).construct as apigwv2.UsagePlan;
  }

  /**
   * Grants `execute-api:ManageConnections` for `POST @connections/*` (sending messages to
   * connected clients) on one stage, or on every stage when none is given.
   */
  public grantManageConnections(grantee: iam.IGrantable, stageName?: string): iam.Grant {
    if (stageName !== undefined) this.stage(stageName);
    return super.grantManageConnections(grantee, stageName);
  }

  /**
   * Grants `execute-api:Invoke` on `$connect` (IAM-authorized connections) on one stage or all.
   * `options.routeKey` defaults to `$connect`; any other route key is rejected, since IAM
   * authorizes a WebSocket connection only when it is made.
   */
  public grantInvoke(grantee: iam.IGrantable, options?: GatewayGrantInvokeOptions): iam.Grant {
    if (options?.stageName !== undefined) this.stage(options.stageName);
    return super.grantInvoke(grantee, options);
  }

  /**
   * Adds a route: `$connect`, `$disconnect`, `$default`, or a custom key matched against the value
   * the route selection expression selects (e.g. `sendMessage` for `{"action":"sendMessage"}`).
   */
  public addRoute(routeKey: string, integration: WebSocketIntegration, options: WebSocketRouteOptions = {}): apigwv2.WebSocketRoute {
    const route = addWebSocketRoute({
      gateway: this, webSocketApi: this.webSocketApi, core: this.core, integrations: this.integrations, routeSettings: this.routeSettings,
      placement: this.placement,
    }, routeKey, integration, options);
    this.anyRouteRequiresKey ||= options.apiKeyRequired === true;
    return route;
  }

  /** The aws-cdk-lib route of a key added with addRoute. */
  public route(routeKey: string): apigwv2.WebSocketRoute {
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

  /**
   * A metric of one of this gateway's stages (an unknown stage name fails).
   * @internal
   */
  public _stageMetric(stageName: string, spec: StageMetricSpec, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.core.metric(stageName, spec, props);
  }

  /**
   * Adds CloudWatch alarms to every stage (or `options.stageNames`): p99 integration latency,
   * integration errors and execution errors, and, when enabled, client errors. Each threshold,
   * period and evaluation setting can be overridden; `options.actions` (e.g. an SnsAction) are set
   * on every alarm. Alarm names are `<stack name>-<API name>-<stage>-<what>`. Call it once per stage.
   */
  public addAlarms(options: GatewayAlarmOptions = {}): GatewayStageAlarms[] {
    return gatewayAlarms().addStageAlarms(this.alarmSource(), options);
  }

  /** Adds a CloudWatch dashboard with, per stage, connections and messages, errors and integration latency (p50, p90, p99). */
  public addDashboard(options: GatewayDashboardOptions = {}): cloudwatch.Dashboard {
    return gatewayAlarms().addStageDashboard(this.alarmSource(), options);
  }

  /** What the alarms and the dashboard read of this gateway. */
  private alarmSource(): StageAlarmSource {
    return this.core.alarmSource('WebSocketGateway', this.webSocketApi.webSocketApiName ?? this.node.id, (metric, routeKey) => ({
      alarms: gatewayAlarms().webSocketAlarms(metric, WEBSOCKET_METRICS, latencyBasisMs(this, WEBSOCKET_MAX_TIMEOUT_MS, routeKey)),
      dashboardRows: (stageName, period) => gatewayAlarms().webSocketDashboardRows(metric, WEBSOCKET_METRICS, stageName, period),
    }), routeKey => ({ Route: routeKey }));
  }

  private validateModel(): string[] {
    const errors = this.core.modelErrors(v2IntegrationUri,
      'a WebSocketGateway needs at least one route (addRoute); API Gateway cannot deploy an API without routes');
    if (this.core.routes.size > 0 && !this.core.routes.has(CONNECT_ROUTE_KEY)) {
      warn(this, 'noConnectRoute', 'the gateway has no \'$connect\' route, so every connection is accepted without authorization; '
        + 'add a \'$connect\' route (IAM-authorized by default) or acknowledge this warning.');
    }
    return errors;
  }
}
