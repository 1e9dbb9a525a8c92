import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct, IConstruct } from 'constructs';
import type { StageAlarmSource } from './alarms';
import { check } from './errors';
import { checkArgs } from './input';
import { METRIC_ARGS } from './input-specs';
import { bindStageVariableInvocations, undefinedStageVariableErrors } from './lambda-alias';
import { LambdaInvocationTargets } from './lambda-invocation';
import { LambdaInvokePermissions } from './lambda-permissions';
import { RouteRegistry } from './route-registry';
import { MetricStage, StageMetricSpec, stageMetric } from './stage-metrics';
import { StageRegistry } from './stage-registry';

/**
 * What every gateway holds whatever its API kind: the stage and route registries and the Lambda
 * permissions between them (one per function or alias per stage). An adapter makes one, as a
 * private field, and renders its API kind's L2s around it.
 */
export class GatewayCore<S extends IConstruct & MetricStage, R> {
  /** The stages, by name. */
  public readonly stages: StageRegistry<S>;
  /** The routes, by route key. */
  public readonly routes: RouteRegistry<R>;
  private readonly permissions: LambdaInvokePermissions;

  /**
   * @param gateway the gateway construct (errors name its path; permissions are made under it)
   * @param permissionSourceArn the execute-api ARN a stage's Lambda permissions are scoped to
   */
  constructor(private readonly gateway: Construct, permissionSourceArn: (stageName: string) => string) {
    this.permissions = new LambdaInvokePermissions(gateway, permissionSourceArn);
    this.stages = new StageRegistry<S>(gateway, this.permissions);
    this.routes = new RouteRegistry<R>(gateway);
  }

  /**
   * Grants what a route's integration invokes: each function once per stage, and each stage's
   * alias of a stage-variable invocation (checking that every stage defines the variable).
   */
  public bindInvocations(routeKey: string, targets: LambdaInvocationTargets): void {
    for (const fn of targets.invokedFunctions ?? []) {
      this.permissions.addFunction(fn);
    }
    bindStageVariableInvocations(this.gateway, routeKey, targets.stageVariableInvocations, this.stages.aliasSettings, this.permissions);
  }

  /** How many Lambda permissions were made for integrations. */
  public get lambdaPermissionCount(): number {
    return this.permissions.count;
  }

  /**
   * A metric of one stage: the arguments are checked as those of the gateway's `metric` method
   * (for JavaScript and jsii callers), and an unknown stage fails.
   */
  public metric(stageName: string, spec: StageMetricSpec, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    checkArgs(this.gateway, { metricName: spec.metricName, stageName, props }, METRIC_ARGS, 'metric');
    return stageMetric(this.stages.get(stageName), spec, props);
  }

  /**
   * What the alarms and the dashboard (lib/common/alarms.ts) read of the gateway: its stages and
   * their metrics; `kindSpecs` gives the API kind's alarms and dashboard rows for a metric reader
   * (and, for a route's alarms, the route key: its latency thresholds follow its own timeout).
   * @param metric the metric reader, when the adapter reads some stages another way (REST canaries)
   */
  public alarmSource(kind: string, apiName: string,
    kindSpecs: (metric: StageAlarmSource['metric'], routeKey?: string) => Pick<StageAlarmSource, 'alarms' | 'dashboardRows'>,
    routeDimensions: (routeKey: string) => { [name: string]: string },
    metric: StageAlarmSource['metric'] = (stageName, spec, props) => this.metric(stageName, spec, props)): StageAlarmSource {
    return {
      gateway: this.gateway,
      apiName,
      kind,
      stageNames: this.stages.names,
      requireStage: (prop, stageName) => this.stages.require(prop, stageName),
      metric,
      ...kindSpecs(metric),
      // A route's metrics are the stage's with the route's dimensions added.
      routeAlarms: routeKey => kindSpecs((stageName, spec, props) => {
        const stageMetric = this.metric(stageName, spec, props);
        return stageMetric.with({ dimensionsMap: { ...stageMetric.dimensions, ...routeDimensions(routeKey) } });
      }, routeKey).alarms,
      requireRouteMetrics: (prop, stageName, routeKey) => {
        check(this.gateway, prop, routeKey, this.routes.has(routeKey) ? undefined
          : `the gateway has no route '${routeKey}' (add it with addRoute before addAlarms; routes: ${this.routes.keys.slice(0, 10).join(', ')}${this.routes.size > 10 ? ', ...' : ''})`);
        check(this.gateway, prop, routeKey, this.stages.hasDetailedMetrics(stageName) ? undefined
          : `stage '${stageName}' has detailedMetrics off, so API Gateway publishes no per-route metrics for it: turn detailedMetrics on or leave routes out`);
      },
      attachAlarms: (stageName, alarms) => this.stages.attachAlarms(stageName, alarms),
    };
  }

  /**
   * The model checks every gateway runs at synth time: every `${stageVariables.NAME}` an
   * integration URI uses is defined on every stage (rule 6), and there is at least one route.
   * @param uriOf the integration URI of a construct of the gateway's tree, or undefined
   * @param noRoutes the rule broken by a gateway without routes
   */
  public modelErrors(uriOf: (construct: IConstruct) => unknown, noRoutes: string): string[] {
    const uris = this.gateway.node.findAll()
      .map(c => ({ path: c.node.path, uri: uriOf(c) }))
      .filter(u => u.uri !== undefined);
    const errors = undefinedStageVariableErrors(uris, this.stages.aliasSettings);
    if (this.routes.size === 0) {
      errors.push(`${this.gateway.node.path}: ${noRoutes}`);
    }
    return errors;
  }
}
