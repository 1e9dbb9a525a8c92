/**
 * Large APIs split across nested stacks (issue 14): a RestGateway and an HttpGateway whose 30
 * routes are spread over three route stacks by their first path segment, and a route a team adds
 * from its own nested stack (the route's `scope` option). All routes share one function: one
 * Lambda permission per stage.
 *
 * Deploy-time assertions: a route in each route stack answers 200 with the function's body (the
 * REST deployment waited for every nested stack's methods), the team's route answers, and the
 * function's resource policy admits API Gateway (its permissions, one per gateway and stage, are
 * made in the gateway's stack, not in the route stacks).
 */
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { HttpAuthorization, HttpGateway, HttpIntegration, RestAuthorization, RestGateway, RestIntegration } from '../lib';

const app = new App();
const stack = new Stack(app, 'IntegSplitApi');

const handler = new lambda.Function(stack, 'Handler', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline(
    'exports.handler = async (event) => ({ statusCode: 200, headers: { "content-type": "application/json" }, '
    + 'body: JSON.stringify({ path: event.path ?? event.rawPath }) });'),
});

const groups = ['orders', 'users', 'carts', 'items', 'prices', 'stock'];
const keys = Array.from({ length: 30 }, (_, i) => `GET /${groups[i % groups.length]}/r${i}`);

const rest = new RestGateway(stack, 'Rest', {
  stages: [{ stageName: 'prod' }],
  routeStacks: { count: 3 },
  defaultAuthorization: RestAuthorization.none(),
});
const restIntegration = RestIntegration.lambdaFunction(handler);
for (const key of keys) rest.addRoute(key, restIntegration);

const http = new HttpGateway(stack, 'Http', {
  stages: [{ stageName: 'prod' }],
  routeStacks: { count: 3 },
  defaultAuthorization: HttpAuthorization.none(),
});
const httpIntegration = HttpIntegration.lambdaFunction(handler);
for (const key of keys) http.addRoute(key, httpIntegration);

// A team's routes, made in its own nested stack under the gateway's stack.
const team = new NestedStack(stack, 'ReportsTeam');
rest.addRoute('GET /reports/daily', restIntegration, { scope: team });
http.addRoute('GET /reports/daily', httpIntegration, { scope: team });

const integ = new IntegTest(app, 'SplitApiTest', { testCases: [stack] });

// One route of each route stack (and the team's), on both gateways.
const probes = new Map<string, string>();
for (const key of [...keys, 'GET /reports/daily']) {
  const where = Stack.of(rest.route(key)).node.path;
  if (!probes.has(where)) probes.set(where, key.split(' ')[1]);
}
for (const routePath of probes.values()) {
  integ.assertions.httpApiCall(`${rest.urlForStage('prod')}${routePath.slice(1)}`)
    .expect(ExpectedResult.objectLike({ status: 200, body: { path: routePath } }));
  integ.assertions.httpApiCall(`${http.urlForStage('prod')}${routePath.slice(1)}`)
    .expect(ExpectedResult.objectLike({ status: 200 }));
}

// The permissions live in the gateway's stack; the function's policy admits execute-api.
integ.assertions.awsApiCall('Lambda', 'getPolicy', { FunctionName: handler.functionName })
  .assertAtPath('Policy', ExpectedResult.stringLikeRegexp('execute-api'));
