// Prints every compliance finding on the example app: cfn-guard (AWS Control Tower rules) as a
// Validations plugin with acknowledgements scoped to paths (see test/support/compliance.ts),
// cdk-nag's AwsSolutions and Serverless packs through validateScope (with aws-cdk-lib 2.257 they
// cannot run as Validations plugins). `npm run compliance`.
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { buildExampleApp } from '../examples/stacks';
import { freshApp, unacknowledgedGuardFindings } from '../test/support/compliance';

const app = freshApp();
buildExampleApp(app);
const { lines } = unacknowledgedGuardFindings(app);
let failed = lines.length > 0;
for (const line of lines) {
  console.log(`cfn-guard ${line}`);
}
for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) {
  for (const v of pack.validateScope(app).violations) {
    failed = true;
    console.log(`${v.ruleName} (${v.severity}): ${v.violatingResources.map(r => r.constructPath).join(', ')}`);
  }
}
console.log(failed ? 'compliance findings above' : 'no compliance findings');
process.exitCode = failed ? 1 : 0;
