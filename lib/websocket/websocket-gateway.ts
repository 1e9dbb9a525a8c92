import { Resource, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct, IConstruct } from 'constructs';
import { AccessLogKind } from '../common/access-logs';
import { acknowledgeRule } from '../common/compliance';
import { GatewayCorsOptions } from '../common/cors';
import { GatewayDomain, GatewayDomainMappingOptions, GatewayDomainOptions } from '../common/domain';
import { EndpointKind, GatewayEndpoint } from '../common/endpoint';
import { check, warn } from '../common/errors';
import { executeApiArn, grantExecuteApi } from '../common/execute-api';
import { requireAccountLoggingRoleForStages } from '../common/execution-logging';
import { findingResourceName } from '../common/finding-ids';
import { GatewayCore } from '../common/gateway-core';
import { checkArgs } from '../common/input';
import { addSourceAccount } from '../common/lambda-permissions';
import { warnAdjustableQuota } from '../common/quotas';
import { RouteSettings, stageThrottleLimits } from '../common/route-settings';
import { GatewayStageOptions, validateStageOptions, validateUniqueStageNames } from '../common/stage';
import { StageMetricSpec } from '../common/stage-metrics';
import { ThrottleSettings, validateThrottle } from '../common/throttle';
import { UsagePlanRegistry } from '../common/usage-plan-registry';
import { addV2CustomDomain, mapV2Domain } from '../common/v2-domain';
import { v2IntegrationUri, v2StageProps } from '../common/v2-stage';
import { GatewayApiKeyOptions, GatewayUsagePlanOptions, UsagePlanStageOptions } from '../common/usage-plans';
import { WebSocketAuthorization, WebSocketAuthorizationKind } from './authorization';
import { WebSocketIntegration, WebSocketIntegrationConfig } from './integration';
import { WEBSOCKET_METHOD_ARGS, checkWebSocketGatewayInput, checkWebSocketIntegrationConfig, checkWebSocketRouteInput } from './input';
import { rejectRestOnlyStageOptions } from './rest-only';
import {
  CONNECT_ROUTE_KEY, DEFAULT_ROUTE_SELECTION_EXPRESSION, routeSelectionExpressionViolation, webSocketRouteKeyViolation,
} from './route-key';

/** WebSocket API quota: stages per API (rule 14). */
const MAX_WEBSOCKET_STAGES = 10;

/** WebSocket stage metrics, counted as sums unless the caller says otherwise. */
const WEBSOCKET_METRICS: { [name: string]: StageMetricSpec } = {
  connectCount: { metricName: 'ConnectCount', statistic: 'Sum' },
  messageCount: { metricName: 'MessageCount', statistic: 'Sum' },
  integrationError: { metricName: 'IntegrationError', statistic: 'Sum' },
  clientError: { metricName: 'ClientError', statistic: 'Sum' },
  executionError: { metricName: 'ExecutionError', statistic: 'Sum' },
  integrationLatency: { metricName: 'IntegrationLatency' },
};

/** One stage of a WebSocketGateway. */
export interface WebSocketStageOptions extends GatewayStageOptions {
  /**
   * Execution logging level. Execution logs need the account-level CloudWatch role: see
   * GatewayAccountLogging.
   * @default apigateway.MethodLoggingLevel.ERROR
   */
  readonly executionLogLevel?: apigateway.MethodLoggingLevel;
  /**
   * Log full messages in execution logs. They may contain secrets and personal data, so this
   * warns when turned on.
   * @default false
   */
  readonly dataTrace?: boolean;
  /**
   * Deploy every change of the API to this stage automatically.
   * @default true
   */
  readonly autoDeploy?: boolean;
}

/** Options of one route. */
export interface WebSocketRouteOptions {
  /**
   * How connections are authorized: only on the `$connect` route (API Gateway authorizes a
   * WebSocket connection once, when it is made). Any other route with an authorization other than
   * `none()` is an error.
   * @default - on `$connect`: WebSocketAuthorization.iam(); elsewhere none
   */
  readonly authorization?: WebSocketAuthorization;
  /**
   * Whether the route answers the client (a two-way route): the integration's response is sent
   * back on the connection.
   * @default false
   */
  readonly returnResponse?: boolean;
  /**
   * Whether the connection request must carry an API key (see `apiKeySelectionExpression`).
   * API Gateway checks keys of a WebSocket API when the connection is made: `$connect` only.
   * @default false
   */
  readonly apiKeyRequired?: boolean;
  /**
   * A throttle for this route on every stage.
   * @default - the stage's default throttle
   */
  readonly throttle?: ThrottleSettings;
}

