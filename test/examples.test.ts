import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildExampleApp } from '../examples/stacks';

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
  // fine-grained tests; a change here must be intended (update with `npx jest -u`).
  test.each(stackNames)('%s template matches the snapshot', stackName => {
    expect(assembly.getStackByName(stackName).template).toMatchSnapshot();
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
