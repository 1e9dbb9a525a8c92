import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { GatewayAlarmOptions, GatewayDashboardOptions, GatewayStageAlarms } from '../lib';

/** What the three gateways offer for operations. */
interface Monitorable {
  addAlarms(options?: GatewayAlarmOptions): GatewayStageAlarms[];
  addDashboard(options?: GatewayDashboardOptions): cloudwatch.Dashboard;
}

/**
 * The on-call topic of a stack: SNS encrypted with a customer-managed key that CloudWatch may use
 * (an alarm cannot publish to a topic under the AWS-managed `aws/sns` key), TLS enforced.
 */
export function alarmTopic(scope: Construct): sns.ITopic {
  const existing = scope.node.tryFindChild('OnCall');
  if (existing) return existing as sns.ITopic;
  const key = new kms.Key(scope, 'OnCallKey', {
    description: 'Encrypts the on-call topic the API alarms publish to',
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudWatchAlarms',
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'],
  }));
  denyGrantsExceptForAwsServices(key);
  return new sns.Topic(scope, 'OnCall', { masterKey: key, enforceSSL: true });
}

/** Grants on a key only for AWS services acting on AWS resources (Control Tower CT.KMS.PR.3). */
export function denyGrantsExceptForAwsServices(key: kms.Key): void {
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'DenyGrantsExceptForAwsServices',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
  }));
}

/**
 * The operations every example gateway gets: the default alarms on every stage, paging the
 * stack's on-call topic, and a dashboard.
 */
export function monitor(gateway: Monitorable & Construct, options: GatewayAlarmOptions = {}): GatewayStageAlarms[] {
  const topic = alarmTopic(Stack.of(gateway));
  const alarms = gateway.addAlarms({ ...options, actions: [new actions.SnsAction(topic)] });
  gateway.addDashboard();
  return alarms;
}
