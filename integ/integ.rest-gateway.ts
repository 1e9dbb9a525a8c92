/**
 * A RestGateway with the library's defaults: a public mock health route (authorization: none)
 * and an IAM-authorized route. Deploy-time assertions: the public route answers 200, the IAM
 * route refuses an unsigned call with 403, a route that requires an API key refuses a call
 * without one with 403.
 */
import { App, Stack } from 'aws-cdk-lib';
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { RestAuthorization, RestGateway, RestIntegration } from '../lib';

const app = new App();
const stack = new Stack(app, 'IntegRestGateway');

const gateway = new RestGateway(stack, 'Api', {
  stages: [{ stageName: 'dev' }, { stageName: 'prod' }],
});
gateway.addRoute('GET /health', RestIntegration.mock({ responseBody: '{"status":"ok"}' }), {
  authorization: RestAuthorization.none(),
});
gateway.addRoute('GET /private', RestIntegration.mock());
gateway.addRoute('GET /metered', RestIntegration.mock(), { authorization: RestAuthorization.none(), apiKeyRequired: true });
gateway.addApiKey('tester');
gateway.addUsagePlan('basic', { throttle: { rateLimit: 10, burstLimit: 20 }, apiKeys: ['tester'] });

const integ = new IntegTest(app, 'RestGatewayTest', { testCases: [stack] });

for (const stageName of gateway.stageNames) {
  integ.assertions.httpApiCall(`${gateway.urlForStage(stageName)}health`)
    .expect(ExpectedResult.objectLike({ status: 200, body: { status: 'ok' } }));
  integ.assertions.httpApiCall(`${gateway.urlForStage(stageName)}private`)
    .expect(ExpectedResult.objectLike({ status: 403 }));
  // a call without an API key is refused
  integ.assertions.httpApiCall(`${gateway.urlForStage(stageName)}metered`)
    .expect(ExpectedResult.objectLike({ status: 403 }));
}
