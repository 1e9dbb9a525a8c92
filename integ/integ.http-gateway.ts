/**
 * An HttpGateway with the library's defaults on two stages (`$default` and `prod`): a public
 * Lambda health route (authorization: none) and an IAM-authorized route. Deploy-time assertions:
 * the public route answers 200 with the function's body on both stages, the IAM route refuses
 * an unsigned call with 403.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { HttpAuthorization, HttpGateway, HttpIntegration } from '../lib';

const app = new App();
const stack = new Stack(app, 'IntegHttpGateway');

const handler = new lambda.Function(stack, 'Health', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline(
    'exports.handler = async () => ({ statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ status: "ok" }) });'),
});

const gateway = new HttpGateway(stack, 'Api', {
  stages: [{ stageName: '$default' }, { stageName: 'prod', throttle: { rateLimit: 100, burstLimit: 200 } }],
});
const integration = HttpIntegration.lambdaFunction(handler);
gateway.addRoute('GET /health', integration, { authorization: HttpAuthorization.none() });
gateway.addRoute('GET /private', integration);

const integ = new IntegTest(app, 'HttpGatewayTest', { testCases: [stack] });

for (const stageName of gateway.stageNames) {
  integ.assertions.httpApiCall(`${gateway.urlForStage(stageName)}health`)
    .expect(ExpectedResult.objectLike({ status: 200, body: { status: 'ok' } }));
  integ.assertions.httpApiCall(`${gateway.urlForStage(stageName)}private`)
    .expect(ExpectedResult.objectLike({ status: 403 }));
}
