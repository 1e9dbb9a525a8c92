import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Acknowledges a compliance finding (cdk-nag, cfn-guard) on a construct with a written reason.
 *
 * aws-cdk-lib's `Validations.acknowledge` reserves '::' as a prefix delimiter and rejects ids
 * with two of them, yet cdk-nag's finding ids for ARNs contain several
 * (`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:...]`). For those, the acknowledgement is
 * recorded in the same construct metadata `Validations` writes, which cdk-nag reads.
 */
export function acknowledgeRule(scope: IConstruct, id: string, reason: string): void {
  if (id.split('::').length <= 2) {
    Validations.of(scope).acknowledge({ id, reason });
    return;
  }
  const key = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;
  const entries = scope.node.metadata.filter(m => m.type === key);
  const acknowledged = { ...(entries.length > 0 ? entries[entries.length - 1].data : {}) };
  acknowledged[id] = reason;
  scope.node.addMetadata(key, acknowledged);
}