/** Properties of a WebSocketGateway. */
export interface WebSocketGatewayProps {
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
   * Where the value that selects a message's route is read: a property of the JSON message body.
   * @default '$request.body.action'
   */
  readonly routeSelectionExpression?: string;
  /**
   * Where API keys are read, for `$connect` routes with `apiKeyRequired` (and usage plans).
   * @default - the service default, the `x-api-key` header
   */
  readonly apiKeySelectionExpression?: apigwv2.WebSocketApiKeySelectionExpression;
  /**
   * The stages, each served from the same routes. At most 10.
   * @default - one stage named 'prod' with the secure defaults
   */
  readonly stages?: WebSocketStageOptions[];
  /**
   * Only `GatewayEndpoint.regional()`: WebSocket APIs are regional (rule 4). Edge and private
   * endpoints are rejected.
   * @default GatewayEndpoint.regional()
   */
  readonly endpoint?: GatewayEndpoint;
  /**
   * Not applicable: browsers apply no CORS to WebSocket connections, so any value is rejected.
   * Check the `Origin` header in a `$connect` Lambda authorizer instead.
   * @default - none
   */
  readonly cors?: GatewayCorsOptions;
  /**
   * A regional custom domain serving one stage (`domain.stageName`, required when there are several stages): certificate region
   * checked or created, A/AAAA alias records when a hosted zone is given. WebSocket custom
   * domains are regional only.
   * @default - no custom domain
   */
  readonly domain?: GatewayDomainOptions;
  /**
   * Disable the default `execute-api` endpoint (once a custom domain serves the API).
   * @default false
   */
  readonly disableExecuteApiEndpoint?: boolean;
}

/** A WebSocket API managed by this library, or imported. */
export interface IWebSocketGateway extends IConstruct {
  /** The WebSocket API id. */
  readonly apiId: string;

  /** The execute-api ARN of a route and stage (`*` wildcards by default). */
  arnForExecuteApi(routeKey?: string, stageName?: string): string;

  /** The `wss://` URL clients connect to on a stage. */
  urlForStage(stageName: string): string;

  /** The `https://` URL a backend posts to (`@connections`) on a stage. */
  callbackUrlForStage(stageName: string): string;

  /**
   * Grants `execute-api:ManageConnections` for `POST @connections/*` (sending messages to
   * connected clients) on one stage or all.
   */
  grantManageConnections(grantee: iam.IGrantable, stageName?: string): iam.Grant;

  /** Grants `execute-api:Invoke` on `$connect`: what a client needs to connect when it is IAM-authorized. */
  grantConnect(grantee: iam.IGrantable, stageName?: string): iam.Grant;
}

/** Attributes to import a WebSocket API. */
export interface WebSocketGatewayAttributes {
  /** The WebSocket API id. */
  readonly apiId: string;
}

abstract class WebSocketGatewayBase extends Resource implements IWebSocketGateway {
  public abstract readonly apiId: string;

  public arnForExecuteApi(routeKey: string = '*', stageName: string = '*'): string {
    checkArgs(this, { routeKey, stageName }, WEBSOCKET_METHOD_ARGS.arnForExecuteApi, 'arnForExecuteApi');
    return executeApiArn(this, this.apiId, `${stageName}/${routeKey}`);
  }

  public urlForStage(stageName: string): string {
    checkArgs(this, { stageName }, WEBSOCKET_METHOD_ARGS.urlForStage, 'urlForStage');
    const stack = Stack.of(this);
    return `wss://${this.apiId}.execute-api.${stack.region}.${stack.urlSuffix}/${stageName}`;
  }

  public callbackUrlForStage(stageName: string): string {
    checkArgs(this, { stageName }, WEBSOCKET_METHOD_ARGS.urlForStage, 'callbackUrlForStage');
    const stack = Stack.of(this);
    return `https://${this.apiId}.execute-api.${stack.region}.${stack.urlSuffix}/${stageName}`;
  }

