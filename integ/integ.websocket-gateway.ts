/**
 * A WebSocketGateway with a Lambda REQUEST authorizer on `$connect` (a token in the query string)
 * and a two-way `echo` route served by the same function as `$connect` (one Lambda permission per
 * stage). Deploy-time assertion: a test Lambda connects with Node's global WebSocket client, sends
 * {"action":"echo"} and returns the reply.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { WebSocketAuthorization, WebSocketGateway, WebSocketIntegration } from '../lib';

const TOKEN = 'integ-token';

const app = new App();
const stack = new Stack(app, 'IntegWebSocketGateway');

const authorizerFn = new lambda.Function(stack, 'Authorizer', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline(`
exports.handler = async (event) => ({
  principalId: 'integ',
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{
      Action: 'execute-api:Invoke',
      Effect: (event.queryStringParameters || {}).token === '${TOKEN}' ? 'Allow' : 'Deny',
      Resource: event.methodArn,
    }],
  },
});`),
});

const echoFn = new lambda.Function(stack, 'Echo', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline(`
exports.handler = async (event) => {
  if (event.requestContext.routeKey !== 'echo') return { statusCode: 200 };
  const message = JSON.parse(event.body || '{}');
  return { statusCode: 200, body: JSON.stringify({ echo: message.message }) };
};`),
});

const gateway = new WebSocketGateway(stack, 'Api', {
  stages: [{ stageName: 'dev' }, { stageName: 'prod' }],
});
const echo = WebSocketIntegration.lambdaFunction(echoFn, { timeout: Duration.seconds(10) });
gateway.addRoute('$connect', echo, {
  authorization: WebSocketAuthorization.lambdaRequest(authorizerFn, { identitySources: ['route.request.querystring.token'] }),
});
gateway.addRoute('echo', echo, { returnResponse: true });

// Connects to the URL in the event, sends one echo message and returns the parsed reply.
const clientFn = new lambda.Function(stack, 'Client', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  timeout: Duration.seconds(30),
  code: lambda.Code.fromInline(`
exports.handler = (event) => new Promise((resolve, reject) => {
  const ws = new WebSocket(event.url);
  const timer = setTimeout(() => { ws.close(); reject(new Error('no reply within 20 s')); }, 20000);
  ws.addEventListener('open', () => ws.send(JSON.stringify({ action: 'echo', message: event.message })));
  ws.addEventListener('message', (m) => { clearTimeout(timer); ws.close(); resolve(JSON.parse(m.data)); });
  ws.addEventListener('error', () => { clearTimeout(timer); reject(new Error('connection failed')); });
});`),
});

const integ = new IntegTest(app, 'WebSocketGatewayTest', { testCases: [stack] });

for (const stageName of gateway.stageNames) {
  integ.assertions.invokeFunction({
    functionName: clientFn.functionName,
    payload: JSON.stringify({ url: `${gateway.urlForStage(stageName)}?token=${TOKEN}`, message: `hello ${stageName}` }),
  }).expect(ExpectedResult.objectLike({ Payload: { echo: `hello ${stageName}` } }));
}
