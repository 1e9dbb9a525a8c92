/**
 * One function, one alias per stage, routed by the `lambdaAlias` stage variable, and a prod
 * canary. Deploy-time assertions: each stage's route runs as that stage's alias.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { RestAuthorization, RestGateway, RestIntegration } from '../lib';

const app = new App();
const stack = new Stack(app, 'IntegLambdaAliases');

const fn = new lambda.Function(stack, 'Echo', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline(
    'exports.handler = async (event, context) => ({ statusCode: 200, body: JSON.stringify({ alias: context.invokedFunctionArn.split(":")[7] }) });'),
});
const version = fn.currentVersion;
const aliases = ['dev', 'prod', 'next'].map(name => new lambda.Alias(stack, `Alias-${name}`, { aliasName: name, version }));

const gateway = new RestGateway(stack, 'Api', {
  stages: [
    { stageName: 'dev', lambdaAliases: { lambdaAlias: aliases[0] } },
    // a 0 % canary: the assertion must always see the stage's own alias
    { stageName: 'prod', lambdaAliases: { lambdaAlias: aliases[1] }, canary: { percentTraffic: 0, lambdaAliases: { lambdaAlias: aliases[2] } } },
  ],
});
gateway.addRoute('GET /whoami', RestIntegration.lambdaAlias(fn), { authorization: RestAuthorization.none() });

const integ = new IntegTest(app, 'LambdaAliasesTest', { testCases: [stack] });
for (const stageName of gateway.stageNames) {
  integ.assertions.httpApiCall(`${gateway.urlForStage(stageName)}whoami`)
    .expect(ExpectedResult.objectLike({ status: 200, body: { alias: stageName } }));
}
