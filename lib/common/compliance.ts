import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** The prefix of cfn-guard (`@cdklabs/cdk-validator-cfnguard`) finding ids. */
const GUARD_PREFIX = 'cdk-validator-cfnguard::';

/**
 * The metadata key under which `acknowledgeRule` records a cfn-guard acknowledgement on one
 * construct: `{ rule, reason }`. It covers findings on that construct and the constructs below it.
 */
export const GUARD_ACKNOWLEDGEMENT_METADATA_KEY = 'cdk-api-gateways:acknowledged-guard-finding';

/**
 * Acknowledges a compliance finding (cdk-nag, cfn-guard) on a construct with a written reason.
 *
 * - cdk-nag ids (`AwsSolutions-APIG4`, `AwsSolutions-IAM5[Resource::...]`): recorded in the
 *   construct metadata that `Validations.acknowledge` writes and cdk-nag reads for that
 *   construct only. aws-cdk-lib's `Validations.acknowledge` reserves '::' as a prefix delimiter
 *   and rejects ids with two of them, yet cdk-nag's finding ids for ARNs contain several; for
 *   those the same metadata is written directly.
 * - cfn-guard ids (`cdk-validator-cfnguard::rule_name`): aws-cdk-lib applies a cfn-guard
 *   acknowledgement to the whole app, which would hide the same rule's findings on every other
 *   resource. This records it on the construct's path only (metadata
 *   `GUARD_ACKNOWLEDGEMENT_METADATA_KEY`); a compliance check filters the cfn-guard report by it
 *   (see the README's Compliance section). To silence a rule app-wide on purpose, call
 *   `Validations.of(app).acknowledge(...)` yourself.
 */
export function acknowledgeRule(scope: IConstruct, id: string, reason: string): void {
  if (id.startsWith(GUARD_PREFIX)) {
    scope.node.addMetadata(GUARD_ACKNOWLEDGEMENT_METADATA_KEY, { rule: id.slice(GUARD_PREFIX.length), reason });
    return;
  }
  acknowledgeNagRule(scope, id, reason);
}

/**
 * Records a path-scoped cfn-guard acknowledgement for a construct that does not exist yet, by
 * its id below `scope` (aws-cdk-lib creates some, such as cross-region reference providers, only
 * while it synthesizes). Internal: not exported from the package.
 */
export function acknowledgeGuardRuleBelow(scope: IConstruct, childPath: string, rule: string, reason: string): void {
  scope.node.addMetadata(GUARD_ACKNOWLEDGEMENT_METADATA_KEY, { rule, reason, path: `${scope.node.path}/${childPath}` });
}

function acknowledgeNagRule(scope: IConstruct, id: string, reason: string): void {
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

/**
 * Compliance helpers for every language (the free function `acknowledgeRule` is TypeScript-only).
 */
export class GatewayCompliance {
  /**
   * Acknowledges a compliance finding on a construct with a written reason: cdk-nag ids
   * (`AwsSolutions-APIG4`, `AwsSolutions-IAM5[Resource::...]`) for that construct, cfn-guard ids
   * (`cdk-validator-cfnguard::rule_name`) for that construct's path only (aws-cdk-lib would apply
   * them to the whole app).
   * @param scope the construct whose finding is acknowledged (and, for cfn-guard, those below it)
   * @param id the finding id
   * @param reason why the finding is acceptable here
   */
  public static acknowledgeRule(scope: IConstruct, id: string, reason: string): void {
    acknowledgeRule(scope, id, reason);
  }

  private constructor() {}
}
