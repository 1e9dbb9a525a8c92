import { ArnFormat, Lazy, Resource, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct, IConstruct } from 'constructs';
import { GatewayDomain, GatewayDomainMappingOptions, GatewayDomainOptions, mapOntoDomain, resolveDomainStage, v2ApiSecurityPolicyViolation, domainBaseOptions } from '../common/domain';
import { AccessLogKind, resolveAccessLogs } from '../common/access-logs';
import { acknowledgeRule } from '../common/compliance';
import { GatewayCorsOptions } from '../common/cors';
import { EndpointKind, GatewayEndpoint } from '../common/endpoint';
import { check, warn } from '../common/errors';
import { checkArgs } from '../common/input';
import { findingResourceName } from '../common/finding-ids';
import { requireAccountLoggingRole, writesExecutionLogs } from '../common/execution-logging';
import { NamedMap } from '../common/named-map';
import { RouteSettingsOrder } from '../common/ordering';
import { StageAliasSettings, addAliasTrafficShifting, bindStageVariableInvocations, stageVariablesWithAliases, undefinedStageVariableErrors } from '../common/lambda-alias';
import { LambdaInvokePermissions } from '../common/lambda-permissions';
import { rejectRestOnlyStageOptions } from '../common/rest-only';
import { warnAdjustableQuota } from '../common/quotas';
import { GatewayStageOptions, validateStageOptions, validateUniqueStageNames } from '../common/stage';
import { DEFAULT_STAGE_THROTTLE, ThrottleSettings, validateThrottle } from '../common/throttle';
import { UsagePlanRegistry } from '../common/usage-plan-registry';
import { GatewayApiKeyOptions, GatewayUsagePlanOptions, UsagePlanStageOptions } from '../common/usage-plans';
import { WebSocketAuthorization, WebSocketAuthorizationKind } from './authorization';
import { WebSocketIntegration, WebSocketIntegrationConfig } from './integration';
import { WEBSOCKET_METHOD_ARGS, checkWebSocketGatewayInput, checkWebSocketIntegrationConfig, checkWebSocketRouteInput } from './input';
import {
  CONNECT_ROUTE_KEY, DEFAULT_ROUTE_SELECTION_EXPRESSION, routeSelectionExpressionViolation, webSocketRouteKeyViolation,
} from './route-key';

