import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  AccessLogKind, V2_ACCESS_LOG_FORMAT_MAX_BYTES, jsonAccessLogFormat, logEncryptionKey, resolveAccessLogs,
} from '../../lib/common/access-logs';

function newScope(): { stack: Stack; api: Construct } {
  const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
  return { stack, api: new Construct(stack, 'Api') };
}

describe('jsonAccessLogFormat', () => {
  test.each([AccessLogKind.REST, AccessLogKind.HTTP, AccessLogKind.WEBSOCKET])('%s format is JSON with a request id', kind => {
    // WHEN
    const parsed = JSON.parse(jsonAccessLogFormat(kind));

    // THEN
    expect(parsed.requestId).toBe('$context.requestId');
    expect(parsed.status).toBe('$context.status');
    expect(parsed.ip).toBe('$context.identity.sourceIp');
  });

  test('REST format carries the caller, resource path and WAF error', () => {
    const parsed = JSON.parse(jsonAccessLogFormat(AccessLogKind.REST));
    expect(parsed).toMatchObject({
      extendedRequestId: '$context.extendedRequestId',
      caller: '$context.identity.caller',
      resourcePath: '$context.resourcePath',
      wafError: '$context.waf.error',
    });
    expect(parsed.routeKey).toBeUndefined();
  });

  test('HTTP format carries the route key', () => {
    expect(JSON.parse(jsonAccessLogFormat(AccessLogKind.HTTP))).toMatchObject({ routeKey: '$context.routeKey', httpMethod: '$context.httpMethod' });
  });

  test('WebSocket format carries the connection id and event type', () => {
    expect(JSON.parse(jsonAccessLogFormat(AccessLogKind.WEBSOCKET))).toMatchObject({
      connectionId: '$context.connectionId', eventType: '$context.eventType',
    });
  });

  test.each([AccessLogKind.HTTP, AccessLogKind.WEBSOCKET])('%s default format fits the v2 size limit', kind => {
    expect(Buffer.byteLength(jsonAccessLogFormat(kind), 'utf8')).toBeLessThanOrEqual(V2_ACCESS_LOG_FORMAT_MAX_BYTES);
  });
});

describe('resolveAccessLogs', () => {
  test('by default creates a log group kept one year, retained, encrypted with a rotating key', () => {
    // GIVEN
    const { stack, api } = newScope();

    // WHEN
    const resolved = resolveAccessLogs(api, 'AccessLogs-dev', 'stages[0].accessLogs', AccessLogKind.REST, undefined);

    // THEN
    expect(resolved?.format).toBe(jsonAccessLogFormat(AccessLogKind.REST));
    const template = Template.fromStack(stack);
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiLogsKey'), 'Arn'] } },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true, Description: 'Encrypts the access logs of Stack/Api' },
      DeletionPolicy: 'Retain',
    });
  });

  test('the key lets CloudWatch Logs of the region use it and denies grants for non-AWS resources', () => {
    // GIVEN
    const { stack, api } = newScope();

    // WHEN
    resolveAccessLogs(api, 'AccessLogs-dev', 'stages[0].accessLogs', AccessLogKind.REST, undefined);

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowCloudWatchLogs',
            Effect: 'Allow',
            Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
          }),
          Match.objectLike({
            Sid: 'DenyGrantsExceptForAwsServices',
            Effect: 'Deny',
            Action: 'kms:CreateGrant',
            Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
          }),
        ]),
      },
    });
  });

  test('stages of one gateway share one key', () => {
    // GIVEN
    const { stack, api } = newScope();

    // WHEN
    resolveAccessLogs(api, 'AccessLogs-dev', 'stages[0].accessLogs', AccessLogKind.REST, undefined);
    resolveAccessLogs(api, 'AccessLogs-prod', 'stages[1].accessLogs', AccessLogKind.REST, undefined);

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::LogGroup', 2);
    template.resourceCountIs('AWS::KMS::Key', 1);
    expect(logEncryptionKey(api)).toBe(logEncryptionKey(api));
  });

  test('uses the given retention and key', () => {
    // GIVEN
    const { stack, api } = newScope();
    const key = new kms.Key(stack, 'MyKey');

    // WHEN
    resolveAccessLogs(api, 'AccessLogs-dev', 'stages[0].accessLogs', AccessLogKind.REST,
      { retention: logs.RetentionDays.TWO_YEARS, encryptionKey: key });

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: 731,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^MyKey'), 'Arn'] },
    });
    template.resourceCountIs('AWS::KMS::Key', 1);
  });

  test('uses the given log group without creating one', () => {
    // GIVEN
    const { stack, api } = newScope();
    const group = logs.LogGroup.fromLogGroupName(stack, 'Existing', 'existing-group');

    // WHEN
    const resolved = resolveAccessLogs(api, 'AccessLogs-dev', 'stages[0].accessLogs', AccessLogKind.HTTP, { logGroup: group });

    // THEN
    expect(resolved?.logGroup).toBe(group);
    expect(resolved?.format).toBe(jsonAccessLogFormat(AccessLogKind.HTTP));
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
    template.resourceCountIs('AWS::KMS::Key', 0);
  });

  test('returns undefined and creates nothing when disabled', () => {
    // GIVEN
    const { stack, api } = newScope();

    // WHEN
    const resolved = resolveAccessLogs(api, 'AccessLogs-dev', 'stages[0].accessLogs', AccessLogKind.REST, { enabled: false });

    // THEN
    expect(resolved).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::Logs::LogGroup', 0);
  });

  test('keeps a custom format that carries a request id', () => {
    // GIVEN
    const { api } = newScope();

    // WHEN
    const resolved = resolveAccessLogs(api, 'AccessLogs-dev', 'stages[0].accessLogs', AccessLogKind.REST,
      { format: '$context.extendedRequestId $context.status' });

    // THEN
    expect(resolved?.format).toBe('$context.extendedRequestId $context.status');
  });

  test('rejects a custom format without a request id, naming path, prop and value', () => {
    // GIVEN
    const { api } = newScope();

    // THEN
    expect(() => resolveAccessLogs(api, 'AccessLogs-dev', 'stages[3].accessLogs', AccessLogKind.REST, { format: '$context.status' }))
      .toThrow(/Stack\/Api: stages\[3\]\.accessLogs\.format = "\$context\.status" is invalid: .*\$context\.requestId/);
  });

  test('rejects an HTTP format above 3 KB, but not a REST one', () => {
    // GIVEN
    const { api } = newScope();
    const big = '$context.requestId ' + 'x'.repeat(3100);

    // THEN
    expect(() => resolveAccessLogs(api, 'Http', 'stages[0].accessLogs', AccessLogKind.HTTP, { format: big }))
      .toThrow(/at most 3072 bytes/);
    expect(resolveAccessLogs(api, 'Rest', 'stages[0].accessLogs', AccessLogKind.REST, { format: big })?.format).toBe(big);
  });
});
