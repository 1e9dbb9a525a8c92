import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { RestGateway, RestIntegration, GatewayCompliance } from '../lib';
import { exampleFunction, exampleWebAcl } from './stacks';
import { monitor } from './operations';

/**
 * One function, one alias per stage (dev, test, prod), routed by the `lambdaAlias` stage
 * variable; prod sends 5 % of its traffic to the `next` alias as a canary, and its own alias
 * shifts traffic gradually through CodeDeploy, rolled back on 5XX errors.
 *
 * A release: publish the new version to `next` and deploy (5 % canary, watched by prod's alarms
 * for 10 minutes: an alarm fails the deployment and CloudFormation rolls it back); raise
 * percentTraffic; promote by pointing prod's alias at the new version and removing `canary` (the
 * stage keeps a 0 % canary setting, so the removal takes effect; CodeDeploy then shifts prod's
 * alias gradually, rolled back on the same alarms); roll back by removing `canary`.
 */
export class AliasReleaseStack extends Stack {
  public readonly gateway: RestGateway;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const fn = exampleFunction(this, 'OrdersFunction');
    const version = fn.currentVersion;
    const alias = (name: string) => new lambda.Alias(this, `Alias-${name}`, { aliasName: name, version });
    const [dev, test, prod, next] = ['dev', 'test', 'prod', 'next'].map(alias);
    const webAclArn = exampleWebAcl(this, 'WebAcl').attrArn;
    const prodErrors = new cloudwatch.Alarm(this, 'ProdErrors', {
      metric: fn.metricErrors({ period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 1,
    });
    GatewayCompliance.acknowledgeRule(prodErrors, 'cdk-validator-cfnguard::cloudwatch_alarm_action_check',
      'The alarm acts through CodeDeploy, which rolls the alias back while it is in ALARM; paging is the platform team\'s own topic.');

    this.gateway = new RestGateway(this, 'Orders', {
      stages: [
        { stageName: 'dev', lambdaAliases: { lambdaAlias: dev }, webAclArn },
        { stageName: 'test', lambdaAliases: { lambdaAlias: test }, webAclArn },
        {
          stageName: 'prod',
          webAclArn,
          lambdaAliases: { lambdaAlias: prod },
          // Each release of the canary is watched for 10 minutes: an alarm in ALARM fails the
          // deployment and CloudFormation rolls it back.
          canary: { percentTraffic: 5, lambdaAliases: { lambdaAlias: next }, bake: { duration: Duration.minutes(10) } },
          aliasTrafficShifting: {
            deploymentConfig: codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
            alarms: [prodErrors],
          },
        },
      ],
    });
    this.gateway.addRoute('GET /orders', RestIntegration.lambdaAlias(fn));
    this.gateway.addRoute('GET /orders/{id}', RestIntegration.lambdaAlias(fn));
    // prod's alarms (5XX rate, latencies) page the on-call topic, roll a CodeDeploy traffic shift
    // back (with the function's own error alarm above) and fail a canary release while it bakes.
    // One-minute periods, so that they can fire within the bake. The dashboard shows prod's canary
    // next to its base.
    const fast = { period: Duration.minutes(1), evaluationPeriods: 3 };
    monitor(this.gateway, { stageNames: ['prod'], serverErrorRate: fast, latency: fast, integrationLatency: fast });
  }
}