/** WebSocket API quota: stages per API (rule 14). */
const MAX_WEBSOCKET_STAGES = 10;

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
    return Stack.of(this).formatArn({
      service: 'execute-api',
      resource: this.apiId,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      resourceName: `${stageName}/${routeKey}`,
    });
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
    const grant = iam.Grant.addToPrincipal({ grantee, actions: ['execute-api:ManageConnections'], resourceArns: [arn] });
    if (Construct.isConstruct(grantee)) {
      acknowledgeRule(grantee, `AwsSolutions-IAM5[Resource::${findingResourceName(this, arn)}]`,
        'API Gateway creates connection ids at run time, so a backend that answers or broadcasts to clients must be able to post to '
        + `any connection (@connections/*) of ${stageName === '*' ? 'the API\'s stages' : `stage '${stageName}'`}; the grant is limited to POST on this API.`);
    }
    return grant;
  }

  public grantConnect(grantee: iam.IGrantable, stageName: string = '*'): iam.Grant {
    checkArgs(this, { grantee, stageName }, WEBSOCKET_METHOD_ARGS.grantConnect, 'grantConnect');
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['execute-api:Invoke'],
      resourceArns: [this.arnForExecuteApi(CONNECT_ROUTE_KEY, stageName)],
    });
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

  private readonly stageMap = NamedMap.stages<apigwv2.WebSocketStage>();
  private readonly routes = NamedMap.routes<apigwv2.WebSocketRoute>();
  private readonly routeThrottles = new Map<string, ThrottleSettings>();
  private readonly routeSettingsOrder = new RouteSettingsOrder();
  private readonly integrations = new Map<WebSocketIntegration, BoundIntegration>();
  private readonly usagePlanRegistry = new UsagePlanRegistry(this);
  private anyRouteRequiresKey = false;
  private readonly aliasSettings: StageAliasSettings[] = [];
  private readonly permissions: LambdaInvokePermissions;
  private routeScope?: Construct;

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

    this.permissions = new LambdaInvokePermissions(this, stageName => this.arnForExecuteApi('*', stageName));
    for (const stage of stages) {
      this.addStage(stage);
    }

    if (props.domain) {
      check(this, 'domain.securityPolicy', props.domain.securityPolicy, v2ApiSecurityPolicyViolation(props.domain.securityPolicy, 'WebSocket API'));
      resolveDomainStage(this, 'domain.stageName', this.stageNames, props.domain.stageName);
      this.customDomain = new GatewayDomain(this, 'CustomDomain', domainBaseOptions(props.domain));
      this.mapDomain(this.customDomain, { basePath: props.domain.basePath, stageName: props.domain.stageName });
    }

    this.node.addValidation({ validate: () => this.validateModel() });
    this.usagePlanRegistry.warnWhenNoRouteRequiresKey(() => this.anyRouteRequiresKey, '\'$connect\' route');
    requireAccountLoggingRole(this, () => stages
      .filter(s => writesExecutionLogs(s.executionLogLevel, s.dataTrace))
      .map(s => ({ stageName: s.stageName, stage: this.stage(s.stageName) })));
  }

  /** The names of the stages, in the order given. */
  public get stageNames(): string[] {
    return this.stageMap.names;
  }

  /** The `wss://` URL of the first stage. */
  public get url(): string {
    return this.urlForStage(this.stageNames[0]);
  }

  /** The `https://` callback URL (for `@connections` calls) of the first stage. */
  public get callbackUrl(): string {
    return this.callbackUrlForStage(this.stageNames[0]);
  }

  /** Serves a stage under a base path of a regional GatewayDomain (shared by several APIs or stages). */
  public mapDomain(domain: GatewayDomain, options: GatewayDomainMappingOptions = {}): void {
    checkArgs(this, { domain, options }, WEBSOCKET_METHOD_ARGS.mapDomain, 'mapDomain');
    check(this, 'mapDomain', domain.securityPolicy, v2ApiSecurityPolicyViolation(domain.securityPolicy, 'WebSocket API'));
    const stageName = resolveDomainStage(this, 'mapDomain stageName', this.stageNames, options.stageName);
    mapOntoDomain(this, domain, this.apiId, this.stage(stageName), stageName, options.basePath);
  }

  /** The aws-cdk-lib stage of the given name. */
  public stage(stageName: string): apigwv2.WebSocketStage {
    return this.stageMap.require(this, 'stageName', stageName);
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
        const stage = this.stageMap.require(this, `${prop}.stages[${i}].stageName`, stageOptions.stageName);
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
    check(this, 'routeKey', routeKey, this.routes.has(routeKey) ? 'this route was already added' : undefined);
    const isConnect = routeKey === CONNECT_ROUTE_KEY;
    const prop = `route '${routeKey}'`;
    check(this, `${prop} authorization`, options.authorization?.kind,
      !isConnect && options.authorization !== undefined && options.authorization.kind !== WebSocketAuthorizationKind.NONE
        ? 'API Gateway authorizes a WebSocket connection only when it is made: put the authorization on the \'$connect\' route'
        : undefined);
    check(this, `${prop} apiKeyRequired`, options.apiKeyRequired,
      !isConnect && options.apiKeyRequired ? 'API Gateway checks the API keys of a WebSocket API when the connection is made: require them on \'$connect\'' : undefined);
    validateThrottle(this, `${prop} throttle`, options.throttle);

    this.routeScope ??= new Construct(this, 'Routes');
    const authorization = isConnect ? options.authorization ?? WebSocketAuthorization.iam() : WebSocketAuthorization.none();
    const authorizer = authorization._bind(this, `${prop} authorization`);

    let bound = this.integrations.get(integration);
    if (!bound) {
      const integrationScope = new Construct(this.routeScope, `Integration-${routeKey}`);
      bound = { config: integration.bind({ scope: integrationScope, routeKey }) };
      checkWebSocketIntegrationConfig(this, routeKey, bound.config);
      this.integrations.set(integration, bound);
      for (const fn of bound.config.invokedFunctions ?? []) {
        this.permissions.addFunction(fn);
      }
      bindStageVariableInvocations(this, routeKey, bound.config.stageVariableInvocations, this.aliasSettings, this.permissions);
    }

    const route = new apigwv2.WebSocketRoute(this.routeScope, routeKey, {
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
    this.routes.set(routeKey, route);
    if (options.throttle) {
      this.routeThrottles.set(routeKey, options.throttle);
      this.routeSettingsOrder.addRoute(route);
    }
    return route;
  }

  /** The aws-cdk-lib route of a key added with addRoute. */
  public route(routeKey: string): apigwv2.WebSocketRoute {
    return this.routes.require(this, 'routeKey', routeKey);
  }

  /** The route keys added so far. */
  public get routeKeys(): string[] {
    return this.routes.names;
  }

  /** How many Lambda permissions the gateway created (one per function per stage). */
  public get lambdaPermissionCount(): number {
    return this.permissions.count;
  }

  /**
   * A metric of one stage: `ConnectCount`, `MessageCount`, `IntegrationError`, `ClientError`,
   * `ExecutionError`, `IntegrationLatency`.
   */
  public metric(metricName: string, stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    checkArgs(this, { metricName, stageName, props }, WEBSOCKET_METHOD_ARGS.metric, 'metric');
    return this.stage(stageName).metric(metricName, props);
  }

  /** Connection requests to `$connect` on a stage. */
  public metricConnectCount(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('ConnectCount', stageName, { statistic: 'Sum', ...props });
  }

  /** Messages sent to and from clients on a stage. */
  public metricMessageCount(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('MessageCount', stageName, { statistic: 'Sum', ...props });
  }

  /** Requests whose integration answered with an error, on a stage. */
  public metricIntegrationError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('IntegrationError', stageName, { statistic: 'Sum', ...props });
  }

  /** Requests API Gateway answered with a 4XX before calling the integration, on a stage. */
  public metricClientError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('ClientError', stageName, { statistic: 'Sum', ...props });
  }

  /** Errors while calling the integration, on a stage. */
  public metricExecutionError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('ExecutionError', stageName, { statistic: 'Sum', ...props });
  }

  /** Backend latency of a stage. */
  public metricIntegrationLatency(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('IntegrationLatency', stageName, props);
  }

  private validateStage(prop: string, stage: WebSocketStageOptions): void {
    validateStageOptions(this, prop, stage, false);
    rejectRestOnlyStageOptions(this, prop, stage, 'WebSocket APIs', ['executionLogLevel', 'dataTrace']);
    if (stage.dataTrace) {
      warn(this, 'dataTrace', `${prop}.dataTrace is on: full messages, including secrets and personal data, go to the execution logs.`);
    }
  }

  private addStage(options: WebSocketStageOptions): void {
    const logs = resolveAccessLogs(this, `AccessLogs-${options.stageName}`, `stages '${options.stageName}' accessLogs`,
      AccessLogKind.WEBSOCKET, options.accessLogs);
    const throttle = { ...DEFAULT_STAGE_THROTTLE, ...options.throttle };
    const stage = new apigwv2.WebSocketStage(this, `Stage-${options.stageName}`, {
      webSocketApi: this.webSocketApi,
      stageName: options.stageName,
      description: options.description,
      autoDeploy: options.autoDeploy ?? true,
      stageVariables: stageVariablesWithAliases(this, `stages '${options.stageName}'`, options.variables, options.lambdaAliases),
      throttle,
      detailedMetricsEnabled: options.detailedMetrics ?? true,
      accessLogSettings: logs ? {
        destination: new apigwv2.LogGroupLogDestination(logs.logGroup),
        format: apigateway.AccessLogFormat.custom(logs.format),
      } : undefined,
    });
    const cfn = stage.node.defaultChild as apigwv2.CfnStage;
    // The WebSocketStage L2 sets only throttling and detailed metrics; the execution logging level,
    // data trace and per-route settings exist only on the L1 CfnStage.
    const base = {
      loggingLevel: options.executionLogLevel ?? apigateway.MethodLoggingLevel.ERROR,
      dataTraceEnabled: options.dataTrace ?? false,
      detailedMetricsEnabled: options.detailedMetrics ?? true,
    };
    cfn.defaultRouteSettings = { ...base, throttlingRateLimit: throttle.rateLimit, throttlingBurstLimit: throttle.burstLimit };
    cfn.routeSettings = Lazy.any({
      produce: () => {
        if (this.routeThrottles.size === 0) return undefined;
        // RouteSettings is a JSON map in CloudFormation: its keys are written as the service expects.
        const settings: { [routeKey: string]: { [name: string]: unknown } } = {};
        for (const [routeKey, routeThrottle] of this.routeThrottles) {
          settings[routeKey] = {
            LoggingLevel: base.loggingLevel,
            DataTraceEnabled: base.dataTraceEnabled,
            DetailedMetricsEnabled: base.detailedMetricsEnabled,
            ThrottlingRateLimit: routeThrottle.rateLimit ?? throttle.rateLimit,
            ThrottlingBurstLimit: routeThrottle.burstLimit ?? throttle.burstLimit,
          };
        }
        return settings;
      },
    });
    this.stageMap.set(options.stageName, stage);
    this.routeSettingsOrder.addStage(stage);
    this.permissions.addStage(options.stageName);
    const aliasProp = `stages '${options.stageName}'`;
    this.aliasSettings.push({ stageName: options.stageName, prop: aliasProp, variables: options.variables, lambdaAliases: options.lambdaAliases });
    addAliasTrafficShifting(this, aliasProp, options.stageName, options.lambdaAliases, options.aliasTrafficShifting);
  }

  private addIntegrationResponse(bound: BoundIntegration, routeKey: string): void {
    const integrationId = bound.integrationId;
    if (integrationId === undefined) return;
    const id = `IntegrationResponse-${routeKey}`;
    const scope = this.routeScope!;
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
      if (child instanceof lambda.CfnPermission && child.sourceAccount === undefined) {
        child.sourceAccount = Stack.of(this).account;
      }
    }
  }

  private validateModel(): string[] {
    const errors: string[] = [];
    errors.push(...undefinedStageVariableErrors(this.node.findAll()
      .filter((c): c is apigwv2.CfnIntegration => c instanceof apigwv2.CfnIntegration)
      .map(i => ({ path: i.node.path, uri: i.integrationUri })), this.aliasSettings));
    if (this.routes.size === 0) {
      errors.push(`${this.node.path}: a WebSocketGateway needs at least one route (addRoute); API Gateway cannot deploy an API without routes`);
    } else if (!this.routes.has(CONNECT_ROUTE_KEY)) {
      warn(this, 'noConnectRoute', 'the gateway has no \'$connect\' route, so every connection is accepted without authorization; '
        + 'add a \'$connect\' route (IAM-authorized by default) or acknowledge this warning.');
    }
    return errors;
  }
}
