/**
 * Alarms and a dashboard for a gateway's stages, one implementation for the three API kinds: an
 * adapter says which metrics its kind publishes (`StageAlarmSource`), this file builds the alarms
 * (`addStageAlarms`) and the dashboard (`addStageDashboard`).
 *
 * What API Gateway publishes, in `AWS/ApiGateway`, per stage:
 * - REST APIs (dimensions `ApiName`, `Stage`): `Count`, `4XXError`, `5XXError`, `Latency`,
 *   `IntegrationLatency`, `CacheHitCount`, `CacheMissCount`
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html).
 * - HTTP APIs (dimensions `ApiId`, `Stage`): `Count`, `4xx`, `5xx`, `Latency`, `IntegrationLatency`,
 *   `DataProcessed` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html).
 * - WebSocket APIs (dimensions `ApiId`, `Stage`): `ConnectCount`, `MessageCount`, `IntegrationError`,
 *   `ClientError`, `ExecutionError`, `IntegrationLatency`; no `Count` and no `Latency`
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-logging.html).
 *
 * Throttled requests: none of the three kinds publishes a 429 (throttle) metric; the metric tables
 * cited above list none. A throttled REST or HTTP request is counted in `4XXError` / `4xx`, a
 * throttled WebSocket message in `ClientError`, so the client-error alarms are the place to watch
 * throttling (an alarm on throttling alone needs a metric filter on the access logs' `status`).
 */
import { Duration, Lazy, Stack, Token } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { acknowledgeRule } from './compliance';
import { GatewayValidationError, warn } from './errors';
import {
  InputSpec, aBoolean, aDuration, aNumber, aResource, aString, aStruct, checkArgs, listOf, notHere, oneOf,
} from './input';
import { awsCloudWatch } from './lazy';
import { StageMetricSpec } from './stage-metrics';

/** The settings of one alarm; every member falls back to the alarm's documented default. */
export interface GatewayAlarmSettings {
  /**
   * Whether the alarm is made.
   * @default - the alarm's default (every alarm is on except the client-error alarms)
   */
  readonly enabled?: boolean;
  /**
   * The threshold the statistic is compared with (`GREATER_THAN_THRESHOLD`), in the alarm's unit:
   * percent for rates, milliseconds for latencies, a count for counts.
   * @default - the alarm's default threshold
   */
  readonly threshold?: number;
  /**
   * The period of one datapoint: 10, 20 or 30 seconds, or a multiple of a minute.
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;
  /**
   * How many periods are evaluated.
   * @default - the alarm's default (3, or 1 for WebSocket execution errors)
   */
  readonly evaluationPeriods?: number;
  /**
   * How many of the evaluated periods must breach.
   * @default - all evaluated periods
   */
  readonly datapointsToAlarm?: number;
  /**
   * How a period without data counts.
   * @default cloudwatch.TreatMissingData.NOT_BREACHING (no traffic is not a failure)
   */
  readonly treatMissingData?: cloudwatch.TreatMissingData;
}

/**
 * The alarms `addAlarms` makes on each stage. Members an API kind does not publish metrics for are
 * rejected (for example `latency` on a WebSocket gateway: WebSocket APIs publish no `Latency`).
 */
