import { Aspects, IAspect, Stack, Stage, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { IConstruct } from 'constructs';
import { GatewayAccountLogging } from './account-logging';
import { warn } from './errors';
import { cfnResourceOf, stackDependsOn, topLevelStack } from './ordering';

/** A stage that writes execution logs. */
export interface ExecutionLoggingStage {
  readonly stageName: string;
  /** The stage construct (an L2 stage or its CfnStage). */
  readonly stage: IConstruct;
}

/** Whether a stage with these settings writes execution logs (the level defaults to ERROR). */
export function writesExecutionLogs(level: apigateway.MethodLoggingLevel | undefined, dataTrace: boolean | undefined): boolean {
  return (level ?? apigateway.MethodLoggingLevel.ERROR) !== apigateway.MethodLoggingLevel.OFF || dataTrace === true;
}

/**
 * Stages that write execution logs need the account-level API Gateway CloudWatch role (rule 19).
 * Once the app is complete (at synth), orders each of them after the app's
 * `AWS::ApiGateway::Account` (GatewayAccountLogging) of the same environment: a DependsOn in the
 * same stack, a stack dependency across stacks (aws-cdk #10722: in a fresh account a stage created
 * first fails with "CloudWatch Logs role ARN must be set in account settings to enable logging").
 * Warns when the app manages no such role, or when ordering would make a dependency cycle.
 * `stagesWithExecutionLogs` is read at synth time, so stages added later count.
 */
export function requireAccountLoggingRole(gateway: IConstruct, stagesWithExecutionLogs: () => ExecutionLoggingStage[]): void {
  Aspects.of(gateway).add(new ExecutionLoggingRoleCheck(gateway, stagesWithExecutionLogs));
}

/** The options of a stage that decide whether it writes execution logs (REST and WebSocket stages). */
export interface ExecutionLoggingOptions {
  readonly stageName: string;
  readonly executionLogLevel?: apigateway.MethodLoggingLevel;
  readonly dataTrace?: boolean;
}

/** requireAccountLoggingRole for those of a gateway's stages that write execution logs. */
export function requireAccountLoggingRoleForStages(gateway: IConstruct, stages: ExecutionLoggingOptions[],
  stageOf: (stageName: string) => IConstruct): void {
  requireAccountLoggingRole(gateway, () => stages
    .filter(s => writesExecutionLogs(s.executionLogLevel, s.dataTrace))
    .map(s => ({ stageName: s.stageName, stage: stageOf(s.stageName) })));
}

class ExecutionLoggingRoleCheck implements IAspect {
  private done = false;
  constructor(private readonly gateway: IConstruct, private readonly stages: () => ExecutionLoggingStage[]) {}

  public visit(node: IConstruct): void {
    if (this.done || node !== this.gateway) return;
    this.done = true;
    const logging = this.stages();
    if (logging.length === 0) return;
    if (!GatewayAccountLogging.isManagedIn(this.gateway)) {
      warn(this.gateway, 'executionLoggingRole',
        `stages ${logging.map(s => s.stageName).join(', ')} write execution logs, which need the account-level API Gateway CloudWatch role; this app does not manage it. `
        + 'Add one GatewayAccountLogging construct per account and region (in one stack), or acknowledge this warning if the account already has the role.');
      return;
    }
    for (const account of accountSettingsFor(this.gateway)) {
      for (const stage of logging) {
        this.orderAfter(stage, account);
      }
    }
  }

  private orderAfter(logging: ExecutionLoggingStage, account: apigateway.CfnAccount): void {
    const stage = cfnResourceOf(logging.stage);
    const stageStack = Stack.of(stage);
    const accountStack = Stack.of(account);
    const stageTop = topLevelStack(stageStack);
    const accountTop = topLevelStack(accountStack);
    if (stageTop !== accountTop && stackDependsOn(accountTop, stageTop)) {
      warn(this.gateway, 'executionLoggingOrder',
        `stage '${logging.stageName}' writes execution logs and should be created after ${account.node.path} (the account's CloudWatch role), `
        + `but stack ${accountTop.stackName} already depends on stack ${stageTop.stackName}, so it cannot be ordered without a cycle. `
        + `Deploy ${accountTop.stackName} first in a fresh account (or move GatewayAccountLogging to a stack the API's stack can depend on), then acknowledge this warning.`);
      return;
    }
    // A stage in a stack nested (at any depth) under the account's stack: the nested stack
    // resource in the account's stack waits for the account (a nested stack cannot depend on
    // its parent). Otherwise aws-cdk-lib turns the dependency into a DependsOn in the same stack,
    // on a nested stack resource, or into a dependency between top-level stacks.
    let nested: Stack | undefined = stageStack;
    while (nested && nested.nestedStackParent !== accountStack) nested = nested.nestedStackParent;
    if (nested?.nestedStackResource) {
      nested.nestedStackResource.addDependency(account);
    } else {
      stage.addDependency(account);
    }
  }
}

/** The app's account settings that apply to the gateway: same CDK stage, same account and region (or unknown). */
function accountSettingsFor(gateway: IConstruct): apigateway.CfnAccount[] {
  const stage = Stage.of(gateway);
  const stack = Stack.of(gateway);
  const same = (a: string, b: string) => Token.isUnresolved(a) || Token.isUnresolved(b) || a === b;
  return gateway.node.root.node.findAll()
    .filter((c): c is apigateway.CfnAccount => c instanceof apigateway.CfnAccount)
    .filter(a => Stage.of(a) === stage && same(Stack.of(a).account, stack.account) && same(Stack.of(a).region, stack.region));
}
