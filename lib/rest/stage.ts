/**
 * REST stages: checking a stage's options, the aws-cdk-lib stage props, and what the Stage L2
 * lacks (canary settings, per-route method settings, a WAF association), set on its L1.
 */
import { Duration, Lazy, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { AccessLogKind } from '../common/access-logs';
import { check, warn } from '../common/errors';
import { awsCloudWatch, awsWafv2 } from '../common/lazy';
import { stageVariablesWithAliases } from '../common/lambda-alias';
import { RouteSettings, stageThrottleLimits } from '../common/route-settings';
import { validateStageOptions, validateStageVariables } from '../common/stage';
import { stageAccessLogs } from '../common/stage-access-logs';
import { MetricStage, requestMetricSpecs } from '../common/stage-metrics';
import { stageProp } from '../common/stage-registry';
import { CacheClusterSize, RestRouteCacheOptions } from './cache';
import { RestStageOptions } from './props';
import { cacheTtlViolation, canaryPercentViolation, canaryVariableNameViolation } from './rules';

/** REST stage metrics: errors are `4XXError` and `5XXError`. */
export const REST_METRICS = requestMetricSpecs('4XXError', '5XXError');

/**
 * The suffix of a canary's `Stage` dimension value. API Gateway documents that "the canary release
 * has its own logs and metrics generated for all canary requests", and names the canary's
 * execution log group `API-Gateway-Execution-Logs_{rest-api-id}/{stage-name}/Canary`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/canary-release.html). The metrics
 * are published in `AWS/ApiGateway` with `ApiName` and `Stage` = `{stage-name}/Canary`; the metrics
 * page (api-gateway-metrics-and-dimensions.html) does not spell the value out, so it is kept here,
 * in one place.
 */
export const REST_CANARY_STAGE_SUFFIX = '/Canary';

/**
 * A stage of an imported REST API, known by its API name: its metrics in `AWS/ApiGateway` with
 * the `ApiName` and `Stage` dimensions, as aws-cdk-lib's REST stages make them.
 */
export function importedRestStage(apiName: string, stageName: string): MetricStage {
  return {
    metric: (metricName, props) => {
      const { Metric } = awsCloudWatch();
      return new Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiName: apiName, Stage: stageName },
        ...props,
      });
    },
  };
}

/** What a route's method settings need besides its throttle. */
export interface RestRouteSettingDetails {
  readonly method: string;
  readonly path: string;
  readonly cache?: RestRouteCacheOptions;
  /** Not cached unless `cache.enabled`: authorized, and its caller identity cannot be a cache key. */
  readonly uncachedByDefault?: boolean;
}

/** Checks the options of one REST stage. */
export function validateRestStage(scope: Construct, prop: string, stage: RestStageOptions): void {
  validateStageOptions(scope, prop, stage, false);
  if (stage.cache?.ttl) {
    check(scope, `${prop}.cache.ttl`, `${stage.cache.ttl.toSeconds({ integral: false })} s`, cacheTtlViolation(stage.cache.ttl.toSeconds({ integral: false })));
  }
  if (stage.webAclArn !== undefined && !Token.isUnresolved(stage.webAclArn)) {
    check(scope, `${prop}.webAclArn`, stage.webAclArn, /^arn:[a-z-]+:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/.+/.test(stage.webAclArn)
      ? undefined : 'a stage is protected by a regional WAFv2 web ACL (arn:aws:wafv2:REGION:ACCOUNT:regional/webacl/NAME/ID)');
  }
  if (stage.canary) {
    const canary = stage.canary;
    check(scope, `${prop}.canary.percentTraffic`, canary.percentTraffic, canaryPercentViolation(canary.percentTraffic));
    validateStageVariables(scope, `${prop}.canary.variables`, canary.variables ?? {});
    for (const name of [...Object.keys(canary.variables ?? {}), ...Object.keys(canary.lambdaAliases ?? {})]) {
      check(scope, `${prop}.canary stage-variable override`, name, canaryVariableNameViolation(name));
    }
  }
  if (stage.dataTrace) {
    warn(scope, 'dataTrace', `${prop}.dataTrace is on: full requests and responses, including secrets and personal data, go to the execution logs.`);
  }
}

/** The aws-cdk-lib props of a stage. */
export function restStageProps(scope: Construct, stage: RestStageOptions): apigateway.StageOptions {
  const logs = stageAccessLogs(scope, stage.stageName, AccessLogKind.REST, stage.accessLogs);
  return {
    stageName: stage.stageName,
    description: stage.description,
    variables: stageVariablesWithAliases(scope, stageProp(stage.stageName), stage.variables, stage.lambdaAliases),
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

/**
 * Sets what the Stage L2 lacks on a stage: its canary settings and method settings (rendered at
 * synth time, when every route is known), and associates its WAF web ACL.
 */
export function configureRestStage(scope: Construct, restApi: apigateway.RestApi, options: RestStageOptions, stage: apigateway.Stage,
  routeSettings: RouteSettings<RestRouteSettingDetails>): void {
  const cfn = stage.node.defaultChild as apigateway.CfnStage;
  // The Stage L2 has no canary settings: set them on the L1.
  cfn.canarySetting = renderCanary(restApi, options);
  cfn.methodSettings = Lazy.any({ produce: () => renderMethodSettings(options, routeSettings) }, { omitEmptyArray: true });
  if (options.webAclArn) {
    const { CfnWebACLAssociation } = awsWafv2();
    new CfnWebACLAssociation(scope, `WebAcl-${options.stageName}`, {
      resourceArn: stage.stageArn,
      webAclArn: options.webAclArn,
    });
  }
}

function renderCanary(restApi: apigateway.RestApi, stage: RestStageOptions): apigateway.CfnStage.CanarySettingProperty {
  const canary = stage.canary;
  const overrides: { [name: string]: string } = { ...canary?.variables };
  for (const [variable, alias] of Object.entries(canary?.lambdaAliases ?? {})) {
    overrides[variable] = alias.aliasName;
  }
  return {
    deploymentId: restApi.latestDeployment!.deploymentId,
    percentTraffic: canary?.percentTraffic ?? 0,
    stageVariableOverrides: Object.keys(overrides).length > 0 ? overrides : undefined,
    useStageCache: canary?.useStageCache ?? false,
  };
}

/**
 * What changes with each release of a stage's canary: the API deployment, the canary's share and
 * overrides, and the versions of the stage's and the canary's Lambda aliases (a new version
 * published to an alias is a release too). A canary bake's custom resource carries it, so each
 * change is an Update that is watched.
 */
export function restCanaryFingerprint(restApi: apigateway.RestApi, stage: RestStageOptions): unknown {
  const versions = (aliases: { [variable: string]: lambda.IAlias } | undefined) =>
    Object.fromEntries(Object.entries(aliases ?? {}).map(([variable, alias]) => [variable, alias.version.version]));
  return {
    ...renderCanary(restApi, stage),
    stageAliasVersions: versions(stage.lambdaAliases),
    canaryAliasVersions: versions(stage.canary?.lambdaAliases),
  };
}

function renderMethodSettings(stage: RestStageOptions,
  routeSettings: RouteSettings<RestRouteSettingDetails>): apigateway.CfnStage.MethodSettingProperty[] {
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
  settings.push(...routeSettings.render(stage.throttle, ({ throttle: routeThrottle, details: route }, limits) => {
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
