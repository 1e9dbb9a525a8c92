import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildExampleApp } from '../examples/stacks';
import { SnapshotTemplate } from '../lib/testing/snapshot';

function synthExampleApp(): CloudAssembly {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-api-gateways-examples-')) });
  buildExampleApp(app);
  return app.synth();
}

const assembly = synthExampleApp();
const stackNames = assembly.stacks.map(s => s.stackName).sort();

describe('example app', () => {
  test('contains the account logging and REST stacks', () => {
    expect(stackNames).toEqual(expect.arrayContaining(['ApiGatewayAccountLogging', 'RestApiExample']));
  });

  // Drift alarm: a whole-template snapshot per example stack. Behaviour is asserted by the
  // fine-grained tests; a change here must be intended (update with `npx jest -u`). Asset hashes
  // and the logical IDs derived from them are masked (SnapshotTemplate), so that a new handler
  // or an aws-cdk-lib upgrade that rebuilds its own handlers does not rewrite the snapshots.
  test.each(stackNames)('%s template matches the snapshot', stackName => {
    expect(SnapshotTemplate.fromTemplate(assembly.getStackByName(stackName).template)).toMatchSnapshot();
  });

  test('the example VPC uses real zones of its region, without a context lookup', () => {
    // GIVEN
    const stack = assembly.getStackByName('PrivateApiExample');

    // WHEN
    const zones = Object.values(stack.template.Resources as { [id: string]: { Type: string; Properties: { AvailabilityZone?: string } } })
      .filter(r => r.Type === 'AWS::EC2::Subnet')
      .map(r => r.Properties.AvailabilityZone);

    // THEN
    expect([...new Set(zones)].sort()).toEqual(['eu-west-1a', 'eu-west-1b']);
    // An in-process App answers lookups with dummies and records them as missing; the cdk CLI
    // asks AWS for any that the committed cdk.context.json does not answer, and fails without
    // credentials. (aws-cdk-lib reads the stack's zones to check the VPC's explicit ones.)
    const context = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'cdk.context.json'), 'utf8')) as { [key: string]: unknown };
    const unanswered = (assembly.manifest.missing ?? []).map(m => m.key).filter(key => !(key in context));
    expect(unanswered).toEqual([]);
    expect(context['availability-zones:account=111111111111:region=eu-west-1']).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
  });

  test('synthesizing twice gives byte-identical templates', () => {
    // GIVEN
    const first = synthExampleApp();

    // WHEN
    const second = synthExampleApp();

    // THEN
    expect(second.stacks.map(s => s.stackName).sort()).toEqual(first.stacks.map(s => s.stackName).sort());
    for (const stack of first.stacks) {
      const again = second.getStackByName(stack.stackName);
      const firstText = fs.readFileSync(stack.templateFullPath, 'utf8');
      const secondText = fs.readFileSync(again.templateFullPath, 'utf8');
      expect(firstText.length).toBeGreaterThan(0);
      expect(secondText).toBe(firstText);
    }
  });
});
