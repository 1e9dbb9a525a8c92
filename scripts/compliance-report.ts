// Prints every compliance finding on the example app: cfn-guard (AWS Control Tower rules) as a
// Validations plugin, cdk-nag's AwsSolutions and Serverless packs through validateScope (with
// aws-cdk-lib 2.257 they cannot run as Validations plugins). `npm run compliance`.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { buildExampleApp } from '../examples/stacks';

const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'compliance-')) });
buildExampleApp(app);
Validations.of(app).addPlugins(new CfnGuardValidator());
let failed = false;
try {
  app.synth();
} catch (e) {
  failed = true;
  console.error(`cfn-guard: ${(e as Error).message.split('\n')[0]}`);
}
for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) {
  for (const v of pack.validateScope(app).violations) {
    failed = true;
    console.log(`${v.ruleName} (${v.severity}): ${v.violatingResources.map(r => r.constructPath).join(', ')}`);
  }
}
console.log(failed ? 'compliance findings above' : 'no compliance findings');
process.exitCode = failed ? 1 : 0;
