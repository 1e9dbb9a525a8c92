import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { HttpApiStack } from '../../examples/http-stack';

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
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'http-guard-'));
    const app = new App({ outdir });
    new HttpApiStack(app, 'HttpApiExample', { env: ENV });
    Validations.of(app).addPlugins(new CfnGuardValidator());

    // WHEN: the plugin reports findings in the assembly (aws-cdk-lib 2.257 only sets the exit
    // code for error-severity ones, so the report is read rather than relying on a throw)
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'policy-validation-report.json'), 'utf8'));

    // THEN
    const violations = report.pluginReports.flatMap((r: { violations: { ruleName: string }[] }) => r.violations.map(v => v.ruleName));
    expect(violations).toEqual([]);
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
