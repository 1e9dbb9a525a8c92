import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { GatewayCompliance, GatewayLogEncryption } from '../../lib';
import { GUARD_ACKNOWLEDGEMENT_METADATA_KEY } from '../../lib/common/compliance';
import { newStack } from '../support/fixtures';

describe('GatewayLogEncryption', () => {
  test('makes one rotating, retained key per scope and returns it again', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    const key = GatewayLogEncryption.keyFor(stack);
    const again = GatewayLogEncryption.keyFor(stack);
    new logs.LogGroup(stack, 'Logs', { encryptionKey: key });

    // THEN
    expect(again).toBe(key);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResource('AWS::KMS::Key', { Properties: { EnableKeyRotation: true }, DeletionPolicy: 'Retain' });
  });
});

describe('GatewayCompliance', () => {
  test('records a cfn-guard acknowledgement on the construct path and a cdk-nag one in the Validations metadata', () => {
    // GIVEN
    const stack = newStack();
    const group = new logs.LogGroup(stack, 'Logs');

    // WHEN
    GatewayCompliance.acknowledgeRule(group, 'cdk-validator-cfnguard::cloudwatch_log_group_encrypted', 'test logs');
    GatewayCompliance.acknowledgeRule(group, 'AwsSolutions-IAM5[Resource::arn:aws:logs:*]', 'test role');

    // THEN
    const metadata = group.node.metadata;
    expect(metadata.find(m => m.type === GUARD_ACKNOWLEDGEMENT_METADATA_KEY)?.data).toEqual({ rule: 'cloudwatch_log_group_encrypted', reason: 'test logs' });
    // aws-cdk-lib 2.257 keys an unprefixed rule id as given; newer versions (2.276) prefix it with 'Annotation::'.
    expect(JSON.stringify(metadata)).toMatch(/"(Annotation::)?AwsSolutions-IAM5\[Resource::arn:aws:logs:\*\]":"test role"/);
  });
});
