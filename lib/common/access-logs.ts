import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { check } from './errors';
import { awsKms, awsLogs } from './lazy';
import { accessLogFormatViolation } from './rules';

/**
 * Access logging for one stage. On by default: JSON lines to a log group kept one year.
 */
export interface AccessLogOptions {
  /**
   * Whether access logs are written at all. Turning them off fails cdk-nag AwsSolutions-APIG1.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * The log group to write to.
   * @default - a new log group per stage, retained on stack deletion
   */
  readonly logGroup?: logs.ILogGroup;
  /**
   * Retention of the log group the construct creates (ignored with `logGroup`).
   * @default logs.RetentionDays.ONE_YEAR (AWS Control Tower CT.CLOUDWATCH.PR.2 asks for at least a year)
   */
  readonly retention?: logs.RetentionDays;
  /**
   * The KMS key that encrypts the log group the construct creates (ignored with `logGroup`).
   * @default - a customer-managed key with rotation, created once per gateway and shared by its
   * stages (AWS Control Tower CT.CLOUDWATCH.PR.3)
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * A custom format: a string with `$context` variables. It must contain `$context.requestId`
   * or `$context.extendedRequestId`.
   * @default - a JSON object with the standard fields of the API kind
   */
  readonly format?: string;
}

/** The JSON access-log fields written by default, per API kind. */
export enum AccessLogKind {
  /** REST API stage. */
  REST = 'REST',
  /** HTTP API stage. */
  HTTP = 'HTTP',
  /** WebSocket API stage. */
  WEBSOCKET = 'WEBSOCKET',
}

/** The default JSON access-log format (a plain string, as Control Tower's CT.APIGATEWAY.PR.4 wants). */
export function jsonAccessLogFormat(kind: AccessLogKind): string {
  const common: Record<string, string> = {
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    status: '$context.status',
    responseLength: '$context.responseLength',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
  };
  switch (kind) {
    case AccessLogKind.REST:
      return JSON.stringify({
        ...common,
        extendedRequestId: '$context.extendedRequestId',
        caller: '$context.identity.caller',
        user: '$context.identity.user',
        userAgent: '$context.identity.userAgent',
        httpMethod: '$context.httpMethod',
        resourcePath: '$context.resourcePath',
        path: '$context.path',
        protocol: '$context.protocol',
        wafError: '$context.waf.error',
      });
    case AccessLogKind.HTTP:
      return JSON.stringify({
        ...common,
        httpMethod: '$context.httpMethod',
        routeKey: '$context.routeKey',
        path: '$context.path',
        protocol: '$context.protocol',
        userAgent: '$context.identity.userAgent',
      });
    case AccessLogKind.WEBSOCKET:
      return JSON.stringify({
        ...common,
        eventType: '$context.eventType',
        routeKey: '$context.routeKey',
        connectionId: '$context.connectionId',
      });
  }
}

/** Access-log format size limit for HTTP and WebSocket APIs (rule 18). */
export const V2_ACCESS_LOG_FORMAT_MAX_BYTES = 3072;

/** What a gateway needs to configure a stage's access logs. */
export interface ResolvedAccessLogs {
  readonly logGroup: logs.ILogGroup;
  readonly format: string;
}

/**
 * The KMS key a gateway's log groups share, created on first use: rotation on, usable only by
 * CloudWatch Logs for this account's log groups in this region.
 */
export function logEncryptionKey(scope: Construct): kms.IKey {
  const existing = scope.node.tryFindChild('LogsKey');
  if (existing) return existing as kms.IKey;
  const stack = Stack.of(scope);
  const { Key } = awsKms();
  const key = new Key(scope, 'LogsKey', {
    description: `Encrypts the access logs of ${scope.node.path}`,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudWatchLogs',
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: {
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
          service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      },
    },
  }));
  // Grants on the key only for AWS services acting on AWS resources (Control Tower CT.KMS.PR.3).
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'DenyGrantsExceptForAwsServices',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  }));
  return key;
}

/**
 * Resolves access-log options for one stage: validates the format and creates the log group
 * (encrypted with the gateway's key) when none is given. Returns undefined when access logging
 * is turned off.
 */
export function resolveAccessLogs(scope: Construct, id: string, prop: string, kind: AccessLogKind,
  options: AccessLogOptions | undefined): ResolvedAccessLogs | undefined {
  if (options?.enabled === false) {
    return undefined;
  }
  const format = options?.format ?? jsonAccessLogFormat(kind);
  const maxBytes = kind === AccessLogKind.REST ? undefined : V2_ACCESS_LOG_FORMAT_MAX_BYTES;
  check(scope, `${prop}.format`, format, accessLogFormatViolation(format, maxBytes));
  const logGroup = options?.logGroup ?? accessLogGroup(scope, id, options);
  return { logGroup, format };
}

/** The log group of a stage's access logs when none is given: kept on deletion, encrypted with the gateway's key. */
function accessLogGroup(scope: Construct, id: string, options: AccessLogOptions | undefined): logs.ILogGroup {
  const { LogGroup, RetentionDays } = awsLogs();
  return new LogGroup(scope, id, {
    retention: options?.retention ?? RetentionDays.ONE_YEAR,
    encryptionKey: options?.encryptionKey ?? logEncryptionKey(scope),
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