  public grantManageConnections(grantee: iam.IGrantable, stageName: string = '*'): iam.Grant {
    checkArgs(this, { grantee, stageName }, WEBSOCKET_METHOD_ARGS.grantManageConnections, 'grantManageConnections');
    const arn = this.arnForExecuteApi('POST/@connections/*', stageName);
    const grant = grantExecuteApi(grantee, 'execute-api:ManageConnections', arn);
    if (Construct.isConstruct(grantee)) {
      acknowledgeRule(grantee, `AwsSolutions-IAM5[Resource::${findingResourceName(this, arn)}]`,
        'API Gateway creates connection ids at run time, so a backend that answers or broadcasts to clients must be able to post to '
        + `any connection (@connections/*) of ${stageName === '*' ? 'the API\'s stages' : `stage '${stageName}'`}; the grant is limited to POST on this API.`);
    }
    return grant;
  }

  public grantConnect(grantee: iam.IGrantable, stageName: string = '*'): iam.Grant {
    checkArgs(this, { grantee, stageName }, WEBSOCKET_METHOD_ARGS.grantConnect, 'grantConnect');
    return grantExecuteApi(grantee, 'execute-api:Invoke', this.arnForExecuteApi(CONNECT_ROUTE_KEY, stageName));
  }
}

interface BoundIntegration {
  readonly config: WebSocketIntegrationConfig;
  integrationId?: string;
}

