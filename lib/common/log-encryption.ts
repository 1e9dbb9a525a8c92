import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { logEncryptionKey } from './access-logs';

/**
 * The KMS key the library encrypts log groups with, for every language (the free function
 * `logEncryptionKey` is TypeScript-only).
 */
export class GatewayLogEncryption {
  /**
   * The key a scope's log groups share, created on first use below `scope` (construct id
   * `LogsKey`): rotation on, usable only by CloudWatch Logs for this account's log groups in this
   * region, grants only for AWS services (Control Tower CT.KMS.PR.3), retained on delete.
   * @param scope where the key lives (one per scope)
   */
  public static keyFor(scope: Construct): kms.IKey {
    return logEncryptionKey(scope);
  }

  private constructor() {}
}
