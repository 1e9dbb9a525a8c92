import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { AccessLogKind, AccessLogOptions, ResolvedAccessLogs, resolveAccessLogs } from './access-logs';
import { stageProp } from './stage-registry';

/**
 * The access logs of one stage, for any API kind: the log group (`AccessLogs-<stage>`, made when
 * none is given) and the format. Undefined when access logging is turned off.
 */
export function stageAccessLogs(gateway: Construct, stageName: string, kind: AccessLogKind,
  options: AccessLogOptions | undefined): ResolvedAccessLogs | undefined {
  return resolveAccessLogs(gateway, `AccessLogs-${stageName}`, `${stageProp(stageName)} accessLogs`, kind, options);
}

/**
 * The access-log settings of an HTTP or WebSocket stage. The format is a plain string (not
 * Fn::Join), as Control Tower CT.APIGATEWAY.PR.4 wants.
 */
export function v2AccessLogSettings(logs: ResolvedAccessLogs | undefined): apigwv2.IAccessLogSettings | undefined {
  return logs ? {
    destination: new apigwv2.LogGroupLogDestination(logs.logGroup),
    format: apigateway.AccessLogFormat.custom(logs.format),
  } : undefined;
}
