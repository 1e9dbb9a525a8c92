/**
 * CloudWatch metrics of a gateway's stages. Each API kind names its metrics differently; the
 * adapter passes its names and default statistics as data.
 */
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/** A stage of any API kind: every aws-cdk-lib stage has `metric(name, props)`. */
export interface MetricStage {
  metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/** One metric of a stage: its CloudWatch name and the statistic used unless the caller sets one. */
export interface StageMetricSpec {
  readonly metricName: string;
  readonly statistic?: string;
}

/** The request metrics of REST and HTTP stages, which differ only in the names of the error metrics. */
export interface RequestMetricSpecs {
  readonly clientError: StageMetricSpec;
  readonly serverError: StageMetricSpec;
  readonly count: StageMetricSpec;
  readonly latency: StageMetricSpec;
  readonly integrationLatency: StageMetricSpec;
}

/** The request metrics of an API kind whose 4XX and 5XX metrics have these names. */
export function requestMetricSpecs(clientErrorName: string, serverErrorName: string): RequestMetricSpecs {
  return {
    clientError: { metricName: clientErrorName, statistic: 'Sum' },
    serverError: { metricName: serverErrorName, statistic: 'Sum' },
    count: { metricName: 'Count', statistic: 'SampleCount' },
    latency: { metricName: 'Latency' },
    integrationLatency: { metricName: 'IntegrationLatency' },
  };
}

/** A metric of a stage; the caller's `props` win over the spec's statistic. */
export function stageMetric(stage: MetricStage, spec: StageMetricSpec, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
  return stage.metric(spec.metricName, spec.statistic === undefined ? props : { statistic: spec.statistic, ...props });
}
