/**
 * What HTTP and WebSocket (apigatewayv2) stages and integrations share: the stage options every
 * gateway stage maps onto an aws-cdk-lib v2 stage, and where a v2 integration keeps its URI.
 */
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct, IConstruct } from 'constructs';
import { AccessLogKind } from './access-logs';
import { stageVariablesWithAliases } from './lambda-alias';
import { stageThrottleLimits } from './route-settings';
import { GatewayStageOptions } from './stage';
import { stageAccessLogs, v2AccessLogSettings } from './stage-access-logs';
import { stageProp } from './stage-registry';

/** The stage options of an HTTP or WebSocket gateway that map onto a v2 stage. */
export interface V2GatewayStageOptions extends GatewayStageOptions {
  readonly autoDeploy?: boolean;
}

/** The props of an aws-cdk-lib v2 stage (HttpStage, WebSocketStage) except the API. */
export interface V2StageProps extends apigwv2.StageOptions {
  readonly stageName: string;
}

/**
 * A v2 stage's props: deployed automatically unless turned off, stage variables with the Lambda
 * aliases, an explicit default throttle, detailed metrics and JSON access logs.
 */
export function v2StageProps(gateway: Construct, options: V2GatewayStageOptions, kind: AccessLogKind): V2StageProps {
  const logs = stageAccessLogs(gateway, options.stageName, kind, options.accessLogs);
  return {
    stageName: options.stageName,
    description: options.description,
    autoDeploy: options.autoDeploy ?? true,
    stageVariables: stageVariablesWithAliases(gateway, stageProp(options.stageName), options.variables, options.lambdaAliases),
    throttle: stageThrottleLimits(options.throttle),
    detailedMetricsEnabled: options.detailedMetrics ?? true,
    accessLogSettings: v2AccessLogSettings(logs),
  };
}

/** The integration URI of a v2 integration in a gateway's tree (for GatewayCore.modelErrors). */
export function v2IntegrationUri(construct: IConstruct): unknown {
  return construct instanceof apigwv2.CfnIntegration ? construct.integrationUri : undefined;
}
