/**
 * An HttpGateway whose routes call AWS services directly (issue 16), each with the gateway's one
 * role per service: `POST /orders` sends the body to an SQS queue (answering 202), `POST /sum`
 * runs an EXPRESS state machine and answers with its output, `POST /events` puts the body on an
 * event bus as an event's detail (a rule forwards it to a second queue), and `PUT /readings/{device}`
 * writes the body (base64, as Kinesis takes it) to a one-shard stream under the path parameter.
 *
 * Deploy-time assertions: each route answers as the service does, and the target received the
 * request: the queue holds the message, the state machine's output comes back, the event reached
 * the rule's queue, the record went to the stream's only shard.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { GatewayValue, HttpAuthorization, HttpGateway, HttpIntegration } from '../lib';

const app = new App();
const stack = new Stack(app, 'IntegHttpServiceIntegrations');

const orders = new sqs.Queue(stack, 'Orders', { retentionPeriod: Duration.minutes(10) });
const sum = new sfn.StateMachine(stack, 'Sum', {
  stateMachineType: sfn.StateMachineType.EXPRESS,
  definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Add', {
    parameters: { 'sum.$': 'States.MathAdd($.a, $.b)' },
  })),
});
const bus = new events.EventBus(stack, 'Bus');
const forwarded = new sqs.Queue(stack, 'Forwarded', { retentionPeriod: Duration.minutes(10) });
new events.Rule(stack, 'ToQueue', {
  eventBus: bus,
  eventPattern: { source: ['com.example.integ'] },
  targets: [new targets.SqsQueue(forwarded)],
});
const readings = new kinesis.Stream(stack, 'Readings', { shardCount: 1, streamMode: kinesis.StreamMode.PROVISIONED });

const gateway = new HttpGateway(stack, 'Api', { defaultAuthorization: HttpAuthorization.none() });
gateway.addRoute('POST /orders', HttpIntegration.sqsSendMessage(orders, { successStatusCode: 202 }));
gateway.addRoute('POST /sum', HttpIntegration.stepFunctionsStartSyncExecution(sum, { timeout: Duration.seconds(10) }));
gateway.addRoute('POST /events', HttpIntegration.eventBridgePutEvents(bus, { source: 'com.example.integ', detailType: 'IntegEvent' }));
gateway.addRoute('PUT /readings/{device}', HttpIntegration.kinesisPutRecord(readings, { partitionKey: GatewayValue.pathParameter('device') }));

const integ = new IntegTest(app, 'HttpServiceIntegrationsTest', { testCases: [stack] });
const url = gateway.url;
const json = { 'content-type': 'application/json' };

// SQS: 202 (the response parameter mapping), then the message is in the queue.
integ.assertions.httpApiCall(`${url}orders`, { method: 'POST', headers: json, body: JSON.stringify({ order: 'integ-1' }) })
  .expect(ExpectedResult.objectLike({ status: 202 }))
  .next(integ.assertions.awsApiCall('SQS', 'receiveMessage', { QueueUrl: orders.queueUrl, WaitTimeSeconds: 20 })
    .expect(ExpectedResult.objectLike({ Messages: Match.arrayWith([Match.objectLike({ Body: '{"order":"integ-1"}' })]) })));

// Step Functions (synchronous): the execution's output in the answer.
integ.assertions.httpApiCall(`${url}sum`, { method: 'POST', headers: json, body: JSON.stringify({ a: 1, b: 2 }) })
  .expect(ExpectedResult.objectLike({ status: 200, body: { status: 'SUCCEEDED', output: '{"sum":3}' } }));

// EventBridge: no failed entry, then the rule delivered the event with the body as its detail.
integ.assertions.httpApiCall(`${url}events`, { method: 'POST', headers: json, body: JSON.stringify({ hello: 'integ' }) })
  .expect(ExpectedResult.objectLike({ status: 200, body: { FailedEntryCount: 0 } }))
  .next(integ.assertions.awsApiCall('SQS', 'receiveMessage', { QueueUrl: forwarded.queueUrl, WaitTimeSeconds: 20 })
    .expect(ExpectedResult.objectLike({
      Messages: Match.arrayWith([Match.objectLike({ Body: Match.serializedJson(Match.objectLike({ 'detail-type': 'IntegEvent', 'detail': { hello: 'integ' } })) })]),
    })));

// Kinesis: the record went to the stream's only shard.
integ.assertions.httpApiCall(`${url}readings/device-1`, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: Buffer.from('21.5').toString('base64') })
  .expect(ExpectedResult.objectLike({ status: 200, body: { ShardId: 'shardId-000000000000' } }));
