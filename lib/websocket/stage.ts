/**
 * The stages of a WebSocketGateway: each an aws-cdk-lib WebSocketStage with the v2 defaults, plus
 * the execution logging and per-route settings only the L1 CfnStage has.
 */
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct, IConstruct } from 'constructs';
import { AccessLogKind } from '../common/access-logs';
import { warn } from '../common/errors';
import { RouteSettings, stageThrottleLimits } from '../common/route-settings';
import { validateStageOptions } from '../common/stage';
import { v2StageProps } from '../common/v2-stage';
import { WebSocketStageOptions } from './props';
import { rejectRestOnlyStageOptions } from './rest-only';

/** WebSocket API quota: stages per API (rule 30). */
export const MAX_WEBSOCKET_STAGES = 10;
/** Routes per WebSocket API: an adjustable quota (developer guide, Quotas for configuring and running a WebSocket API). */
export const MAX_WEBSOCKET_ROUTES = 300;

/** Checks one stage's options: the common rules, REST-only options rejected, a warning for data trace. */
export function validateWebSocketStage(gateway: IConstruct, prop: string, stage: WebSocketStageOptions): void {
  validateStageOptions(gateway, prop, stage, false);
  rejectRestOnlyStageOptions(gateway, prop, stage);
  if (stage.dataTrace) {
    warn(gateway, 'dataTrace', `${prop}.dataTrace is on: full messages, including secrets and personal data, go to the execution logs.`);
  }
}

/** Makes one stage of the gateway's API (`Stage-NAME` under the gateway). */
export function addWebSocketStage(gateway: Construct, webSocketApi: apigwv2.WebSocketApi, options: WebSocketStageOptions,
  routeSettings: RouteSettings<undefined>): apigwv2.WebSocketStage {
  const stage = new apigwv2.WebSocketStage(gateway, `Stage-${options.stageName}`, {
    webSocketApi,
    ...v2StageProps(gateway, options, AccessLogKind.WEBSOCKET),
  });
  // The WebSocketStage L2 sets only throttling and detailed metrics; the execution logging level,
  // data trace and per-route settings exist only on the L1 CfnStage.
  const base = {
    loggingLevel: options.executionLogLevel ?? apigateway.MethodLoggingLevel.ERROR,
    dataTraceEnabled: options.dataTrace ?? false,
    detailedMetricsEnabled: options.detailedMetrics ?? true,
  };
  const throttle = stageThrottleLimits(options.throttle);
  (stage.node.defaultChild as apigwv2.CfnStage).defaultRouteSettings = {
    ...base, throttlingRateLimit: throttle.rateLimit, throttlingBurstLimit: throttle.burstLimit,
  };
  routeSettings.attachToV2Stage(stage, options.throttle, limits => ({
    LoggingLevel: base.loggingLevel,
    DataTraceEnabled: base.dataTraceEnabled,
    DetailedMetricsEnabled: base.detailedMetricsEnabled,
    ThrottlingRateLimit: limits.rateLimit,
    ThrottlingBurstLimit: limits.burstLimit,
  }));
  return stage;
}
