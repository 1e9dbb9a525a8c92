import { RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { WebSocketAuthorization, WebSocketGateway, WebSocketIntegration } from '../lib';
import { exampleFunction } from './stacks';
import { monitor } from './operations';

/**
 * A chat-style WebSocket API: clients connect with a token checked by a Lambda REQUEST authorizer,
 * connections are stored in DynamoDB, and `sendMessage` broadcasts through a Lambda that posts to
 * every connection with the API Gateway management API (`@connections`).
 */
export class WebSocketApiStack extends Stack {
  public readonly gateway: WebSocketGateway;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const connections = new dynamodb.Table(this, 'Connections', {
      partitionKey: { name: 'connectionId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const authorizerFn = exampleFunction(this, 'AuthorizerFunction');
    const connectFn = exampleFunction(this, 'ConnectFunction');
    const disconnectFn = exampleFunction(this, 'DisconnectFunction');
    const messageFn = exampleFunction(this, 'MessageFunction');

    this.gateway = new WebSocketGateway(this, 'Chat', {
      description: 'Chat API',
      stages: [
        { stageName: 'dev', variables: { environment: 'dev' } },
        { stageName: 'prod', variables: { environment: 'prod' }, throttle: { rateLimit: 500, burstLimit: 1000 } },
      ],
    });
    // Browsers cannot set headers on a WebSocket: the token travels in the query string.
    this.gateway.addRoute('$connect', WebSocketIntegration.lambdaFunction(connectFn), {
      authorization: WebSocketAuthorization.lambdaRequest(authorizerFn, { identitySources: ['route.request.querystring.token'] }),
    });
    this.gateway.addRoute('$disconnect', WebSocketIntegration.lambdaFunction(disconnectFn));
    this.gateway.addRoute('sendMessage', WebSocketIntegration.lambdaFunction(messageFn), {
      throttle: { rateLimit: 100, burstLimit: 200 },
    });

    connections.grantWriteData(connectFn);
    connections.grantWriteData(disconnectFn);
    connections.grantReadWriteData(messageFn);
    for (const fn of [connectFn, disconnectFn, messageFn]) {
      fn.addEnvironment('CONNECTIONS_TABLE', connections.tableName);
    }
    // The broadcaster posts to each stored connection of its stage through the callback URL.
    for (const stageName of this.gateway.stageNames) {
      this.gateway.grantManageConnections(messageFn, stageName);
    }
    messageFn.addEnvironment('CALLBACK_URL_DEV', this.gateway.callbackUrlForStage('dev'));
    messageFn.addEnvironment('CALLBACK_URL_PROD', this.gateway.callbackUrlForStage('prod'));
    monitor(this.gateway);
  }
}
