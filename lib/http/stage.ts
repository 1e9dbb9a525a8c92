import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { AccessLogKind } from '../common/access-logs';
import { GatewayCore } from '../common/gateway-core';
import { RouteSettings } from '../common/route-settings';
import { v2StageProps } from '../common/v2-stage';
import { HTTP_DEFAULT_STAGE_NAME, HttpStageOptions } from './props';

/**
 * Makes one stage of an HTTP API: access logs, the stage throttle and detailed metrics as the
 * default route settings, and the routes' own throttles; registers it with the gateway's core.
 */
export function addHttpStage(gateway: Construct, httpApi: apigwv2.HttpApi, core: GatewayCore<apigwv2.HttpStage, apigwv2.HttpRoute>,
  routeSettings: RouteSettings<undefined>, options: HttpStageOptions): apigwv2.HttpStage {
  const stage = new apigwv2.HttpStage(httpApi, `Stage.${options.stageName}`, {
    httpApi,
    ...v2StageProps(gateway, options, AccessLogKind.HTTP),
  });
  routeSettings.attachToV2Stage(stage, options.throttle, limits => ({
    ThrottlingRateLimit: limits.rateLimit,
    ThrottlingBurstLimit: limits.burstLimit,
    DetailedMetricsEnabled: options.detailedMetrics ?? true,
  }));
  core.stages.add(options, stage);
  return stage;
}

/** The invoke URL of a stage, ending with '/'. */
export function httpStageUrl(stage: apigwv2.HttpStage, stageName: string): string {
  // aws-cdk-lib ends the `$default` stage's URL with '/' but not a named stage's.
  return stageName === HTTP_DEFAULT_STAGE_NAME ? stage.url : `${stage.url}/`;
}
