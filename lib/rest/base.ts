import { Resource } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import { executeApiArn, grantInvokeRoute } from '../common/execute-api';
import { GatewayGrantInvokeOptions } from '../common/grant-options';
import { checkArgs } from '../common/input';
import { StageMetricSpec } from '../common/stage-metrics';
import { REST_METHOD_ARGS } from './input';
import { IRestGateway } from './props';
import { REST_METRICS } from './stage';

/**
 * What every REST gateway has, imported ones too: execute-api ARNs, grants and stage metrics.
 * Not exported from the package (jsii folds its members into RestGateway).
 * @internal
 */
export abstract class RestGatewayBase extends Resource implements IRestGateway {
  public abstract readonly apiId: string;

  /** The execute-api ARN of a method, path and stage (`*` wildcards by default). */
  public arnForExecuteApi(method: string = '*', path: string = '/*', stageName: string = '*'): string {
    checkArgs(this, { method, path, stageName }, REST_METHOD_ARGS.arnForExecuteApi, 'arnForExecuteApi');
    return executeApiArn(this, this.apiId, `${stageName}/${method}${path}`);
  }

  /** Grants `execute-api:Invoke` on one route (or every route) of one stage (or every stage), for IAM-authorized routes. */
  public grantInvoke(grantee: iam.IGrantable, options: GatewayGrantInvokeOptions = {}): iam.Grant {
    checkArgs(this, { grantee, options }, REST_METHOD_ARGS.grantInvoke, 'grantInvoke');
    return grantInvokeRoute(this, grantee, options);
  }

  /**
   * A metric of one stage, in `AWS/ApiGateway` with the dimensions `ApiName` and `Stage`
   * (`4XXError`, `5XXError`, `Count`, `Latency`, `IntegrationLatency`, `CacheHitCount`, `CacheMissCount`).
   */
  public metric(metricName: string, stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this._stageMetric(stageName, { metricName }, props);
  }

  /** Client errors (`4XXError`, sum) of a stage. */
  public metricClientError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this._stageMetric(stageName, REST_METRICS.clientError, props);
  }

  /** Server errors (`5XXError`, sum) of a stage. */
  public metricServerError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this._stageMetric(stageName, REST_METRICS.serverError, props);
  }

  /** Requests to a stage (`Count`, sample count). */
  public metricCount(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this._stageMetric(stageName, REST_METRICS.count, props);
  }

  /** End-to-end latency of a stage (`Latency`). */
  public metricLatency(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this._stageMetric(stageName, REST_METRICS.latency, props);
  }

  /** Backend latency of a stage (`IntegrationLatency`). */
  public metricIntegrationLatency(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this._stageMetric(stageName, REST_METRICS.integrationLatency, props);
  }

  /** @internal */
  protected abstract _stageMetric(stageName: string, spec: StageMetricSpec, props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}
