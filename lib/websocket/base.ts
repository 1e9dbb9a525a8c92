/**
 * What every WebSocket gateway has, made here or imported: the `IWebSocketGateway` interface and
 * the hidden base holding URLs, execute-api ARNs, grants and metrics.
 */
import { Resource, Stack } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { WebSocketMetricSpecs } from '../common/alarms';
import { acknowledgeRule } from '../common/compliance';
import { check } from '../common/errors';
import { executeApiArn, grantExecuteApi } from '../common/execute-api';
import { findingResourceName } from '../common/finding-ids';
import { GatewayGrantInvokeOptions } from '../common/grant-options';
import { checkArgs } from '../common/input';
import { METRIC_ARGS } from '../common/input-specs';
import { StageMetricSpec, stageMetric } from '../common/stage-metrics';
import { v2StageMetrics } from '../common/v2-stage-metrics';
import { WEBSOCKET_METHOD_ARGS } from './input';
import { CONNECT_ROUTE_KEY } from './route-key';
import { IGateway } from '../common/gateway';

/** WebSocket stage metrics, counted as sums unless the caller says otherwise. */
export const WEBSOCKET_METRICS: WebSocketMetricSpecs = {
  connectCount: { metricName: 'ConnectCount', statistic: 'Sum' },
  messageCount: { metricName: 'MessageCount', statistic: 'Sum' },
  integrationError: { metricName: 'IntegrationError', statistic: 'Sum' },
  clientError: { metricName: 'ClientError', statistic: 'Sum' },
  executionError: { metricName: 'ExecutionError', statistic: 'Sum' },
  integrationLatency: { metricName: 'IntegrationLatency' },
};

/**
 * A WebSocket API managed by this library, or imported.
 *
 * Its metrics are those WebSocket APIs publish: `ConnectCount`, `MessageCount`, `IntegrationError`,
 * `ClientError`, `ExecutionError` and `IntegrationLatency`. There is no `metricLatency`: API
 * Gateway publishes no `Latency` (nor `Count`) metric for WebSocket APIs.
 */
export interface IWebSocketGateway extends IGateway {
  /**
   * The execute-api ARN of a route and stage (`*` wildcards by default). It takes a route key, not
   * a method and path as on REST and HTTP gateways: WebSocket execute-api ARNs name a route key
   * (`STAGE/ROUTE_KEY`).
   */
  arnForExecuteApi(routeKey?: string, stageName?: string): string;

  /** The `wss://` URL clients connect to on a stage. */
  urlForStage(stageName: string): string;

  /** The `https://` URL a backend posts to (`@connections`) on a stage. */
  callbackUrlForStage(stageName: string): string;

  /**
   * Grants `execute-api:ManageConnections` for `POST @connections/*` (sending messages to
   * connected clients) on one stage or all.
   */
  grantManageConnections(grantee: iam.IGrantable, stageName?: string): iam.Grant;

