import { Resource } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import { executeApiArn, grantInvokeRoute } from '../common/execute-api';
import { GatewayGrantInvokeOptions } from '../common/grant-options';
import { checkArgs } from '../common/input';
import { MetricStage, StageMetricSpec, requestMetricSpecs, stageMetric } from '../common/stage-metrics';
import { v2StageMetrics } from '../common/v2-stage-metrics';
import { HTTP_METHOD_ARGS } from './input';
import { HTTP_DEFAULT_ROUTE_KEY } from './props';
import { IGateway } from '../common/gateway';

/** HTTP stage metrics: errors are `4xx` and `5xx`. */
export const HTTP_METRICS = requestMetricSpecs('4xx', '5xx');

/** An HTTP API managed by this library, or imported. */
export interface IHttpGateway extends IGateway {
  /**
   * The execute-api ARN of a route and stage (`*` wildcards by default).
   * @param method the method, `*` or `$default`
   * @param path the path, starting with `/` (ignored for `$default`)
   * @param stageName the stage name
   */
  arnForExecuteApi(method?: string, path?: string, stageName?: string): string;

  /** End-to-end latency of a stage (`Latency`). */
  metricLatency(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/**
 * What every HTTP gateway, made or imported, has: ARNs, grants and metrics (a hidden base: jsii
 * copies its members onto HttpGateway).
 * @internal
 */
export abstract class HttpGatewayBase extends Resource implements IHttpGateway {
  public abstract readonly apiId: string;

  public arnForExecuteApi(method: string = '*', path: string = '/*', stageName: string = '*'): string {
    checkArgs(this, { method, path, stageName }, HTTP_METHOD_ARGS.arnForExecuteApi, 'arnForExecuteApi');
    // The `$default` route has no path in its ARN.
    return executeApiArn(this, this.apiId, method === HTTP_DEFAULT_ROUTE_KEY ? `${stageName}/${method}` : `${stageName}/${method}${path}`);
  }

  public grantInvoke(grantee: iam.IGrantable, options: GatewayGrantInvokeOptions = {}): iam.Grant {
    checkArgs(this, { grantee, options }, HTTP_METHOD_ARGS.grantInvoke, 'grantInvoke');
    return grantInvokeRoute(this, grantee, options, [HTTP_DEFAULT_ROUTE_KEY]);
  }

  public metric(metricName: string, stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stageMetric(stageName, { metricName }, props);
  }

  public metricClientError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stageMetric(stageName, HTTP_METRICS.clientError, props);
  }

  public metricServerError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stageMetric(stageName, HTTP_METRICS.serverError, props);
  }

  public metricCount(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stageMetric(stageName, HTTP_METRICS.count, props);
  }

  public metricLatency(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stageMetric(stageName, HTTP_METRICS.latency, props);
  }

  public metricIntegrationLatency(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stageMetric(stageName, HTTP_METRICS.integrationLatency, props);
  }

  /**
   * The stage whose metrics are asked for: an imported gateway knows only its id and the name;
   * a gateway made here returns its own stage (and rejects an unknown name).
   * @internal
   */
  protected _metricStage(stageName: string): MetricStage {
    return v2StageMetrics(this.apiId, stageName);
  }

  private stageMetric(stageName: string, spec: StageMetricSpec, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    checkArgs(this, { metricName: spec.metricName, stageName, props }, HTTP_METHOD_ARGS.metric, 'metric');
    return stageMetric(this._metricStage(stageName), spec, props);
  }
}
