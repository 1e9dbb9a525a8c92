/**
 * A RestGateway whose routes call AWS services directly (issue 16), with the gateway's one role
 * per service: `POST /messages` sends the body to an SQS queue, `POST /greetings` runs an EXPRESS
 * state machine synchronously and answers with its output, `PUT` and `GET /items/{id}` write and
 * read a DynamoDB item (its key from the path, its other attributes from the JSON body), `PUT` and
 * `GET /files/{name}` write and read an S3 object under a prefix.
 *
 * Deploy-time assertions: each route answers as the mapping says, and the target received the
 * request: the queue holds the message with the request id attribute, the execution's output
 * comes back parsed, the item written comes back as plain JSON (and a missing one is a 404), the
 * object written comes back.
 */
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { GatewayValue, RestAuthorization, RestGateway, RestIntegration } from '../lib';

const app = new App();
const stack = new Stack(app, 'IntegRestServiceIntegrations');

const messages = new sqs.Queue(stack, 'Messages', { retentionPeriod: Duration.minutes(10) });
const greeter = new sfn.StateMachine(stack, 'Greeter', {
  stateMachineType: sfn.StateMachineType.EXPRESS,
  definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Greet', {
    parameters: { 'greeting.$': 'States.Format(\'hello {}\', $.name)' },
  })),
});
const items = new dynamodb.Table(stack, 'Items', {
  partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
  billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
  removalPolicy: RemovalPolicy.DESTROY,
});
const files = new s3.Bucket(stack, 'Files', { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });

const gateway = new RestGateway(stack, 'Api', { defaultAuthorization: RestAuthorization.none() });
gateway.addRoute('POST /messages', RestIntegration.sqsSendMessage(messages));
gateway.addRoute('POST /greetings', RestIntegration.stepFunctionsStartSyncExecution(greeter, { timeout: Duration.seconds(10) }));
gateway.addRoute('PUT /items/{id}', RestIntegration.dynamoDbPutItem(items));
gateway.addRoute('GET /items/{id}', RestIntegration.dynamoDbGetItem(items, { key: { id: GatewayValue.pathParameter('id') } }));
gateway.addRoute('PUT /files/{name}', RestIntegration.s3PutObject(files, { key: GatewayValue.pathParameter('name'), keyPrefix: 'integ/' }));
gateway.addRoute('GET /files/{name}', RestIntegration.s3GetObject(files, { key: GatewayValue.pathParameter('name'), keyPrefix: 'integ/' }));

const integ = new IntegTest(app, 'RestServiceIntegrationsTest', { testCases: [stack] });
const url = gateway.url;
const json = { 'content-type': 'application/json' };

// SQS: the message id in the answer, then the message (with its request-id attribute) in the queue.
integ.assertions.httpApiCall(`${url}messages`, { method: 'POST', headers: json, body: JSON.stringify({ hello: 'integ' }) })
  .expect(ExpectedResult.objectLike({ status: 200, body: { messageId: Match.stringLikeRegexp('.+') } }))
  .next(integ.assertions.awsApiCall('SQS', 'receiveMessage', { QueueUrl: messages.queueUrl, WaitTimeSeconds: 20, MessageAttributeNames: ['All'] })
    .expect(ExpectedResult.objectLike({
      Messages: Match.arrayWith([Match.objectLike({
        Body: '{"hello":"integ"}',
        MessageAttributes: Match.objectLike({ requestId: Match.objectLike({ DataType: 'String' }) }),
      })]),
    })));

// Step Functions (synchronous): the execution's output, parsed, in the answer.
integ.assertions.httpApiCall(`${url}greetings`, { method: 'POST', headers: json, body: JSON.stringify({ name: 'integ' }) })
  .expect(ExpectedResult.objectLike({ status: 200, body: { status: 'SUCCEEDED', output: { greeting: 'hello integ' } } }));

// DynamoDB: a put, then the item as plain JSON; a missing item is a 404.
integ.assertions.httpApiCall(`${url}items/item-1`, { method: 'PUT', headers: json, body: JSON.stringify({ color: 'blue', size: 3, fragile: true }) })
  .expect(ExpectedResult.objectLike({ status: 200, body: { message: 'Item stored' } }))
  .next(integ.assertions.httpApiCall(`${url}items/item-1`)
    .expect(ExpectedResult.objectLike({ status: 200, body: { id: 'item-1', color: 'blue', size: 3, fragile: true } })))
  .next(integ.assertions.httpApiCall(`${url}items/missing`)
    .expect(ExpectedResult.objectLike({ status: 404, body: { message: 'Not found' } })));

// S3: a text object written under the prefix comes back.
integ.assertions.httpApiCall(`${url}files/hello.txt`, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'hello from integ' })
  .expect(ExpectedResult.objectLike({ status: 200, body: { message: 'Object stored' } }))
  .next(integ.assertions.httpApiCall(`${url}files/hello.txt`)
    .expect(ExpectedResult.objectLike({ status: 200, body: 'hello from integ' })));
