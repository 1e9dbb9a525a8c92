/**
 * What each API kind alarms on and shows: the alarm definitions and dashboard rows of REST and HTTP
 * stages (request metrics) and of WebSocket stages (message and error metrics), built from the
 * adapter's metric specs. lib/common/alarms.ts makes the alarms and the dashboard from them.
 */
import { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { AlarmDefinition, StageAlarmSource } from './alarms';
import { awsCloudWatch } from './lazy';
import { StageMetricSpec } from './stage-metrics';

/** The p50, p90 and p99 of a latency metric, labelled. */
export function percentiles(metric: (props: cloudwatch.MetricOptions) => cloudwatch.IMetric, period: Duration, label: string = ''): cloudwatch.IMetric[] {
  return ['p50', 'p90', 'p99'].map(statistic => metric({ statistic, period, label: `${label}${statistic}` }));
}

/** A graph widget of a dashboard row. */
export function graph(title: string, left: cloudwatch.IMetric[], width: number = 6): cloudwatch.IWidget {
  const { GraphWidget } = awsCloudWatch();
  return new GraphWidget({ title, left, width, height: 6 });
}

/**
 * The alarms of REST and HTTP stages, from the adapter's metric specs; `timeoutMs` gives the
 * integration timeout the latency thresholds are 80 % of (see latencyBasisMs), read when the
 * template is written.
 */
export function requestAlarms(metric: StageAlarmSource['metric'], specs: {
  clientError: StageMetricSpec; serverError: StageMetricSpec; count: StageMetricSpec; latency: StageMetricSpec; integrationLatency: StageMetricSpec;
}, timeoutMs: () => number): AlarmDefinition[] {
  const cw = () => awsCloudWatch();
  const rate = (errors: StageMetricSpec) => (stageName: string, period: Duration): cloudwatch.IMetric => new (cw().MathExpression)({
    expression: '100 * errors / requests',
    usingMetrics: {
      errors: metric(stageName, errors, { period }),
      requests: metric(stageName, specs.count, { period }),
    },
    period,
    label: `${errors.metricName} rate (%)`,
  });
  const p99 = (spec: StageMetricSpec) => (stageName: string, period: Duration) => metric(stageName, spec, { statistic: 'p99', period });
  const latencyThreshold = (): number => Math.round(timeoutMs() * 0.8);
  return [
    { name: 'serverErrorRate', suffix: '5xx-rate', what: `the share of ${specs.serverError.metricName} (%)`, enabled: true, threshold: 1, evaluationPeriods: 3, maxThreshold: 100, metric: rate(specs.serverError) },
    { name: 'clientErrorRate', suffix: '4xx-rate', what: `the share of ${specs.clientError.metricName} (%)`, enabled: false, threshold: 10, evaluationPeriods: 3, maxThreshold: 100, metric: rate(specs.clientError) },
    { name: 'latency', suffix: 'latency-p99', what: 'p99 Latency (ms)', enabled: true, threshold: latencyThreshold, evaluationPeriods: 3, metric: p99(specs.latency) },
    { name: 'integrationLatency', suffix: 'integration-latency-p99', what: 'p99 IntegrationLatency (ms)', enabled: true, threshold: latencyThreshold, evaluationPeriods: 3, metric: p99(specs.integrationLatency) },
  ];
}

/** The dashboard rows of a REST or HTTP stage, with a canary's metrics next to the base's when `canaryStage` is given. */
export function requestDashboardRows(metric: StageAlarmSource['metric'], specs: {
  clientError: StageMetricSpec; serverError: StageMetricSpec; count: StageMetricSpec; latency: StageMetricSpec; integrationLatency: StageMetricSpec;
}, stageName: string, period: Duration, canaryStage?: string): cloudwatch.IWidget[][] {
  const sides: Array<{ stage: string; label: string }> = canaryStage === undefined
    ? [{ stage: stageName, label: '' }]
    : [{ stage: stageName, label: 'base ' }, { stage: canaryStage, label: 'canary ' }];
  const per = (spec: StageMetricSpec, statistic?: string) => sides.map(s =>
    metric(s.stage, spec, { period, label: `${s.label}${spec.metricName}`, ...(statistic ? { statistic } : {}) }));
  return [[
    graph('Requests', per(specs.count, 'Sum')),
    graph('Errors (4XX, 5XX)', [...per(specs.clientError), ...per(specs.serverError)]),
    graph('Latency (ms)', sides.flatMap(s => percentiles(props => metric(s.stage, specs.latency, props), period, s.label))),
    graph('Integration latency (ms)', sides.flatMap(s => percentiles(props => metric(s.stage, specs.integrationLatency, props), period, s.label))),
  ]];
}

/** The WebSocket metric specs the alarms and the dashboard use. */
export interface WebSocketMetricSpecs {
  readonly connectCount: StageMetricSpec;
  readonly messageCount: StageMetricSpec;
  readonly integrationError: StageMetricSpec;
  readonly clientError: StageMetricSpec;
  readonly executionError: StageMetricSpec;
  readonly integrationLatency: StageMetricSpec;
}

/**
 * The alarms of WebSocket stages. WebSocket APIs publish no request count to divide by
 * (`MessageCount` counts messages both ways, `@connections` posts included), so errors are counts.
 */
export function webSocketAlarms(metric: StageAlarmSource['metric'], specs: WebSocketMetricSpecs, timeoutMs: () => number): AlarmDefinition[] {
  const sum = (spec: StageMetricSpec) => (stageName: string, period: Duration) => metric(stageName, spec, { statistic: 'Sum', period });
  return [
    { name: 'integrationLatency', suffix: 'integration-latency-p99', what: 'p99 IntegrationLatency (ms)', enabled: true, threshold: () => Math.round(timeoutMs() * 0.8), evaluationPeriods: 3,
      metric: (stageName, period) => metric(stageName, specs.integrationLatency, { statistic: 'p99', period }) },
    { name: 'integrationErrors', suffix: 'integration-errors', what: 'IntegrationError (sum)', enabled: true, threshold: 10, evaluationPeriods: 3, metric: sum(specs.integrationError) },
    { name: 'executionErrors', suffix: 'execution-errors', what: 'ExecutionError (sum)', enabled: true, threshold: 0, evaluationPeriods: 1, metric: sum(specs.executionError) },
    { name: 'clientErrors', suffix: 'client-errors', what: 'ClientError (sum)', enabled: false, threshold: 100, evaluationPeriods: 3, metric: sum(specs.clientError) },
  ];
}

/** The dashboard rows of a WebSocket stage. */
export function webSocketDashboardRows(metric: StageAlarmSource['metric'], specs: WebSocketMetricSpecs, stageName: string, period: Duration): cloudwatch.IWidget[][] {
  const sums = (...list: StageMetricSpec[]) => list.map(spec => metric(stageName, spec, { statistic: 'Sum', period, label: spec.metricName }));
  return [[
    graph('Connections and messages', sums(specs.connectCount, specs.messageCount), 8),
    graph('Errors', sums(specs.clientError, specs.integrationError, specs.executionError), 8),
    graph('Integration latency (ms)', percentiles(props => metric(stageName, specs.integrationLatency, props), period), 8),
  ]];
}
