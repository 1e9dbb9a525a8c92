import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { acknowledgeRule } from './compliance';
import { findingResourceName } from './finding-ids';
import { aResource, checkArgs, checkConstructProps, required } from './input';
import { A_CONSTRUCT } from './input-specs';

/**
 * Properties of GatewayAccountLogging.
 */
export interface GatewayAccountLoggingProps {
  /**
   * A role API Gateway assumes to write execution logs.
   * @default - a role with only the CloudWatch Logs actions API Gateway needs
   */
  readonly role?: iam.IRole;
}

/**
 * The account-level CloudWatch Logs role that API Gateway's execution logging needs
 * (`AWS::ApiGateway::Account`). It is one setting per account and region, so create this
 * construct once, in one stack of the account (never per API): deleting the stack that owns it
 * turns execution logging off for every API in the region.
 */
export class GatewayAccountLogging extends Construct {
  /** True when the app manages the account's API Gateway CloudWatch role. */
  public static isManagedIn(scope: IConstruct): boolean {
    checkArgs('GatewayAccountLogging.isManagedIn', { scope }, { scope: required(A_CONSTRUCT) });
    return scope.node.root.node.findAll().some(c => c instanceof apigateway.CfnAccount);
  }

  /** The role API Gateway writes execution logs with. */
  public readonly role: iam.IRole;

  constructor(scope: Construct, id: string, props: GatewayAccountLoggingProps = {}) {
    super(scope, id);
    checkConstructProps(this, props, { role: aResource('an iam.IRole', 'roleArn') }, 'a GatewayAccountLoggingProps object');
    const stack = Stack.of(this);
    this.role = props.role ?? new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      description: 'API Gateway account-level role for execution logs (one per account and region)',
      inlinePolicies: {
        ExecutionLogs: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: [
                'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogGroups',
                'logs:DescribeLogStreams', 'logs:PutLogEvents', 'logs:GetLogEvents', 'logs:FilterLogEvents',
              ],
              resources: [stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
            }),
          ],
        }),
      },
    });
    if (this.role.node.scope === this) {
      // cdk-nag names the resource as it resolves; an environment-agnostic stack's region and
      // account are pseudo parameters (a token in a metadata key cannot be resolved).
      const logGroups = findingResourceName(this, stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }));
      acknowledgeRule(this.role,
        `AwsSolutions-IAM5[Resource::${logGroups}]`,
        'API Gateway creates and names the execution-log groups itself (API-Gateway-Execution-Logs_{apiId}/{stage}) for every API in the account and region; the account-level role must reach all of them.');
    }
    const account = new apigateway.CfnAccount(this, 'Account', { cloudWatchRoleArn: this.role.roleArn });
    account.node.addDependency(this.role);
  }
}
