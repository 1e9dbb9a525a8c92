/**
 * A WebSocketGateway whose routes call AWS services directly (issue 16), with the gateway's one
 * role per service: `ping` is a two-way mock answering `{"pong": "ping"}` (its route key), `enqueue` sends the
 * message to an SQS queue (with the connection and request ids as message attributes), `sum`
 * runs an EXPRESS state machine and answers with its output, `publish` puts an event whose detail
 * holds the message (a rule forwards it to a second queue).
 *
 * integ-tests-alpha's httpApiCall cannot speak WebSocket, so the deploy-time assertions are:
 * - the integrations exist as configured (`ApiGatewayV2 getIntegrations`: one MOCK, three AWS);
 * - a test Lambda (Node's global WebSocket client) connects, sends the four messages and returns
 *   the replies of the two-way routes (`{"pong":"ping"}` and `{"sum":3}`);
 * - the queue then holds the `enqueue` message with its attributes, and the rule's queue the
 *   `publish` event with `{"message": ..., "connectionId", "requestId"}` as its detail.
 *
 * By hand, after `cdk deploy` of this app (the stage URL is the stack's `Url` output):
 *   npx wscat -c wss://{apiId}.execute-api.{region}.amazonaws.com/prod
 *   > {"action":"ping"}                      < {"pong": "ping"}
 *   > {"action":"sum","a":1,"b":2}           < {"sum":3}
 *   > {"action":"enqueue","order":"by-hand"} (then: aws sqs receive-message --queue-url <Orders> --message-attribute-names All)
 */
import { App, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { WebSocketAuthorization, WebSocketGateway, WebSocketIntegration } from '../lib';

const app = new App();
const stack = new Stack(app, 'IntegWebSocketServiceIntegrations');

const orders = new sqs.Queue(stack, 'Orders', { retentionPeriod: Duration.minutes(10) });
const sum = new sfn.StateMachine(stack, 'Sum', {
  stateMachineType: sfn.StateMachineType.EXPRESS,
  definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Add', {
    parameters: { 'sum.$': 'States.MathAdd($.message.a, $.message.b)' },
  })),
});
const bus = new events.EventBus(stack, 'Bus');
const forwarded = new sqs.Queue(stack, 'Forwarded', { retentionPeriod: Duration.minutes(10) });
new events.Rule(stack, 'ToQueue', {
  eventBus: bus,
  eventPattern: { source: ['com.example.chat'] },
  targets: [new targets.SqsQueue(forwarded)],
});

const gateway = new WebSocketGateway(stack, 'Api');
gateway.addRoute('$connect', WebSocketIntegration.mock(), { authorization: WebSocketAuthorization.none() });
gateway.addRoute('ping', WebSocketIntegration.mock({ responseTemplate: '{"pong": "$context.routeKey"}' }), { returnResponse: true });
gateway.addRoute('enqueue', WebSocketIntegration.sqsSendMessage(orders));
gateway.addRoute('sum', WebSocketIntegration.stepFunctionsStartSyncExecution(sum, { timeout: Duration.seconds(10) }), { returnResponse: true });
gateway.addRoute('publish', WebSocketIntegration.eventBridgePutEvents(bus, { source: 'com.example.chat', detailType: 'MessagePosted' }));
new CfnOutput(stack, 'Url', { value: gateway.url });

// Connects, sends each message in turn, waits for a reply where one is expected, and returns the replies.
const clientFn = new lambda.Function(stack, 'Client', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  timeout: Duration.seconds(60),
  code: lambda.Code.fromInline(`
exports.handler = (event) => new Promise((resolve, reject) => {
  const ws = new WebSocket(event.url);
  const replies = [];
  let waiting;
  const timer = setTimeout(() => { ws.close(); reject(new Error('no reply within 50 s')); }, 50000);
  const next = async () => {
    for (const step of event.steps) {
      ws.send(JSON.stringify(step.message));
      if (step.reply) replies.push(await new Promise((r) => { waiting = r; }));
    }
    // One-way messages have no answer: give API Gateway a moment to pass them on before closing.
    await new Promise((r) => setTimeout(r, 2000));
    clearTimeout(timer); ws.close(); resolve({ replies });
  };
  ws.addEventListener('open', () => next().catch(reject));
  ws.addEventListener('message', (m) => waiting && waiting(JSON.parse(m.data)));
  ws.addEventListener('error', () => { clearTimeout(timer); reject(new Error('connection failed')); });
});`),
});

const integ = new IntegTest(app, 'WebSocketServiceIntegrationsTest', { testCases: [stack] });

integ.assertions.awsApiCall('ApiGatewayV2', 'getIntegrations', { ApiId: gateway.apiId })
  .expect(ExpectedResult.objectLike({
    Items: Match.arrayWith([Match.objectLike({ IntegrationType: 'MOCK' })]),
  }));

integ.assertions.invokeFunction({
  functionName: clientFn.functionName,
  payload: JSON.stringify({
    url: gateway.urlForStage('prod'),
    steps: [
      { message: { action: 'ping', ping: 'integ' }, reply: true },
      { message: { action: 'enqueue', order: 'integ-1' } },
      { message: { action: 'sum', a: 1, b: 2 }, reply: true },
      { message: { action: 'publish', text: 'hello' } },
    ],
  }),
}).expect(ExpectedResult.objectLike({ Payload: { replies: [{ pong: 'ping' }, { sum: 3 }] } }))
  .next(integ.assertions.awsApiCall('SQS', 'receiveMessage', { QueueUrl: orders.queueUrl, WaitTimeSeconds: 20, MessageAttributeNames: ['All'] })
    .expect(ExpectedResult.objectLike({
      Messages: Match.arrayWith([Match.objectLike({
        Body: '{"action":"enqueue","order":"integ-1"}',
        MessageAttributes: { connectionId: { DataType: 'String' }, requestId: { DataType: 'String' } },
      })]),
    })))
  .next(integ.assertions.awsApiCall('SQS', 'receiveMessage', { QueueUrl: forwarded.queueUrl, WaitTimeSeconds: 20 })
    .expect(ExpectedResult.objectLike({
      Messages: Match.arrayWith([Match.objectLike({
        Body: Match.serializedJson(Match.objectLike({ 'detail-type': 'MessagePosted', 'detail': { message: { action: 'publish', text: 'hello' } } })),
      })]),
    })));
