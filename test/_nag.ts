import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { buildExampleApp } from '../examples/stacks';
const app = new App({ outdir: '/tmp/nagout'});
buildExampleApp(app);
Validations.of(app).addPlugins(new CfnGuardValidator());
try { app.synth(); } catch (e) { console.log('SYNTH ERR', (e as Error).message.slice(0,300)); }
for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) {
  const r = pack.validateScope(app);
  for (const v of r.violations) console.log(v.ruleName, v.severity, v.violatingResources.map(x => x.constructPath).join(' '));
}
