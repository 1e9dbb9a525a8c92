/**
 * Metrics of an HTTP or WebSocket (apigatewayv2) stage known only by its API id and name, as an
 * imported gateway knows it: the `AWS/ApiGateway` namespace with `ApiId` and `Stage` dimensions,
 * as aws-cdk-lib's HttpStage and WebSocketStage `metric` make them.
 */
import { awsCloudWatch } from './lazy';
import { MetricStage } from './stage-metrics';

/** A metric source for one stage of a v2 API. */
export function v2StageMetrics(apiId: string, stageName: string): MetricStage {
  return {
    metric: (metricName, props) => {
      const { Metric } = awsCloudWatch();
      return new Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        ...props,
        dimensionsMap: { ApiId: apiId, Stage: stageName },
      });
    },
  };
}
