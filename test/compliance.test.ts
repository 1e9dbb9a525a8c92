import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { buildExampleApp } from '../examples/stacks';
import { RestAuthorization, RestGateway, RestIntegration } from '../lib';

/** A cdk-nag finding (aws-cdk-lib's PolicyViolation, which its package does not export). */
type PolicyViolation = ReturnType<AwsSolutionsChecks['validateScope']>['violations'][number];

interface GuardReport {
  readonly pluginReports: {
    readonly summary: { readonly pluginName: string; readonly status: string };
    readonly violations: { readonly ruleName: string; readonly violatingConstructs: { readonly constructPath?: string }[] }[];
  }[];
}

function freshApp(): App {
  return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-api-gateways-compliance-')) });
}

/**
 * Synthesizes with cfn-guard's Control Tower rules and returns the report. With aws-cdk-lib 2.257
 * a failed policy validation does not throw: it prints the report, writes it as
 * policy-validation-report.json and sets process.exitCode, which is restored here.
 */
function synthWithCfnGuard(app: App): { stackNames: string[]; report: GuardReport; failed: boolean } {
  Validations.of(app).addPlugins(new CfnGuardValidator());
  const exitCode = process.exitCode;
  const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    process.exitCode = 0;
    const assembly = app.synth();
    const failed = process.exitCode !== 0;
    // Written whenever a plugin ran; it lists only the plugins that failed or found something.
    const report = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'policy-validation-report.json'), 'utf8')) as GuardReport;
    return { stackNames: assembly.stacks.map(s => s.stackName), report, failed };
  } finally {
    consoleError.mockRestore();
    process.exitCode = exitCode;
  }
}

function describeGuardViolations(report: GuardReport): string {
  return report.pluginReports
    .flatMap(p => p.violations)
    .map(v => `${v.ruleName}: ${v.violatingConstructs.map(c => c.constructPath).join(', ')}`)
    .join('\n');
}

function describeNagViolations(violations: PolicyViolation[]): string {
  return violations
    .map(v => `${v.ruleName}: ${v.violatingResources.map(r => r.constructPath ?? r.resourceLogicalId).join(', ')}`)
    .join('\n');
}

describe('example app compliance', () => {
  test('passes the Control Tower rules of cfn-guard', () => {
    // GIVEN
    const app = freshApp();
    buildExampleApp(app);

    // WHEN
    const { stackNames, report, failed } = synthWithCfnGuard(app);

    // THEN
    expect(stackNames).toEqual(expect.arrayContaining(['ApiGatewayAccountLogging', 'RestApiExample']));
    expect(describeGuardViolations(report)).toBe('');
    expect(report.pluginReports).toEqual([]);
    expect(failed).toBe(false);
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
    const { report, failed } = synthWithCfnGuard(app);

    // THEN
    expect(failed).toBe(true);
    expect(report.pluginReports.map(p => p.summary)).toEqual([{ pluginName: 'cdk-validator-cfnguard', status: 'failure' }]);
    expect(describeGuardViolations(report)).toBe('api_gw_xray_enabled_check: Untraced/Orders/RestApi/DeploymentStage.prod/Resource');
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