/**
 * A WebSocket API with secure, observable defaults: IAM authorization on `$connect`, JSON access
 * logs, execution logs at ERROR without message bodies, detailed metrics, the account's default
 * throttle set explicitly, and one Lambda permission per function per stage.
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
    }
    return new Import(scope, id);
  }

  /** The underlying aws-cdk-lib WebSocket API. */
  /** The custom domain made from the `domain` prop. */
  public readonly customDomain?: GatewayDomain;
  public readonly webSocketApi: apigwv2.WebSocketApi;
  /** The WebSocket API id. */
  public readonly apiId: string;
  /** The route selection expression. */
  public readonly routeSelectionExpression: string;

  private readonly core = new GatewayCore<apigwv2.WebSocketStage, apigwv2.WebSocketRoute>(this,
    stageName => executeApiArn(this, this.apiId, `${stageName}/*`));
  private readonly routeSettings = new RouteSettings<undefined>();
  private readonly integrations = new Map<WebSocketIntegration, BoundIntegration>();
  private readonly usagePlanRegistry = new UsagePlanRegistry(this);
  private anyRouteRequiresKey = false;

  constructor(scope: Construct, id: string, props: WebSocketGatewayProps = {}) {
    super(scope, id);
    checkWebSocketGatewayInput(this, props);
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
    warnAdjustableQuota(this, { id: 'stagesQuota', what: 'stages per WebSocket API', count: stages.length, max: MAX_WEBSOCKET_STAGES });
    validateUniqueStageNames(this, 'stages', stages);
    stages.forEach((stage, i) => this.validateStage(`stages[${i}]`, stage));

    this.webSocketApi = new apigwv2.WebSocketApi(this, 'Api', {
      apiName: props.apiName ?? id,
      description: props.description,
      routeSelectionExpression: this.routeSelectionExpression,
      apiKeySelectionExpression: props.apiKeySelectionExpression,
    });
    this.apiId = this.webSocketApi.apiId;
    if (props.disableExecuteApiEndpoint) {
      // The WebSocketApi L2 has no such prop: set it on the L1.
      (this.webSocketApi.node.defaultChild as apigwv2.CfnApi).disableExecuteApiEndpoint = true;
    }

    for (const stage of stages) {
      this.addStage(stage);
    }

    if (props.domain) {
      this.customDomain = addV2CustomDomain(this, this.stageNames, 'WebSocket API', props.domain, (d, o) => this.mapDomain(d, o));
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
    const prop = `usagePlans '${name}'`;
    const registered = this.usagePlanRegistry.addPlan(name, options, () => {
      const stages: UsagePlanStageOptions[] = options.stages ?? this.stageNames.map(stageName => ({ stageName }));
      const apiStages = stages.map((stageOptions, i) => {
        const stage = this.core.stages.require(`${prop}.stages[${i}].stageName`, stageOptions.stageName);
        check(this, `${prop}.stages[${i}].routeThrottles`, stageOptions.routeThrottles,
          stageOptions.routeThrottles ? 'per-route throttles in a usage plan exist for REST methods only; give the WebSocket route a throttle instead' : undefined);
        return { api: this.webSocketApi, stage };
      });
      const plan = new apigwv2.UsagePlan(this, `UsagePlan-${name}`, {
        usagePlanName: `${this.node.id}-${name}`,
        description: options.description,
        throttle: options.throttle,
        quota: options.quota ? {
          limit: options.quota.limit,
          offset: options.quota.offset,
          period: apigwv2.Period[options.quota.period as keyof typeof apigwv2.Period],
        } : undefined,
        apiStages,
      });
      return { construct: plan, usagePlanId: plan.usagePlanId, stageNames: stages.map(st => st.stageName) };
    });
    return registered.construct as apigwv2.UsagePlan;
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

  /** Grants `execute-api:Invoke` on `$connect` (IAM-authorized connections) on one stage or all. */
  public grantConnect(grantee: iam.IGrantable, stageName?: string): iam.Grant {
    if (stageName !== undefined) this.stage(stageName);
    return super.grantConnect(grantee, stageName);
  }

  /**
   * Adds a route: `$connect`, `$disconnect`, `$default`, or a custom key matched against the value
   * the route selection expression selects (e.g. `sendMessage` for `{"action":"sendMessage"}`).
   */
  public addRoute(routeKey: string, integration: WebSocketIntegration, options: WebSocketRouteOptions = {}): apigwv2.WebSocketRoute {
    checkWebSocketRouteInput(this, routeKey, integration, options);
    check(this, 'routeKey', routeKey, webSocketRouteKeyViolation(routeKey));
    this.core.routes.claim(routeKey);
    const isConnect = routeKey === CONNECT_ROUTE_KEY;
    const prop = `route '${routeKey}'`;
    check(this, `${prop} authorization`, options.authorization?.kind,
      !isConnect && options.authorization !== undefined && options.authorization.kind !== WebSocketAuthorizationKind.NONE
        ? 'API Gateway authorizes a WebSocket connection only when it is made: put the authorization on the \'$connect\' route'
        : undefined);
    check(this, `${prop} apiKeyRequired`, options.apiKeyRequired,
      !isConnect && options.apiKeyRequired ? 'API Gateway checks the API keys of a WebSocket API when the connection is made: require them on \'$connect\'' : undefined);
    validateThrottle(this, `${prop} throttle`, options.throttle);

    const routeScope = this.core.routes.scope;
    const authorization = isConnect ? options.authorization ?? WebSocketAuthorization.iam() : WebSocketAuthorization.none();
    const authorizer = authorization._bind(this, `${prop} authorization`);

    let bound = this.integrations.get(integration);
    if (!bound) {
      const integrationScope = new Construct(routeScope, `Integration-${routeKey}`);
      bound = { config: integration.bind({ scope: integrationScope, routeKey }) };
      checkWebSocketIntegrationConfig(this, routeKey, bound.config);
      this.integrations.set(integration, bound);
      this.core.bindInvocations(routeKey, bound.config);
    }

    const route = new apigwv2.WebSocketRoute(routeScope, routeKey, {
      webSocketApi: this.webSocketApi,
      routeKey,
      integration: bound.config.integration,
      authorizer,
      returnResponse: options.returnResponse,
      apiKeyRequired: options.apiKeyRequired,
    });
    this.anyRouteRequiresKey ||= options.apiKeyRequired === true;
    bound.integrationId ??= route.node.findAll().find((c): c is apigwv2.WebSocketIntegration => c instanceof apigwv2.WebSocketIntegration)?.integrationId;
    if (options.returnResponse && !bound.config.proxy) {
      this.addIntegrationResponse(bound, routeKey);
    }
    if (authorizer) {
      this.addSourceAccountToAuthorizerPermissions();
    }
    if (authorization.kind === WebSocketAuthorizationKind.NONE && !isConnect) {
      const reason = `route '${routeKey}' is not '$connect': API Gateway authorizes a WebSocket connection once, on '$connect', `
        + 'and rejects an authorization type on any other route; messages on this route come only from connections that passed it.';
      acknowledgeRule(route, 'AwsSolutions-APIG4', reason);
      acknowledgeRule(route, 'cdk-validator-cfnguard::api_gw_v2_authorization_type_configured_check', reason);
    }
    this.core.routes.add(routeKey, route);
    if (options.throttle) {
      this.routeSettings.add({ routeKey, throttle: options.throttle, details: undefined }, route);
    }
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
   * A metric of one stage: `ConnectCount`, `MessageCount`, `IntegrationError`, `ClientError`,
   * `ExecutionError`, `IntegrationLatency`.
   */
  public metric(metricName: string, stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.core.metric(stageName, { metricName }, props);
  }

  /** Connection requests to `$connect` on a stage. */
  public metricConnectCount(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.core.metric(stageName, WEBSOCKET_METRICS.connectCount, props);
  }

  /** Messages sent to and from clients on a stage. */
  public metricMessageCount(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.core.metric(stageName, WEBSOCKET_METRICS.messageCount, props);
  }

  /** Requests whose integration answered with an error, on a stage. */
  public metricIntegrationError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.core.metric(stageName, WEBSOCKET_METRICS.integrationError, props);
  }

  /** Requests API Gateway answered with a 4XX before calling the integration, on a stage. */
  public metricClientError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.core.metric(stageName, WEBSOCKET_METRICS.clientError, props);
  }

  /** Errors while calling the integration, on a stage. */
  public metricExecutionError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.core.metric(stageName, WEBSOCKET_METRICS.executionError, props);
  }

  /** Backend latency of a stage. */
  public metricIntegrationLatency(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.core.metric(stageName, WEBSOCKET_METRICS.integrationLatency, props);
  }

  private validateStage(prop: string, stage: WebSocketStageOptions): void {
    validateStageOptions(this, prop, stage, false);
    rejectRestOnlyStageOptions(this, prop, stage);
    if (stage.dataTrace) {
      warn(this, 'dataTrace', `${prop}.dataTrace is on: full messages, including secrets and personal data, go to the execution logs.`);
    }
  }

  private addStage(options: WebSocketStageOptions): void {
    const stage = new apigwv2.WebSocketStage(this, `Stage-${options.stageName}`, {
      webSocketApi: this.webSocketApi,
      ...v2StageProps(this, options, AccessLogKind.WEBSOCKET),
    });
    // The WebSocketStage L2 sets only throttling and detailed metrics; the execution logging level,
    // data trace and per-route settings exist only on the L1 CfnStage.
    const base = {
      loggingLevel: options.executionLogLevel ?? apigateway.MethodLoggingLevel.ERROR,
      dataTraceEnabled: options.dataTrace ?? false,
      detailedMetricsEnabled: options.detailedMetrics ?? true,
    };
    const throttle = stageThrottleLimits(options.throttle);
    (stage.node.defaultChild as apigwv2.CfnStage).defaultRouteSettings = {
      ...base, throttlingRateLimit: throttle.rateLimit, throttlingBurstLimit: throttle.burstLimit,
    };
    this.routeSettings.attachToV2Stage(stage, options.throttle, limits => ({
      LoggingLevel: base.loggingLevel,
      DataTraceEnabled: base.dataTraceEnabled,
      DetailedMetricsEnabled: base.detailedMetricsEnabled,
      ThrottlingRateLimit: limits.rateLimit,
      ThrottlingBurstLimit: limits.burstLimit,
    }));
    this.core.stages.add(options, stage);
  }

  private addIntegrationResponse(bound: BoundIntegration, routeKey: string): void {
    const integrationId = bound.integrationId;
    if (integrationId === undefined) return;
    const id = `IntegrationResponse-${routeKey}`;
    const scope = this.core.routes.scope;
    if (scope.node.tryFindChild(id)) return;
    // A two-way route of a non-proxy integration passes the backend's answer on only through an
    // integration response; aws-cdk-lib has no L2 for it.
    new apigwv2.CfnIntegrationResponse(scope, id, {
      apiId: this.apiId,
      integrationId,
      integrationResponseKey: '$default',
    });
  }

  /**
   * aws-cdk-lib's WebSocketLambdaAuthorizer grants invoke without SourceAccount; add it
   * (Control Tower CT.LAMBDA.PR.2). The permission is created as a child of the L2 API.
   */
  private addSourceAccountToAuthorizerPermissions(): void {
    for (const child of this.webSocketApi.node.children) {
      if (child instanceof lambda.CfnPermission) {
        addSourceAccount(child, this);
      }
    }
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
