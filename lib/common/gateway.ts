import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { GatewayGrantInvokeOptions } from './grant-options';

/**
 * What every gateway, REST, HTTP or WebSocket, made here or imported, offers under the same
 * names: its id, an invoke grant, and the request metrics of a stage. Each kind's interface
 * (`IRestGateway`, `IHttpGateway`, `IWebSocketGateway`) extends it with what only that kind has;
 * the metric names behind each helper are the kind's own (REST `4XXError`, HTTP `4xx`,
 * WebSocket `ClientError`).
 */
export interface IGateway extends IConstruct {
  /** The API id. */
  readonly apiId: string;

  /**
   * Grants `execute-api:Invoke` for IAM-authorized routes: one route key and one stage, or all
   * of them. On a WebSocket gateway the route key defaults to `$connect` and any other key is
   * rejected: API Gateway authorizes a WebSocket connection once, on `$connect`.
   */
  grantInvoke(grantee: iam.IGrantable, options?: GatewayGrantInvokeOptions): iam.Grant;

  /**
   * A metric of one stage, by its CloudWatch name, with the kind's dimensions (REST `ApiName` and
   * `Stage`; HTTP and WebSocket `ApiId` and `Stage`).
   * @param metricName the CloudWatch metric name
   * @param stageName the stage
   */
  metric(metricName: string, stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Client errors of a stage (REST `4XXError`, HTTP `4xx`, WebSocket `ClientError`; sum). */
  metricClientError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Server errors of a stage (REST `5XXError`, HTTP `5xx`, WebSocket `ExecutionError`; sum). */
  metricServerError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Requests to a stage (REST and HTTP `Count`, WebSocket `MessageCount`). */
  metricCount(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Backend latency of a stage (`IntegrationLatency`). */
  metricIntegrationLatency(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}
