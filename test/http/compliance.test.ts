import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { HttpApiStack } from '../../examples/http-stack';
import { freshApp, unacknowledgedGuardFindings } from '../support/compliance';

const ENV = { account: '111111111111', region: 'eu-west-1' };

describe('HttpApiStack example', () => {
  test.each([
    ['AwsSolutions', () => new AwsSolutionsChecks()],
    ['Serverless', () => new ServerlessChecks()],
  ])('has no unacknowledged cdk-nag %s finding', (_name, pack) => {
    // GIVEN
    const app = new App();
    new HttpApiStack(app, 'HttpApiExample', { env: ENV });

    // WHEN
    const report = pack().validateScope(app);

    // THEN
    expect(report.violations.map(v => `${v.ruleName} ${v.violatingResources.map(r => r.constructPath).join(', ')}`)).toEqual([]);
  });

  test('has no unacknowledged Control Tower cfn-guard finding', () => {
    // GIVEN
    const app = freshApp();
    new HttpApiStack(app, 'HttpApiExample', { env: ENV });

    // WHEN: every finding, filtered by path-scoped acknowledgements only
    const { lines, findings } = unacknowledgedGuardFindings(app);

    // THEN
    expect(lines).toEqual([]);
    expect(findings.map(f => f.rule)).toContain('lambda_inside_vpc_check');
  });

  test('grants each function once per stage and creates one authorizer', () => {
    // GIVEN
    const app = new App();
    const stack = new HttpApiStack(app, 'HttpApiExample', { env: ENV });

    // THEN: 2 functions x 2 stages
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Permission', 4);
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 2);
  });
});
