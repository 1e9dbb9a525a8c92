import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { GatewayAccountLogging } from '../../lib/common/account-logging';

const env = { account: '123456789012', region: 'eu-west-1' };

describe('GatewayAccountLogging', () => {
  test('creates a role API Gateway assumes and the account setting that uses it', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Logging', { env });

    // WHEN
    new GatewayAccountLogging(stack, 'AccountLogging');

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.resourceCountIs('AWS::ApiGateway::Account', 1);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Action: 'sts:AssumeRole', Principal: { Service: 'apigateway.amazonaws.com' } })],
      },
      Policies: [{
        PolicyName: 'ExecutionLogs',
        PolicyDocument: {
          Statement: [Match.objectLike({
            Effect: 'Allow',
            Action: Match.arrayWith(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']),
            Resource: {
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:123456789012:log-group:*']],
            },
          })],
        },
      }],
      ManagedPolicyArns: Match.absent(),
    });
    template.hasResource('AWS::ApiGateway::Account', {
      Properties: { CloudWatchRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AccountLoggingRole'), 'Arn'] } },
      DependsOn: [Match.stringLikeRegexp('^AccountLoggingRole')],
    });
  });

  test('acknowledges the log-group wildcard of the role it creates with a reason', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Logging', { env });

    // WHEN
    const logging = new GatewayAccountLogging(stack, 'AccountLogging');

    // THEN
    const acks = (logging.role as iam.Role).node.metadata.filter(m => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
    expect(acks).toHaveLength(1);
    expect(Object.keys(acks[0].data)).toEqual([
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:eu-west-1:123456789012:log-group:*]',
    ]);
  });

  test('uses a given role and creates none', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Logging', { env });
    const role = iam.Role.fromRoleArn(stack, 'Given', 'arn:aws:iam::123456789012:role/my-apigw-logs');

    // WHEN
    const logging = new GatewayAccountLogging(stack, 'AccountLogging', { role });

    // THEN
    expect(logging.role).toBe(role);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Role', 0);
    template.hasResourceProperties('AWS::ApiGateway::Account', { CloudWatchRoleArn: 'arn:aws:iam::123456789012:role/my-apigw-logs' });
  });

  describe('isManagedIn', () => {
    test('is true from any construct of the app, in any stack', () => {
      // GIVEN
      const app = new App();
      const loggingStack = new Stack(app, 'Logging', { env });
      const apiStack = new Stack(app, 'Api', { env });

      // WHEN
      new GatewayAccountLogging(loggingStack, 'AccountLogging');

      // THEN
      expect(GatewayAccountLogging.isManagedIn(apiStack)).toBe(true);
      expect(GatewayAccountLogging.isManagedIn(app)).toBe(true);
    });

    test('is false when the app has no account setting', () => {
      // GIVEN
      const app = new App();
      const apiStack = new Stack(app, 'Api', { env });

      // THEN
      expect(GatewayAccountLogging.isManagedIn(apiStack)).toBe(false);
    });
  });
});

describe('GatewayAccountLogging in an environment-agnostic stack', () => {
  test('synthesizes, and acknowledges IAM5 on the log-group ARN as cdk-nag names it', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Agnostic');

    // WHEN
    const logging = new GatewayAccountLogging(stack, 'AccountLogging');
    const template = Template.fromStack(stack);

    // THEN
    template.resourceCountIs('AWS::ApiGateway::Account', 1);
    expect(JSON.stringify(logging.role.node.metadata))
      .toContain('AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:*]');
  });
});
