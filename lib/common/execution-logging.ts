import { Aspects, IAspect } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { GatewayAccountLogging } from './account-logging';
import { warn } from './errors';

/**
 * Warns, once the app is complete (at synth), when the given stages write execution logs and no
 * construct in the app manages the account's API Gateway CloudWatch role (rule 19).
 * `stagesWithExecutionLogs` is read at synth time, so stages added later count.
 */
export function warnWithoutAccountLoggingRole(gateway: IConstruct, stagesWithExecutionLogs: () => string[]): void {
  Aspects.of(gateway).add(new ExecutionLoggingRoleCheck(gateway, stagesWithExecutionLogs));
}

class ExecutionLoggingRoleCheck implements IAspect {
  private done = false;
  constructor(private readonly gateway: IConstruct, private readonly stages: () => string[]) {}

  public visit(node: IConstruct): void {
    if (this.done || node !== this.gateway) return;
    this.done = true;
    const logging = this.stages();
    if (logging.length > 0 && !GatewayAccountLogging.isManagedIn(this.gateway)) {
      warn(this.gateway, 'executionLoggingRole',
        `stages ${logging.join(', ')} write execution logs, which need the account-level API Gateway CloudWatch role; this app does not manage it. `
        + 'Add one GatewayAccountLogging construct per account and region (in one stack), or acknowledge this warning if the account already has the role.');
    }
  }
}