  /** Connection requests to `$connect` (`ConnectCount`) on a stage. */
  metricConnectCount(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Messages sent to and from clients (`MessageCount`) on a stage. */
  metricMessageCount(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /** Requests whose integration answered with an error (`IntegrationError`), on a stage. */
  metricIntegrationError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/** Attributes to import a WebSocket API. */
export interface WebSocketGatewayAttributes {
  /** The WebSocket API id. */
  readonly apiId: string;
}

/**
 * What every WebSocket gateway, made or imported, has: URLs, ARNs, grants and metrics (a hidden
 * base: jsii copies its members onto WebSocketGateway).
 * @internal
 */
export abstract class WebSocketGatewayBase extends Resource implements IWebSocketGateway {
  public abstract readonly apiId: string;

  /**
   * The execute-api ARN of a route and stage (`*` wildcards by default). It takes a route key, not
   * a method and path as on REST and HTTP gateways: WebSocket execute-api ARNs name a route key
   * (`STAGE/ROUTE_KEY`).
   */
  public arnForExecuteApi(routeKey: string = '*', stageName: string = '*'): string {
    checkArgs(this, { routeKey, stageName }, WEBSOCKET_METHOD_ARGS.arnForExecuteApi, 'arnForExecuteApi');
    return executeApiArn(this, this.apiId, `${stageName}/${routeKey}`);
  }

  /** The `wss://` URL clients connect to on a stage. */
  public urlForStage(stageName: string): string {
    checkArgs(this, { stageName }, WEBSOCKET_METHOD_ARGS.urlForStage, 'urlForStage');
    const stack = Stack.of(this);
    return `wss://${this.apiId}.execute-api.${stack.region}.${stack.urlSuffix}/${stageName}`;
  }

  /** The `https://` URL a backend posts to (`@connections`) on a stage. */
  public callbackUrlForStage(stageName: string): string {
    checkArgs(this, { stageName }, WEBSOCKET_METHOD_ARGS.urlForStage, 'callbackUrlForStage');
    const stack = Stack.of(this);
    return `https://${this.apiId}.execute-api.${stack.region}.${stack.urlSuffix}/${stageName}`;
  }

  /**
   * Grants `execute-api:ManageConnections` for `POST @connections/*` (sending messages to
   * connected clients) on one stage or all.
   */
  public grantManageConnections(grantee: iam.IGrantable, stageName: string = '*'): iam.Grant {
    checkArgs(this, { grantee, stageName }, WEBSOCKET_METHOD_ARGS.grantManageConnections, 'grantManageConnections');
    const arn = this.arnForExecuteApi('POST/@connections/*', stageName);
    const grant = grantExecuteApi(grantee, 'execute-api:ManageConnections', arn);
    if (Construct.isConstruct(grantee)) {
      acknowledgeRule(grantee, `AwsSolutions-IAM5[Resource::${findingResourceName(this, arn)}]`,
        'API Gateway creates connection ids at run time, so a backend that answers or broadcasts to clients must be able to post to '
        + `any connection (@connections/*) of ${stageName === '*' ? 'the API\'s stages' : `stage '${stageName}'`}; the grant is limited to POST on this API.`);
    }
    return grant;
  }

  /**
   * Grants `execute-api:Invoke` on `$connect`: what a client needs to connect when it is
   * IAM-authorized, on one stage (`options.stageName`) or all. `options.routeKey` defaults to
   * `$connect`, and any other route key is rejected: API Gateway authorizes a WebSocket connection
   * once, on `$connect`.
   */
  public grantInvoke(grantee: iam.IGrantable, options: GatewayGrantInvokeOptions = {}): iam.Grant {
    checkArgs(this, { grantee, options }, WEBSOCKET_METHOD_ARGS.grantInvoke, 'grantInvoke');
    const routeKey = options.routeKey ?? CONNECT_ROUTE_KEY;
    check(this, 'grantInvoke routeKey', routeKey, routeKey === CONNECT_ROUTE_KEY ? undefined
      : 'IAM authorizes a WebSocket connection only when it is made: grant \'$connect\' (the default)');
    return grantExecuteApi(grantee, 'execute-api:Invoke', this.arnForExecuteApi(CONNECT_ROUTE_KEY, options.stageName ?? '*'));
  }

  /** A metric of one stage, e.g. `ConnectCount`, `MessageCount`, `IntegrationError`. */
  public metric(metricName: string, stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this._stageMetric(stageName, { metricName }, props);
  }

  /** Requests API Gateway answered with a 4XX before calling the integration (`ClientError`), on a stage. */
  public metricClientError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this._stageMetric(stageName, WEBSOCKET_METRICS.clientError, props);
  }

  /** Errors while calling the integration (`ExecutionError`), on a stage. */
  public metricServerError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this._stageMetric(stageName, WEBSOCKET_METRICS.executionError, props);
  }

  /** Messages sent to and from clients (`MessageCount`), on a stage: the same as `metricMessageCount`. */
  public metricCount(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this._stageMetric(stageName, WEBSOCKET_METRICS.messageCount, props);
  }

  /** Backend latency (`IntegrationLatency`) of a stage. */
  public metricIntegrationLatency(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this._stageMetric(stageName, WEBSOCKET_METRICS.integrationLatency, props);
  }

  /** Connection requests to `$connect` (`ConnectCount`) on a stage. */
  public metricConnectCount(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this._stageMetric(stageName, WEBSOCKET_METRICS.connectCount, props);
  }

  /** Messages sent to and from clients (`MessageCount`) on a stage. */
  public metricMessageCount(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this._stageMetric(stageName, WEBSOCKET_METRICS.messageCount, props);
  }

  /** Requests whose integration answered with an error (`IntegrationError`), on a stage. */
  public metricIntegrationError(stageName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this._stageMetric(stageName, WEBSOCKET_METRICS.integrationError, props);
  }

  /**
   * A metric of a stage known by name (`ApiId` and `Stage` dimensions); a gateway made here
   * overrides it to use its own stages and reject unknown names.
   * @internal
   */
  public _stageMetric(stageName: string, spec: StageMetricSpec, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    checkArgs(this, { metricName: spec.metricName, stageName, props }, METRIC_ARGS, 'metric');
    return stageMetric(v2StageMetrics(this.apiId, stageName), spec, props);
  }
}
