import { Lazy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { gatewayAlarms, restCanaryBake, restDomains, restOpenApiImport, restUsagePlans } from '../common/lazy';
import type { GatewayAlarmOptions, GatewayDashboardOptions, GatewayStageAlarms, StageAlarmSource } from '../common/alarms';
import { validateCors } from '../common/cors';
import { DomainRoutingRules, GatewayDomain, GatewayDomainMappingOptions, recordDomainMappingKind } from '../common/domain';
import { EndpointKind, GatewayEndpoint } from '../common/endpoint';
import { GatewayIpAddressType, effectiveIpAddressType, ipAddressTypeViolation } from '../common/ip-address-type';
import { GatewayRoutingRuleOptions, registerRoutingRuleTarget, restDomainRoutingModeValue } from '../common/routing-rules';
import { check } from '../common/errors';
import { executeApiArn } from '../common/execute-api';
import { requireAccountLoggingRoleForStages } from '../common/execution-logging';
import { GatewayCore } from '../common/gateway-core';
import { checkArgs } from '../common/input';
import { attachOpenApiExport, openApiFileName } from '../common/openapi-export';
import { setRaisedQuotas, warnAdjustableQuota, warnAdjustableQuotasAtSynth } from '../common/quotas';
import { MAX_PLANS_PER_API_KEY } from '../common/usage-plans';
import { RouteSettings } from '../common/route-settings';
import { RouteStackPlacement, importedGatewayAddRoute } from '../common/route-stacks';
import { validateUniqueStageNames } from '../common/stage';
import { stageProp } from '../common/stage-registry';
import { StageMetricSpec, stageMetric } from '../common/stage-metrics';
import { UsagePlanRegistry } from '../common/usage-plan-registry';
import { GatewayApiKeyOptions, GatewayUsagePlanOptions } from '../common/usage-plans';
import { renderRestApi } from './api';
import { RestAuthorization } from './authorization';
import { RestGatewayBase } from './base';
import { addCorsGatewayResponses } from './cors';
import { computeDeploymentIdOnce } from './deployment-id';
import { REST_MAX_TIMEOUT_MS, RestIntegration } from './integration';
import { REST_METHOD_ARGS, REST_INPUT } from './input';
import { IRestGateway, RestGatewayAttributes, RestGatewayProps, RestRouteOptions, RestStageOptions } from './props';
import { MAX_REST_AUTHORIZERS, MAX_REST_RESOURCES, MAX_REST_STAGES, restAdjustableQuotaUses } from './quotas';
import { MAX_RESOURCE_POLICY_CHARS } from './private-endpoint';
import { restOpenApiDocument } from './openapi-export';
import { RestRoutes } from './route';
import { parseRouteKey } from '../common/route-key';
import { latencyBasisMs } from '../common/integration-timeout';
import {
  REST_CANARY_STAGE_SUFFIX, REST_METRICS, RestRouteSettingDetails, configureRestStage, importedRestStage, restCanaryFingerprint, restStageProps, validateRestStage,
} from './stage';

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
  /**
   * Imports an existing REST API. Its metrics need `attrs.apiName` (REST metrics are published
   * by API name).
   */
  public static fromRestGatewayAttributes(scope: Construct, id: string, attrs: RestGatewayAttributes): IRestGateway {
    checkArgs('RestGateway.fromRestGatewayAttributes', { scope, id, attrs }, REST_METHOD_ARGS.fromRestGatewayAttributes);
    class Import extends RestGatewayBase {
      public readonly apiId = attrs.apiId;

      /** JavaScript callers reach this (IGateway has no addRoute): a clear error instead of a TypeError. */
      public addRoute(routeKey?: unknown): never {
        return importedGatewayAddRoute(this, 'REST', routeKey);
      }

      /** @internal */
      protected _stageMetric(stageName: string, spec: StageMetricSpec, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
        checkArgs(this, { metricName: spec.metricName, stageName, props }, REST_METHOD_ARGS.metric, 'metric');
        check(this, 'apiName', attrs.apiName, attrs.apiName === undefined
          ? 'REST metrics are published by API name (dimensions ApiName and Stage): import the gateway with an apiName to use its metrics' : undefined);
        return stageMetric(importedRestStage(attrs.apiName!, stageName), spec, props);
      }
    }
    return new Import(scope, id);
  }

  /** The underlying aws-cdk-lib REST API. */
  public readonly restApi: apigateway.RestApi;
  /** The REST API id. */
  public readonly apiId: string;
  /** The endpoint kind. */
  public readonly endpointKind: EndpointKind;
  /**
   * Which IP addresses can invoke the API: the `ipAddressType` prop, or API Gateway's default
   * (dual-stack for a private API, IPv4 otherwise).
   */
  public readonly ipAddressType: GatewayIpAddressType;
  /** The custom domain made from the `domain` prop (edge or regional APIs). */
  public readonly customDomain?: apigateway.DomainName;
  /** The private custom domain made from the `domain` prop (private APIs). */
  public readonly privateCustomDomain?: apigateway.CfnDomainNameV2;
  /** The request validator (body and parameters) used by routes that declare a schema or required parameters. */
  public readonly requestValidator: apigateway.RequestValidator;

  private readonly core = new GatewayCore<apigateway.Stage, apigateway.Method>(this,
    stageName => executeApiArn(this, this.apiId, `${stageName}/*/*`));
  private readonly routeSettings = new RouteSettings<RestRouteSettingDetails>();
  private readonly routes: RestRoutes;
  private readonly usagePlanRegistry = new UsagePlanRegistry(this);
  /** The stages given a canary, whose metrics the dashboard shows next to the base's. */
  private readonly canaryStageNames = new Set<string>();
  /** The routing rules of the gateway's own custom domain (addDomainRoutingRule). */
  private readonly domainRoutingRules?: DomainRoutingRules;

  constructor(scope: Construct, id: string, props: RestGatewayProps = {}) {
    super(scope, id);
    REST_INPUT.props(this, props);
    const stages = props.stages ?? [{ stageName: 'prod' }];
    const endpoint = props.endpoint ?? GatewayEndpoint.regional();
    this.endpointKind = endpoint.kind;
    check(this, 'ipAddressType', props.ipAddressType, ipAddressTypeViolation(this.endpointKind, props.ipAddressType, 'REST API'));
    this.ipAddressType = effectiveIpAddressType(this.endpointKind, props.ipAddressType);

    check(this, 'stages', '[]', stages.length === 0 ? 'a RestGateway has at least one stage' : undefined);
    setRaisedQuotas(this, props.raisedQuotas, {
      stagesPerApi: MAX_REST_STAGES, authorizersPerApi: MAX_REST_AUTHORIZERS, resourcesPerApi: MAX_REST_RESOURCES,
      resourcePolicyCharacters: MAX_RESOURCE_POLICY_CHARS, usagePlansPerApiKey: MAX_PLANS_PER_API_KEY,
    });
    warnAdjustableQuota(this, { id: 'stagesQuota', what: 'stages per REST API', count: stages.length, max: MAX_REST_STAGES, quota: 'stagesPerApi' });
    validateUniqueStageNames(this, 'stages', stages);
    stages.forEach((stage, i) => validateRestStage(this, `stages[${i}]`, stage));
    validateCors(this, 'cors', props.cors);

    const [first, ...others] = stages;
    const { restApi, policy, vpcEndpoints } = renderRestApi(this, id, props, endpoint, () => restStageProps(this, first));
    this.restApi = restApi;
    this.apiId = restApi.restApiId;
    computeDeploymentIdOnce(restApi);

    this.registerStage(first, restApi.deploymentStage);
    for (const stage of others) {
      // Same construct id pattern as the first stage's, so reordering stages keeps logical ids.
      this.registerStage(stage, new apigateway.Stage(restApi, `DeploymentStage.${stage.stageName}`, {
        deployment: restApi.latestDeployment!,
        ...restStageProps(this, stage),
      }));
    }

    this.requestValidator = restApi.addRequestValidator('RequestValidator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    const placement = new RouteStackPlacement(this, props.routeStacks, () => this.core.routes.scope, true);
    const routes = this.routes = new RestRoutes(this, this.core, this.routeSettings, {
      placement,
      restApi,
      requestValidator: this.requestValidator,
      endpointKind: this.endpointKind,
      defaultAuthorization: props.defaultAuthorization ?? RestAuthorization.iam(),
      apiKeyRequired: props.apiKeyRequired ?? false,
      cors: props.cors !== undefined,
      anyStageCached: stages.some(s => s.cache !== undefined),
    });

    if (props.cors) {
      addCorsGatewayResponses(this, restApi, props.cors);
    }
    if (props.openApi) {
      restOpenApiImport().importRestOpenApi(this, props.openApi, (key, integration, options) => this.addRoute(key, integration, options));
    }

    // A routing rule of a GatewayDomain can send requests to this API (GatewayDomain.addRoutingRule).
    registerRoutingRuleTarget(this, {
      endpointKind: this.endpointKind,
      stageNames: () => this.stageNames,
      stage: (prop, stageName) => this.core.stages.require(prop, stageName),
    });
    const domainTarget = { ...this.parts(), endpointKind: this.endpointKind, vpcEndpoints, ipAddressType: props.ipAddressType };
    if (props.domain && this.endpointKind === EndpointKind.PRIVATE) {
      this.privateCustomDomain = restDomains().addRestPrivateCustomDomain(domainTarget, props.domain);
      this.domainRoutingRules = this.ownDomainRoutingRules(this.privateCustomDomain, this.privateCustomDomain.attrDomainNameArn, props.domain.securityPolicy);
    } else if (props.domain) {
      this.customDomain = restDomains().addRestCustomDomain(domainTarget, props.domain);
      const cfnDomain = this.customDomain.node.defaultChild as apigateway.CfnDomainName;
      this.domainRoutingRules = this.ownDomainRoutingRules(cfnDomain, cfnDomain.attrDomainNameArn, props.domain.securityPolicy);
    }

    this.node.addValidation({ validate: () => this.validateModel() });
    warnAdjustableQuotasAtSynth(this, () => restAdjustableQuotaUses(this, routes.authorizers.size, policy, routes.resourcesOutsideGateway));
    this.usagePlanRegistry.warnWhenNoRouteRequiresKey(() => routes.anyRouteRequiresKey, 'route');
    requireAccountLoggingRoleForStages(this, stages, name => this.stage(name));
    attachOpenApiExport(this, () => this.stageNames, stageName => restOpenApiDocument(this, stageName));
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
   * Resources along the path are created as needed. An integration object used by several routes
   * is rendered into each route's method (REST methods embed their integration).
   */
  public addRoute(routeKey: string, integration: RestIntegration, options: RestRouteOptions = {}): apigateway.Method {
    return this.routes.add(routeKey, integration, options);
  }

  /**
   * Adds an API key. Its value is generated by API Gateway, or read from Secrets Manager at
   * deploy time; it never appears in the template. The construct id depends on `name` only.
   */
  public addApiKey(name: string, options: GatewayApiKeyOptions = {}): apigateway.IApiKey {
    return this.usagePlanRegistry.addApiKey(name, options);
  }

  /** Adds a usage plan over some or all stages, with a throttle, a quota and per-route throttles. */
  public addUsagePlan(name: string, options: GatewayUsagePlanOptions = {}): apigateway.UsagePlan {
    return restUsagePlans().addRestUsagePlan(this.parts(), this.usagePlanRegistry, name, options);
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
   * on one domain). Regional and edge-optimized REST APIs can be mapped ("For REST APIs, both
   * edge-optimized and Regional custom domain names can have mappings for edge-optimized API
   * endpoints, Regional API endpoints, or both": AWS Knowledge Center, "How can I set up a custom
   * domain name for my API Gateway API?"); a private API cannot (it uses a private domain).
   */
  public mapDomain(domain: GatewayDomain, options: GatewayDomainMappingOptions = {}): void {
    checkArgs(this, { domain, options }, REST_METHOD_ARGS.mapDomain, 'mapDomain');
    check(this, 'mapDomain', this.endpointKind, this.endpointKind !== EndpointKind.PRIVATE ? undefined
      : 'a private REST API cannot be mapped onto a public regional GatewayDomain; give it a private custom domain with its `domain` prop');
    recordDomainMappingKind(domain, 'REST API');
    this.core.stages.mapDomain(domain, options, this.apiId);
  }

  /**
   * Adds a routing rule to the gateway's own custom domain (the `domain` prop): requests that
   * match its header and base path conditions go to a stage of a REST API (this one or another
   * RestGateway of the app; a private domain routes to private APIs only), evaluated by priority
   * before the domain's base-path mapping. The domain's routing mode becomes
   * ROUTING_RULE_THEN_BASE_PATH_MAPPING (REST domains' name for ROUTING_RULE_THEN_API_MAPPING). For a domain shared by several APIs use
   * `GatewayDomain.addRoutingRule`.
   * @param id the id of the rule, unique among this gateway's domain routing rules
   */
  public addDomainRoutingRule(id: string, options: GatewayRoutingRuleOptions): apigwv2.CfnRoutingRule {
    check(this, 'addDomainRoutingRule', undefined, this.domainRoutingRules ? undefined
      : 'the gateway has no custom domain: give it a `domain` prop, or add the rule to a GatewayDomain (GatewayDomain.addRoutingRule)');
    return this.domainRoutingRules!.add(id, options);
  }

  /** The method of a route added with addRoute. */
  public route(routeKey: string): apigateway.Method {
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

  /** How many Lambda permissions the gateway created (one per function per stage). */
  public get lambdaPermissionCount(): number {
    return this.core.lambdaPermissionCount;
  }

  /** @internal */
  protected _stageMetric(stageName: string, spec: StageMetricSpec, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.core.metric(stageName, spec, props);
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

  /**
   * Adds a CloudWatch dashboard with, per stage, requests, 4XX and 5XX errors, latency (p50, p90,
   * p99) and integration latency; a stage with a canary shows the canary's metrics next to the base's.
   */
  public addDashboard(options: GatewayDashboardOptions = {}): cloudwatch.Dashboard {
    return gatewayAlarms().addStageDashboard(this.alarmSource(), options);
  }

  /** What the alarms and the dashboard read of this gateway. */
  private alarmSource(): StageAlarmSource {
    const apiName = this.restApi.restApiName;
    // A canary's metrics have their own Stage dimension (see REST_CANARY_STAGE_SUFFIX), not a stage of ours.
    const metric: StageAlarmSource['metric'] = (stageName, spec, props) => stageName.endsWith(REST_CANARY_STAGE_SUFFIX)
      ? stageMetric(importedRestStage(apiName, stageName), spec, props)
      : this.core.metric(stageName, spec, props);
    return this.core.alarmSource('RestGateway', apiName, (readMetric, routeKey) => ({
      alarms: gatewayAlarms().requestAlarms(readMetric, REST_METRICS, latencyBasisMs(this, REST_MAX_TIMEOUT_MS, routeKey)),
      dashboardRows: (stageName, period) => gatewayAlarms().requestDashboardRows(readMetric, REST_METRICS, stageName, period,
        this.canaryStageNames.has(stageName) ? `${stageName}${REST_CANARY_STAGE_SUFFIX}` : undefined),
    }), routeKey => {
      // A REST method's metrics carry its HTTP method and resource path (api-gateway-metrics-and-dimensions.html).
      const { method, path } = parseRouteKey(routeKey);
      return { Method: method, Resource: path };
    }, metric);
  }

  /**
   * The routing rules of the gateway's own domain, whose routing mode follows them (rule 86): the
   * domain always has its base-path mapping, so ROUTING_RULE_THEN_BASE_PATH_MAPPING once a rule
   * exists, nothing rendered before (BASE_PATH_MAPPING_ONLY, the default).
   */
  private ownDomainRoutingRules(cfnDomain: apigateway.CfnDomainName | apigateway.CfnDomainNameV2, domainNameArn: string,
    securityPolicy: apigateway.SecurityPolicy | undefined): DomainRoutingRules {
    const rules = new DomainRoutingRules(this, {
      idPrefix: 'DomainRoutingRule', label: 'addDomainRoutingRule', domainNameArn,
      privateDomain: this.endpointKind === EndpointKind.PRIVATE, securityPolicy: securityPolicy ?? apigateway.SecurityPolicy.TLS_1_2,
    });
    // AWS::ApiGateway::DomainName(V2) spells the mode ROUTING_RULE_THEN_BASE_PATH_MAPPING.
    cfnDomain.routingMode = Lazy.string({
      produce: () => {
        const mode = rules.neededMode(1);
        return mode === undefined ? undefined : restDomainRoutingModeValue(mode);
      },
    });
    return rules;
  }

  /** What the domain and usage-plan builders read of this gateway. */
  private parts() {
    return {
      scope: this,
      restApi: this.restApi,
      stageNames: this.stageNames,
      requireStage: (prop: string, stageName: string) => this.core.stages.require(prop, stageName),
      findRoute: (routeKey: string) => this.core.routes.find(routeKey),
    };
  }

  private registerStage(options: RestStageOptions, stage: apigateway.Stage): void {
    if (options.canary) this.canaryStageNames.add(options.stageName);
    this.core.stages.add(options, stage,
      { name: 'canary', lambdaAliases: options.canary?.lambdaAliases, variables: options.canary?.variables });
    configureRestStage(this, this.restApi, options, stage, this.routeSettings);
    if (options.canary?.bake) {
      const bake = new (restCanaryBake().RestCanaryBake)(this, stageProp(options.stageName), options.stageName, stage, options.canary.bake,
        () => restCanaryFingerprint(this.restApi, options));
      this.core.stages.onStageAlarms(options.stageName, alarms => bake.addStageAlarms(alarms));
    }
  }

  private validateModel(): string[] {
    return this.core.modelErrors(c => c instanceof apigateway.CfnMethod ? (c.integration as apigateway.CfnMethod.IntegrationProperty | undefined)?.uri : undefined,
      'a RestGateway needs at least one route (addRoute); API Gateway cannot deploy an API without methods');
  }
}
