/**
 * A storage-first REST API (issue 16): routes that hand the request straight to an AWS service,
 * with no Lambda function in between, and one streaming Lambda route.
 *
 * - POST /orders           → SQS SendMessage (a FIFO queue: one message group per tenant)
 * - POST /quotes           → Step Functions StartSyncExecution (an EXPRESS workflow; answers with its output)
 * - POST /events           → EventBridge PutEvents (source and detail type fixed by the route)
 * - GET  /reports/{id}     → a Lambda function whose response is streamed
 *
 * Each service is called with the gateway's role for that service, allowed only the one action on
 * the one resource (and the queue's KMS key).
 */
import { Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { GatewayCompliance, GatewayLogEncryption, GatewayValue, RestGateway, RestIntegration } from '../lib';
import { exampleFunction, exampleWebAcl } from './stacks';
import { denyGrantsExceptForAwsServices, monitor } from './operations';

export class StorageFirstStack extends Stack {
  public readonly gateway: RestGateway;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // The queue and its dead-letter queue, encrypted with a customer-managed key.
    const key = new kms.Key(this, 'OrdersKey', { enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY });
    denyGrantsExceptForAwsServices(key);
    const deadLetters = new sqs.Queue(this, 'OrdersDeadLetters', {
      fifo: true, encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key, enforceSSL: true, retentionPeriod: Duration.days(14),
    });
    const orders = new sqs.Queue(this, 'Orders', {
      fifo: true,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },
    });
    for (const rule of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy', 'cdk-validator-cfnguard::sqs_dlq_check']) {
      GatewayCompliance.acknowledgeRule(deadLetters, rule, 'This queue is the dead-letter queue of the orders queue; it has none of its own.');
    }

    // An EXPRESS workflow: a synchronous execution answers the caller with its output.
    const quotes = new sfn.StateMachine(this, 'Quotes', {
      stateMachineType: sfn.StateMachineType.EXPRESS,
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(this, 'Quote', {
        parameters: { 'quoteId.$': '$$.Execution.Name', currency: 'EUR', 'input.$': '$' },
      })),
      tracingEnabled: true,
      logs: {
        destination: new logs.LogGroup(this, 'QuotesLogs', {
          retention: logs.RetentionDays.ONE_YEAR,
          encryptionKey: GatewayLogEncryption.keyFor(this),
          removalPolicy: RemovalPolicy.DESTROY,
        }),
        level: sfn.LogLevel.ALL,
      },
    });

    GatewayCompliance.acknowledgeRule(quotes, 'AwsSolutions-IAM5[Resource::*]',
      'Step Functions log delivery and X-Ray actions (logs:CreateLogDelivery, xray:PutTraceSegments, ...) support no resource-level permissions.');

    const bus = new events.EventBus(this, 'Bus');
    const reports = exampleFunction(this, 'ReportsFunction');

    this.gateway = new RestGateway(this, 'StorageFirst', { stages: [{ stageName: 'prod', webAclArn: exampleWebAcl(this, 'WebAcl').attrArn }] });
    this.gateway.addRoute('POST /orders', RestIntegration.sqsSendMessage(orders, {
      messageGroupId: GatewayValue.header('x-tenant-id'),
    }), { requestParameters: { 'method.request.header.x-tenant-id': true } });
    this.gateway.addRoute('POST /quotes', RestIntegration.stepFunctionsStartSyncExecution(quotes));
    this.gateway.addRoute('POST /events', RestIntegration.eventBridgePutEvents(bus, {
      source: 'com.example.orders',
      detailType: 'OrderNoted',
    }));
    this.gateway.addRoute('GET /reports/{id}', RestIntegration.lambdaFunction(reports, {
      responseTransferMode: apigateway.ResponseTransferMode.STREAM,
      timeout: Duration.minutes(5),
    }));
    // The streaming route may take 5 minutes: the latency alarms' thresholds follow it (80 %).
    monitor(this.gateway);
  }
}