export interface GatewayAlarmOptions {
  /**
   * The stages that get alarms.
   * @default - every stage
   */
  readonly stageNames?: string[];
  /**
   * Actions run when an alarm goes into ALARM (for example `new cloudwatch_actions.SnsAction(topic)`),
   * on every alarm. Without actions the alarms still feed dashboards and CodeDeploy, and the
   * gateway carries the warning `cdk-api-gateways:alarmsWithoutActions`.
   * @default - no actions
   */
  readonly actions?: cloudwatch.IAlarmAction[];
  /**
   * The start of every alarm name: `<prefix>-<stage>-<what>` (CloudWatch alarm names are unique
   * per account and region and at most 255 characters).
   * @default - `<stack name>-<API name>`: API names need not be unique, and two stacks of one
   * account often hold APIs of the same name (an `Orders` API per environment)
   */
  readonly alarmNamePrefix?: string;
  /**
   * Route keys (as given to `addRoute`, e.g. `GET /orders/{id}` or `$connect`) that get alarms of
   * their own besides the stage's: the same alarms with the same settings, on the route's metrics
   * (REST: dimensions `ApiName`, `Stage`, `Method`, `Resource`; HTTP and WebSocket: `ApiId`,
   * `Stage`, `Route`). API Gateway publishes per-route metrics only for stages with
   * `detailedMetrics` (on by default); a stage without them is an error. Route alarms are named
   * `<prefix>-<stage>-<route key>-<what>` and do not feed CodeDeploy traffic shifting.
   * @default - no per-route alarms
   */
  readonly routes?: string[];
  /**
   * REST and HTTP: the share of requests answered with a 5XX, in percent (`100 * 5XX / Count`).
   * @default - on: above 1 % in 3 of 3 periods of 5 minutes
   */
  readonly serverErrorRate?: GatewayAlarmSettings;
  /**
   * REST and HTTP: the share of requests answered with a 4XX (throttled requests included), in percent.
   * @default - off (4XXs are mostly callers' mistakes); when enabled, above 10 % in 3 of 3 periods of 5 minutes
   */
  readonly clientErrorRate?: GatewayAlarmSettings;
  /**
   * REST and HTTP: the p99 of `Latency`, in milliseconds.
   * @default - on: above 80 % of the longest integration timeout of the gateway's routes (at least the
   * API kind's default: 29 s REST and WebSocket, 30 s HTTP; a route's alarm: its own timeout), in 3
   * of 3 periods of 5 minutes
   */
  readonly latency?: GatewayAlarmSettings;
  /**
   * The p99 of `IntegrationLatency`, in milliseconds.
   * @default - on: above 80 % of the longest integration timeout of the gateway's routes (as `latency`),
   * in 3 of 3 periods of 5 minutes
   */
  readonly integrationLatency?: GatewayAlarmSettings;
  /**
   * WebSocket: requests whose integration answered with a 4XX or 5XX (`IntegrationError`, sum).
   * @default - on: more than 10 in 3 of 3 periods of 5 minutes
   */
  readonly integrationErrors?: GatewayAlarmSettings;
  /**
   * WebSocket: errors calling the integration (`ExecutionError`, sum).
   * @default - on: more than 0 in 1 period of 5 minutes
   */
  readonly executionErrors?: GatewayAlarmSettings;
  /**
   * WebSocket: requests API Gateway answered with a 4XX before the integration (`ClientError`, sum;
   * throttled messages included).
   * @default - off; when enabled, more than 100 in 3 of 3 periods of 5 minutes
   */
  readonly clientErrors?: GatewayAlarmSettings;
}

/** The alarms made on one stage. */
export interface GatewayStageAlarms {
  /** The stage's name. */
  readonly stageName: string;
  /** The alarms, in the order of GatewayAlarmOptions (for CodeDeploy's `alarms`, a composite alarm, ...). */
  readonly alarms: cloudwatch.Alarm[];
  /** The same alarms by option name (`serverErrorRate`, `latency`, ...). */
  readonly alarmsByName: { [name: string]: cloudwatch.Alarm };
  /** The alarms of each route of `routes`, by route key (empty without `routes`). */
  readonly routeAlarms: { [routeKey: string]: cloudwatch.Alarm[] };
}

