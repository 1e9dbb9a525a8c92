/**
 * A release that rolls back on its own: prod's Lambda alias shifts traffic through CodeDeploy
 * (10 % for 5 minutes, then all), and the alarms `addAlarms` makes on prod (5XX rate, p99 latency,
 * p99 integration latency) are the deployment group's alarms, so CodeDeploy stops and rolls the
 * alias back while one is in ALARM.
 *
 * prod also has a 0 % REST canary with a bake (`canary.bake`): after each release of the canary a
 * custom resource watches the same alarms and fails the deployment on ALARM.
 *
 * Deploy-time assertions: the route answers through prod's alias; CodeDeploy's deployment group
 * lists exactly prod's alarms, enabled; the alarms exist in CloudWatch; the bake's custom resource
 * was created (a creation is not watched: there is nothing to roll back to).
 *
 * The rollback itself needs a second version (a code change and a second deploy), which one
 * deploy cannot show. The bake's handler is tested with fake AWS clients in
 * test/rest/canary-bake.test.ts. To see it with an account: deploy this test with `--no-clean`, force an alarm
 * (`aws cloudwatch set-alarm-state --alarm-name integ-release-prod-5xx-rate --state-value ALARM
 * --state-reason drill`), change the function's code and deploy again: the CodeDeploy deployment
 * stops with "alarm activated" and the alias stays on the old version.
 */
import { App, CfnResource, Duration, Stack } from 'aws-cdk-lib';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { RestAuthorization, RestGateway, RestIntegration } from '../lib';

const app = new App();
const stack = new Stack(app, 'IntegReleaseRollback');

const fn = new lambda.Function(stack, 'Echo', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline(
    'exports.handler = async (event, context) => ({ statusCode: 200, body: JSON.stringify({ alias: context.invokedFunctionArn.split(":")[7] }) });'),
});
const prod = new lambda.Alias(stack, 'Alias-prod', { aliasName: 'prod', version: fn.currentVersion });

const gateway = new RestGateway(stack, 'Api', {
  apiName: 'integ-release',
  stages: [{
    stageName: 'prod',
    lambdaAliases: { lambdaAlias: prod },
    aliasTrafficShifting: { deploymentConfig: codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES },
    // The REST canary bake: a 0 % canary, watched for a minute after each release.
    canary: { percentTraffic: 0, bake: { duration: Duration.minutes(1) } },
  }],
});
gateway.addRoute('GET /whoami', RestIntegration.lambdaAlias(fn), { authorization: RestAuthorization.none() });
// No actions: in this test the alarms only feed CodeDeploy (the gateway warns and acknowledges).
const [prodAlarms] = gateway.addAlarms({ alarmNamePrefix: 'integ-release' });

// The alarm names are literal (`<alarmNamePrefix>-<stage>-<what>`); alarm.alarmName would be a Ref.
const alarmNames = ['5xx-rate', 'latency-p99', 'integration-latency-p99'].map(what => `integ-release-prod-${what}`);
if (prodAlarms.alarms.length !== alarmNames.length) throw new Error(`expected ${alarmNames.length} alarms on prod, got ${prodAlarms.alarms.length}`);

const group = gateway.node.findChild('TrafficShifting-prod-lambdaAlias') as codedeploy.LambdaDeploymentGroup;
const integ = new IntegTest(app, 'ReleaseRollbackTest', { testCases: [stack] });

integ.assertions.httpApiCall(`${gateway.urlForStage('prod')}whoami`)
  .expect(ExpectedResult.objectLike({ status: 200, body: { alias: 'prod' } }));

integ.assertions.awsApiCall('CodeDeploy', 'getDeploymentGroup', {
  applicationName: group.application.applicationName,
  deploymentGroupName: group.deploymentGroupName,
}).expect(ExpectedResult.objectLike({
  deploymentGroupInfo: {
    alarmConfiguration: {
      enabled: true,
      alarms: alarmNames.map(name => ({ name })),
    },
  },
}));

// DescribeAlarms lists alarms by name.
integ.assertions.awsApiCall('CloudWatch', 'describeAlarms', { AlarmNames: alarmNames })
  .expect(ExpectedResult.objectLike({ MetricAlarms: [...alarmNames].sort().map(name => ({ AlarmName: name, ActionsEnabled: true })) }));

const bake = gateway.node.findChild('CanaryBake-prod') as CfnResource;
integ.assertions.awsApiCall('CloudFormation', 'describeStackResource', { StackName: stack.stackName, LogicalResourceId: stack.getLogicalId(bake) })
  .expect(ExpectedResult.objectLike({ StackResourceDetail: { ResourceType: 'Custom::RestCanaryBake', ResourceStatus: 'CREATE_COMPLETE' } }));
