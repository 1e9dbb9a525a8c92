/**
 * The REST deployment's logical ID is aws-cdk-lib's hash of the API, computed once per synthesis
 * (lib/rest/deployment-id.ts), and never a value cached before the tree was final.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RestGateway, RestIntegration } from '../../lib';
import { ENV, fn } from '../support/fixtures';

function gateway() {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  const handler = fn(stack, 'Fn');
  const api = new RestGateway(stack, 'Api', { stages: [{ stageName: 'prod' }, { stageName: 'dev' }] });
  return { stack, api, integration: RestIntegration.lambdaFunction(handler) };
}

function deploymentIds(stack: Stack): string[] {
  return Object.keys(Template.fromStack(stack).findResources('AWS::ApiGateway::Deployment'));
}

test('the hash is computed once per synthesis however many references the deployment has', () => {
  const { stack, api, integration } = gateway();
  for (let i = 0; i < 20; i++) api.addRoute(`GET /r${i}`, integration);
  const cfn = api.restApi.latestDeployment!.node.defaultChild as unknown as { calculateLogicalId(c: unknown): string };
  const proto = Object.getPrototypeOf(cfn) as { calculateLogicalId(c: unknown): string };
  const original = proto.calculateLogicalId;
  let calls = 0;
  proto.calculateLogicalId = function (this: unknown, c: unknown) {
    calls++;
    return original.call(this, c);
  };
  try {
    const template = Template.fromStack(stack);
    const [deployment] = Object.keys(template.findResources('AWS::ApiGateway::Deployment'));
    // Two stages refer to it, and aws-cdk-lib resolves it in several phases: still one hash.
    for (const stage of Object.values(template.findResources('AWS::ApiGateway::Stage'))) {
      expect(stage.Properties.DeploymentId).toEqual({ Ref: deployment });
    }
    expect(calls).toBe(1);
  } finally {
    proto.calculateLogicalId = original;
  }
});

test('a deployment ID resolved before the last route is not kept: the template has the final hash', () => {
  const { stack, api, integration } = gateway();
  api.addRoute('GET /a', integration);
  const early = stack.resolve(api.restApi.latestDeployment!.deploymentId) as { Ref: string };
  api.addRoute('GET /b', integration);
  const [final] = deploymentIds(stack);
  expect(final).not.toBe(early.Ref);
  expect(final).toMatch(/^ApiRestApiDeployment/);
});

test('the same routes give the same ID; another route gives another', () => {
  const ids = (keys: string[]) => {
    const { stack, api, integration } = gateway();
    for (const k of keys) api.addRoute(k, integration);
    return deploymentIds(stack)[0];
  };
  expect(ids(['GET /a', 'GET /b'])).toBe(ids(['GET /a', 'GET /b']));
  expect(ids(['GET /a', 'GET /b'])).not.toBe(ids(['GET /a', 'GET /c']));
});