/** What `addDashboard` shows. */
export interface GatewayDashboardOptions {
  /**
   * The dashboard's name.
   * @default - a name CloudFormation generates
   */
  readonly dashboardName?: string;
  /**
   * The stages shown.
   * @default - every stage
   */
  readonly stageNames?: string[];
  /**
   * The period of the graphs' datapoints.
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;
}

/** The alarm option names, in order. */
export type AlarmName = 'serverErrorRate' | 'clientErrorRate' | 'latency' | 'integrationLatency'
| 'integrationErrors' | 'executionErrors' | 'clientErrors';

/** How one alarm is built: its metric and its defaults. */
export interface AlarmDefinition {
  readonly name: AlarmName;
  /** The last part of the alarm name, e.g. `5xx-rate`. */
  readonly suffix: string;
  /** What the alarm watches, for its description. */
  readonly what: string;
  readonly enabled: boolean;
  /** A number, or a function read when the template is written (latency: from the routes' timeouts). */
  readonly threshold: number | (() => number);
  readonly evaluationPeriods: number;
  /** The largest threshold that makes sense (100 for percentages). */
  readonly maxThreshold?: number;
  /** The alarm's metric on a stage, with the period given. */
  metric(stageName: string, period: Duration): cloudwatch.IMetric;
}

/** What a gateway tells the common core about itself. */
export interface StageAlarmSource {
  readonly gateway: Construct;
  /** The API name, the default alarm-name prefix. */
  readonly apiName: string;
  /** `RestGateway`, ... for messages. */
  readonly kind: string;
  readonly stageNames: string[];
  /** Rejects an unknown stage (a GatewayValidationError naming the stages). */
  requireStage(prop: string, stageName: string): void;
  /** A metric of a stage (the adapter's `metric*` helpers). */
  metric(stageName: string, spec: StageMetricSpec, props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  readonly alarms: AlarmDefinition[];
  /** The alarms of one route: the stage's, reading the route's metrics. */
  routeAlarms(routeKey: string): AlarmDefinition[];
  /** Rejects a route the gateway does not have, or a stage that publishes no per-route metrics. */
  requireRouteMetrics(prop: string, stageName: string, routeKey: string): void;
  /** Hands a stage's alarms to what rolls back on them (CodeDeploy traffic shifting). */
  attachAlarms(stageName: string, alarms: cloudwatch.IAlarm[]): void;
  /** The dashboard rows of one stage. */
  dashboardRows(stageName: string, period: Duration): cloudwatch.IWidget[][];
}

/** The default period of alarms and graphs. */
export const DEFAULT_ALARM_PERIOD = Duration.minutes(5);

/** CloudWatch alarm names are 1 to 255 characters. */
export const MAX_ALARM_NAME_LENGTH = 255;

/** CloudWatch evaluates at most a day of data (period × evaluation periods). */
const MAX_EVALUATION_SECONDS = 86400;

/** The rule a period breaks, if any: 10, 20 or 30 seconds, or a multiple of 60 seconds. */
export function alarmPeriodViolation(seconds: number): string | undefined {
  if ([10, 20, 30].includes(seconds) || (seconds >= 60 && seconds % 60 === 0)) return undefined;
  return 'a CloudWatch alarm period is 10, 20 or 30 seconds or a multiple of 60 seconds';
}

/** The rule a threshold breaks, if any. */
export function alarmThresholdViolation(threshold: number, max?: number): string | undefined {
  if (!Number.isFinite(threshold) || threshold < 0) return 'a threshold is a finite number, 0 or more';
  if (max !== undefined && threshold > max) return `this threshold is a percentage, at most ${max}`;
  return undefined;
}

/** The rule an evaluation setting breaks, if any. */
export function evaluationViolation(evaluationPeriods: number, datapointsToAlarm: number, periodSeconds: number): string | undefined {
  if (!Number.isInteger(evaluationPeriods) || evaluationPeriods < 1) return 'evaluationPeriods is a whole number, 1 or more';
  if (!Number.isInteger(datapointsToAlarm) || datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
    return `datapointsToAlarm is a whole number from 1 to evaluationPeriods (${evaluationPeriods})`;
  }
  if (evaluationPeriods * periodSeconds > MAX_EVALUATION_SECONDS) return 'period × evaluationPeriods is at most one day (86400 seconds)';
  return undefined;
}

/** The rule an alarm name breaks, if any. */
export function alarmNameViolation(name: string): string | undefined {
  if (name.length > MAX_ALARM_NAME_LENGTH) return `a CloudWatch alarm name is at most ${MAX_ALARM_NAME_LENGTH} characters (this one has ${name.length}); give a shorter alarmNamePrefix`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a CloudWatch alarm name has no control characters';
  return undefined;
}

const ALARM_SETTINGS = aStruct({
  enabled: aBoolean,
  threshold: aNumber(),
  period: aDuration(undefined, 'seconds'),
  evaluationPeriods: aNumber(),
  datapointsToAlarm: aNumber(),
  treatMissingData: oneOf(() => awsCloudWatch().TreatMissingData, 'cloudwatch.TreatMissingData'),
}, 'a GatewayAlarmSettings object');

const ALL_ALARMS: AlarmName[] = ['serverErrorRate', 'clientErrorRate', 'latency', 'integrationLatency', 'integrationErrors', 'executionErrors', 'clientErrors'];

/** The argument spec of `addAlarms` for an API kind that has these alarms. */
function alarmArgs(source: StageAlarmSource): InputSpec {
  const names = source.alarms.map(a => a.name);
  const members: InputSpec = {
    stageNames: listOf(aString()),
    routes: listOf(aString()),
    actions: listOf(aResource('a cloudwatch.IAlarmAction', 'bind')),
    alarmNamePrefix: aString(),
  };
  const spec: { [name: string]: unknown } = { ...members };
  for (const name of ALL_ALARMS) {
    spec[name] = names.includes(name) ? ALARM_SETTINGS
      : notHere(`a ${source.kind} has no ${name} alarm: its API kind publishes no metric for it (it has ${names.join(', ')})`);
  }
  return { options: aStruct(spec as InputSpec, 'a GatewayAlarmOptions object') };
}

const DASHBOARD_ARGS: InputSpec = {
  options: aStruct({
    dashboardName: aString(),
    stageNames: listOf(aString()),
    period: aDuration(undefined, 'seconds'),
  }, 'a GatewayDashboardOptions object'),
};

/** The stages asked for, each checked; every stage by default. */
function selectedStages(source: StageAlarmSource, method: string, stageNames: string[] | undefined): string[] {
  if (stageNames === undefined) return source.stageNames;
  if (stageNames.length === 0) {
    throw new GatewayValidationError(source.gateway, `${method} options.stageNames`, stageNames, 'name at least one stage, or leave stageNames out for every stage');
  }
  stageNames.forEach((name, i) => source.requireStage(`${method} options.stageNames[${i}]`, name));
  return stageNames;
}

function checkSetting(scope: Construct, prop: string, value: unknown, violation: string | undefined): void {
  if (violation !== undefined) throw new GatewayValidationError(scope, prop, value, violation);
}

/** Makes the alarms of `options` on the chosen stages of a gateway. */
export function addStageAlarms(source: StageAlarmSource, options: GatewayAlarmOptions = {}): GatewayStageAlarms[] {
  const scope = source.gateway;
  checkArgs(scope, { options }, alarmArgs(source), 'addAlarms');
  const stageNames = selectedStages(source, 'addAlarms', options.stageNames);
  const prefix = options.alarmNamePrefix ?? `${Stack.of(scope).stackName}-${source.apiName}`;
  const cw = awsCloudWatch();
  const root = (scope.node.tryFindChild('Alarms') as Construct | undefined) ?? new Construct(scope, 'Alarms');
  const actions = options.actions ?? [];

  const planOf = (def: AlarmDefinition) => {
    const given = (options[def.name] ?? {}) as GatewayAlarmSettings;
    const prop = `addAlarms options.${def.name}`;
    const period = given.period ?? DEFAULT_ALARM_PERIOD;
    const periodSeconds = period.toSeconds({ integral: false });
    const defaultThreshold = def.threshold;
    const threshold = given.threshold ?? (typeof defaultThreshold === 'function' ? Lazy.number({ produce: defaultThreshold }) : defaultThreshold);
    // The description states the threshold; a computed one is read with it.
    const describedThreshold = (): number => (given.threshold === undefined && typeof defaultThreshold === 'function' ? defaultThreshold() : threshold);
    const evaluationPeriods = given.evaluationPeriods ?? def.evaluationPeriods;
    const datapointsToAlarm = given.datapointsToAlarm ?? evaluationPeriods;
    if (!Token.isUnresolved(periodSeconds)) checkSetting(scope, `${prop}.period`, `${periodSeconds} s`, alarmPeriodViolation(periodSeconds));
    if (!Token.isUnresolved(threshold)) checkSetting(scope, `${prop}.threshold`, threshold, alarmThresholdViolation(threshold, def.maxThreshold));
    if (!Token.isUnresolved(evaluationPeriods) && !Token.isUnresolved(datapointsToAlarm) && !Token.isUnresolved(periodSeconds)) {
      const violation = evaluationViolation(evaluationPeriods, datapointsToAlarm, periodSeconds);
      const member = violation?.startsWith('datapointsToAlarm') ? 'datapointsToAlarm' : 'evaluationPeriods';
      checkSetting(scope, `${prop}.${member}`, member === 'datapointsToAlarm' ? datapointsToAlarm : evaluationPeriods, violation);
    }
    return {
      def, period, threshold, describedThreshold, evaluationPeriods, datapointsToAlarm,
      enabled: given.enabled ?? def.enabled,
      treatMissingData: given.treatMissingData ?? cw.TreatMissingData.NOT_BREACHING,
    };
  };
  // Resolve and check every setting before making any alarm.
  const plans = source.alarms.map(planOf).filter(p => p.enabled);

  const routes = options.routes ?? [];
  routes.forEach((routeKey, i) => {
    checkSetting(scope, `addAlarms options.routes[${i}]`, routeKey, routes.indexOf(routeKey) !== i ? 'a route is listed once' : undefined);
    stageNames.forEach(stageName => source.requireRouteMetrics(`addAlarms options.routes[${i}]`, stageName, routeKey));
  });

  const makeAlarm = (id: string, nameParts: string[], what: string, plan: typeof plans[number], metric: cloudwatch.IMetric): cloudwatch.Alarm => {
    if (root.node.tryFindChild(id) !== undefined) {
      throw new GatewayValidationError(scope, 'addAlarms options.stageNames', nameParts[0],
        `stage '${nameParts[0]}' already has alarms (addAlarms was called for it before); call addAlarms once per stage`);
    }
    const alarmName = [prefix, ...nameParts, plan.def.suffix].join('-');
    if (!Token.isUnresolved(alarmName)) checkSetting(scope, 'addAlarms options.alarmNamePrefix', prefix, alarmNameViolation(alarmName));
    const alarm = new cw.Alarm(root, id, {
      alarmName,
      alarmDescription: Lazy.string({ produce: () => `${source.kind} ${source.apiName}, ${what}: ${plan.def.what} above ${plan.describedThreshold()}` }),
      metric,
      threshold: plan.threshold,
      evaluationPeriods: plan.evaluationPeriods,
      datapointsToAlarm: plan.datapointsToAlarm,
      comparisonOperator: cw.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: plan.treatMissingData,
    });
    actions.forEach(action => alarm.addAlarmAction(action));
    return alarm;
  };
  // A route's alarms: the same settings, its own metrics and (for latency) its own timeout.
  const routePlans = new Map(routes.map(routeKey => [routeKey, source.routeAlarms(routeKey).map(planOf).filter(p => p.enabled)]));

  const result = stageNames.map(stageName => {
    const alarms: cloudwatch.Alarm[] = [];
    const alarmsByName: { [name: string]: cloudwatch.Alarm } = {};
    for (const plan of plans) {
      const alarm = makeAlarm(`${stageName}.${plan.def.name}`, [stageName], `stage ${stageName}`, plan, plan.def.metric(stageName, plan.period));
      alarms.push(alarm);
      alarmsByName[plan.def.name] = alarm;
    }
    source.attachAlarms(stageName, alarms);
    const routeAlarms: { [routeKey: string]: cloudwatch.Alarm[] } = {};
    for (const routeKey of routes) {
      routeAlarms[routeKey] = routePlans.get(routeKey)!.map(plan =>
        makeAlarm(`${stageName}.${routeKey}.${plan.def.name}`, [stageName, routeKey], `stage ${stageName}, route ${routeKey}`, plan,
          plan.def.metric(stageName, plan.period)));
    }
    return { stageName, alarms, alarmsByName, routeAlarms };
  });

  if (actions.length === 0 && plans.length > 0) {
    warn(scope, 'alarmsWithoutActions', `addAlarms made alarms on stage(s) ${stageNames.join(', ')} without actions: nobody is notified when they fire. `
      + 'Pass actions (e.g. an SnsAction) unless they only feed CodeDeploy or a dashboard.');
    // Acknowledged on these alarms only (not on the `Alarms` scope), so alarms added later with actions stay checked.
    for (const alarm of result.flatMap(r => [...r.alarms, ...Object.values(r.routeAlarms).flat()])) {
      acknowledgeRule(alarm, 'cdk-validator-cfnguard::cloudwatch_alarm_action_check',
        'addAlarms was called without actions: these alarms feed CodeDeploy traffic shifting or a dashboard; the gateway carries the warning cdk-api-gateways:alarmsWithoutActions');
    }
  }
  return result;
}

/** Makes a dashboard of the chosen stages of a gateway. */
export function addStageDashboard(source: StageAlarmSource, options: GatewayDashboardOptions = {}): cloudwatch.Dashboard {
  const scope = source.gateway;
  checkArgs(scope, { options }, DASHBOARD_ARGS, 'addDashboard');
  const stageNames = selectedStages(source, 'addDashboard', options.stageNames);
  const period = options.period ?? DEFAULT_ALARM_PERIOD;
  const periodSeconds = period.toSeconds({ integral: false });
  if (!Token.isUnresolved(periodSeconds)) {
    checkSetting(scope, 'addDashboard options.period', `${periodSeconds} s`,
      periodSeconds >= 60 && periodSeconds % 60 === 0 ? undefined : 'a dashboard period is a multiple of 60 seconds');
  }
  const cw = awsCloudWatch();
  const id = 'Dashboard';
  if (scope.node.tryFindChild(id) !== undefined) {
    throw new GatewayValidationError(scope, 'addDashboard', options.dashboardName ?? id, 'a gateway has one dashboard: call addDashboard once');
  }
  const dashboard = new cw.Dashboard(scope, id, { dashboardName: options.dashboardName });
  for (const stageName of stageNames) {
    dashboard.addWidgets(new cw.TextWidget({ markdown: `## ${source.apiName}: stage ${stageName}`, width: 24, height: 1 }));
    for (const row of source.dashboardRows(stageName, period)) {
      dashboard.addWidgets(...row);
    }
  }
  return dashboard;
}

export { graph, percentiles, requestAlarms, requestDashboardRows, webSocketAlarms, webSocketDashboardRows, WebSocketMetricSpecs } from './alarm-kinds';
