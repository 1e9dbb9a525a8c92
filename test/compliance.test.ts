import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { buildExampleApp } from '../examples/stacks';
import { RestAuthorization, RestGateway, RestIntegration } from '../lib';
import { acknowledgeRule } from '../lib/common/compliance';
import { freshApp, synthWithCfnGuard, unacknowledgedGuardFindings } from './support/compliance';

/** A cdk-nag finding (aws-cdk-lib's PolicyViolation, which its package does not export). */
type PolicyViolation = ReturnType<AwsSolutionsChecks['validateScope']>['violations'][number];

function describeNagViolations(violations: PolicyViolation[]): string {
  return violations
    .map(v => `${v.ruleName}: ${v.violatingResources.map(r => r.constructPath ?? r.resourceLogicalId).join(', ')}`)
    .join('\n');
}

describe('example app compliance', () => {
  test('passes the Control Tower rules of cfn-guard, with acknowledgements scoped to paths', () => {
    // GIVEN
    const app = freshApp();
    buildExampleApp(app);

    // WHEN
    const { stackNames, lines, findings } = unacknowledgedGuardFindings(app);

    // THEN
    expect(stackNames).toEqual(expect.arrayContaining(['ApiGatewayAccountLogging', 'RestApiExample']));
    expect(lines).toEqual([]);
    // The example's own functions do have acknowledged findings: the filter, not a silenced rule, passes them.
    expect(findings.map(f => f.rule)).toContain('lambda_inside_vpc_check');
  });

  test.each([
    ['AwsSolutions', () => new AwsSolutionsChecks()],
    ['Serverless', () => new ServerlessChecks()],
  ])('passes cdk-nag %s with no unacknowledged finding', (_pack, newPack) => {
    // GIVEN
    const app = freshApp();
    buildExampleApp(app);
    app.synth();

    // WHEN
    const report = newPack().validateScope(app);

    // THEN
    expect({ summary: describeNagViolations(report.violations), violations: report.violations }).toEqual({ summary: '', violations: [] });
    expect(report.success).toBe(true);
  });
});

describe('the compliance checks can fail', () => {
  const env = { account: '123456789012', region: 'eu-west-1' };

  test('cfn-guard reports a stage without X-Ray tracing (CT.APIGATEWAY.PR.2)', () => {
    // GIVEN
    const app = freshApp();
    const stack = new Stack(app, 'Untraced', { env });
    const gateway = new RestGateway(stack, 'Orders', { stages: [{ stageName: 'prod', tracing: false }] });
    gateway.addRoute('GET /orders', RestIntegration.mock());

    // WHEN
    const { lines } = unacknowledgedGuardFindings(app);

    // THEN
    expect(lines).toEqual(['api_gw_xray_enabled_check: Untraced/Orders/RestApi/DeploymentStage.prod/Resource']);
  });

  test('an acknowledgement on one function does not hide the same rule on another resource', () => {
    // GIVEN: the user's function acknowledges lambda_inside_vpc_check, another function does not
    const app = freshApp();
    const stack = new Stack(app, 'Functions', { env });
    const code = lambda.Code.fromInline('exports.handler = async () => ({})');
    const mine = new lambda.Function(stack, 'Mine', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code });
    new lambda.Function(stack, 'Other', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code });
    acknowledgeRule(mine, 'cdk-validator-cfnguard::lambda_inside_vpc_check', 'no private resources to reach');

    // WHEN
    const { lines } = unacknowledgedGuardFindings(app);

    // THEN
    expect(lines.filter(l => l.startsWith('lambda_inside_vpc_check'))).toEqual(['lambda_inside_vpc_check: Functions/Other/Resource']);
  });

  test('an app-wide cfn-guard acknowledgement is refused: it would hide library findings', () => {
    // GIVEN
    const app = freshApp();
    const stack = new Stack(app, 'AppWide', { env });
    new RestGateway(stack, 'Orders').addRoute('GET /orders', RestIntegration.mock());
    Validations.of(stack).acknowledge({ id: 'cdk-validator-cfnguard::lambda_inside_vpc_check', reason: 'everything' });

    // WHEN / THEN
    expect(() => synthWithCfnGuard(app)).toThrow(/app-wide cfn-guard acknowledgements .*cdk-validator-cfnguard::lambda_inside_vpc_check/);
  });

  test('cdk-nag reports a public route as AwsSolutions-APIG4', () => {
    // GIVEN
    const app = freshApp();
    const stack = new Stack(app, 'Public', { env });
    const gateway = new RestGateway(stack, 'Orders');
    gateway.addRoute('GET /open', RestIntegration.mock(), { authorization: RestAuthorization.none() });
    app.synth();

    // WHEN
    const report = new AwsSolutionsChecks().validateScope(app);

    // THEN
    const apig4 = report.violations.filter(v => v.ruleName.startsWith('AwsSolutions-APIG4'));
    expect(apig4).toHaveLength(1);
    expect(describeNagViolations(apig4)).toMatch(/^AwsSolutions-APIG4: .*Public\/Orders\/RestApi\/Default\/open\/GET/);
    expect(report.success).toBe(false);
  });
});
