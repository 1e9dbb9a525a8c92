import * as path from 'path';
import { App, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import {
  GatewayCompliance, CacheClusterSize, GatewayAccountLogging, RestAuthorization, RestGateway, RestIntegration,
} from '../lib';
import { HttpApiStack } from './http-stack';
import { PrivateApiStack } from './private-stack';
import { WebSocketApiStack } from './websocket-stack';

import { DomainsStack } from './domain-stack';
import { AliasReleaseStack } from './release-stack';
import { StorageFirstStack } from './storage-first-stack';
import { ContractFirstStack } from './contract-first-stack';
import { monitor } from './operations';

const ENV = { account: '111111111111', region: 'eu-west-1' };

/**
 * An example Lambda handler. The functions are the user's, not the library's: their compliance
 * findings that an example cannot fix are acknowledged here with the reason.
 */
export function exampleFunction(scope: Construct, id: string): lambda.Function {
  const fn = new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromAsset(path.join(__dirname, 'handlers')),
    timeout: Duration.seconds(10),
    memorySize: 256,
    tracing: lambda.Tracing.ACTIVE,
  });
  const reasons: { [id: string]: string } = {
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
      'Example handler: the AWS managed basic execution role only writes its own logs.',
    'Serverless-LambdaDLQ': 'Invoked synchronously by API Gateway: errors return to the caller; a DLQ applies only to asynchronous invocations.',
    'AwsSolutions-IAM5[Resource::*]': 'X-Ray tracing: xray:PutTraceSegments and PutTelemetryRecords support no resource-level permissions.',
    'cdk-validator-cfnguard::lambda_inside_vpc_check': 'Example handler with no private resources to reach; a VPC adds cold-start latency and NAT cost for nothing.',
  };
  for (const [ruleId, reason] of Object.entries(reasons)) {
    GatewayCompliance.acknowledgeRule(fn, ruleId, reason);
  }
  return fn;
}

/** A regional WAF web ACL with AWS managed common rules, for the example stages. */
export function exampleWebAcl(scope: Construct, id: string): wafv2.CfnWebACL {
  return new wafv2.CfnWebACL(scope, id, {
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: id, sampledRequestsEnabled: true },
    rules: [{
      name: 'AWSManagedRulesCommonRuleSet',
      priority: 0,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'common', sampledRequestsEnabled: true },
    }],
  });
}

/** The account-level CloudWatch role for execution logs: once per account and region. */
export class AccountLoggingStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    new GatewayAccountLogging(this, 'ApiGatewayAccountLogging');
  }
}

/** A REST API with dev and prod stages, IAM, Cognito and Lambda authorizers, caching and CORS. */
export class RestApiStack extends Stack {
  public readonly gateway: RestGateway;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const orders = exampleFunction(this, 'OrdersFunction');
    const authorizerFn = exampleFunction(this, 'AuthorizerFunction');
    const userPool = new cognito.UserPool(this, 'Users', {
      passwordPolicy: { minLength: 12, requireSymbols: true, requireDigits: true, requireLowercase: true, requireUppercase: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      featurePlan: cognito.FeaturePlan.PLUS,
    });

    const webAcl = exampleWebAcl(this, 'WebAcl');
    const partnerKeySecret = new secretsmanager.Secret(this, 'PartnerKey', {
      generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'apiKey', passwordLength: 40, excludePunctuation: true },
    });
    GatewayCompliance.acknowledgeRule(partnerKeySecret, 'AwsSolutions-SMG4',
      'An API key handed to a partner is rotated by agreement with the partner, not on a schedule.');

    this.gateway = new RestGateway(this, 'Orders', {
      description: 'Orders API',
      stages: [
        { stageName: 'dev', variables: { environment: 'dev' }, webAclArn: webAcl.attrArn },
        {
          stageName: 'prod',
          webAclArn: webAcl.attrArn,
          variables: { environment: 'prod' },
          throttle: { rateLimit: 500, burstLimit: 1000 },
          cache: { clusterSize: CacheClusterSize.GB_0_5, ttl: Duration.minutes(5) },
        },
      ],
      cors: { allowOrigins: ['https://app.example.com'] },
    });

    // Listing orders is metered per partner key (the usage plans below apply to key-requiring
    // routes only) and cached per caller: the Cognito token is added to the cache key.
    this.gateway.addRoute('GET /orders', RestIntegration.lambdaFunction(orders), {
      authorization: RestAuthorization.cognito([userPool], { scopes: ['orders/read'] }),
      apiKeyRequired: true,
      requestParameters: { 'method.request.querystring.page': false },
      cache: { keyParameters: ['method.request.querystring.page'] },
    });
    this.gateway.addRoute('GET /orders/{id}', RestIntegration.lambdaFunction(orders));
    this.gateway.addRoute('POST /orders', RestIntegration.lambdaFunction(orders), {
      authorization: RestAuthorization.cognito([userPool], { scopes: ['orders/write'] }),
      requestSchema: {
        type: apigateway.JsonSchemaType.OBJECT,
        required: ['item', 'quantity'],
        properties: { item: { type: apigateway.JsonSchemaType.STRING }, quantity: { type: apigateway.JsonSchemaType.INTEGER, minimum: 1 } },
      },
      throttle: { rateLimit: 50, burstLimit: 100 },
    });
    this.gateway.addRoute('DELETE /orders/{id}', RestIntegration.lambdaFunction(orders), {
      authorization: RestAuthorization.lambdaToken(authorizerFn),
    });
    this.gateway.addRoute('GET /health', RestIntegration.mock({ responseBody: '{"status":"ok"}' }));

    // Usage plans: a free tier and a partner tier over both stages; keys generated by API Gateway
    // or imported from Secrets Manager (the value never appears in the template).
    this.gateway.addApiKey('acme', { description: 'ACME Corp (generated)' });
    this.gateway.addApiKey('globex', { description: 'Globex (imported)', valueSecret: partnerKeySecret, valueSecretField: 'apiKey' });
    this.gateway.addUsagePlan('free', {
      throttle: { rateLimit: 5, burstLimit: 10 },
      quota: { limit: 1000, period: apigateway.Period.DAY },
    });
    this.gateway.addUsagePlan('partner', {
      throttle: { rateLimit: 100, burstLimit: 200 },
      quota: { limit: 1_000_000, period: apigateway.Period.MONTH },
      stages: [{ stageName: 'dev' }, { stageName: 'prod', routeThrottles: { 'POST /orders': { rateLimit: 20, burstLimit: 40 } } }],
      apiKeys: ['acme', 'globex'],
    });
    // The default alarms on both stages, the 4XX rate too (partners' keys are metered), paging the
    // on-call topic, and a dashboard of both stages.
    monitor(this.gateway, { clientErrorRate: { enabled: true, threshold: 20 } });
  }
}

/** Adds every example stack to the app. */
export function buildExampleApp(app: App): void {
  new AccountLoggingStack(app, 'ApiGatewayAccountLogging', { env: ENV });
  new RestApiStack(app, 'RestApiExample', { env: ENV });
  new HttpApiStack(app, 'HttpApiExample', { env: ENV });
  new WebSocketApiStack(app, 'WebSocketApiExample', { env: ENV });
  new AliasReleaseStack(app, 'AliasReleaseExample', { env: ENV });
  new PrivateApiStack(app, 'PrivateApiExample', { env: ENV });
  new DomainsStack(app, 'DomainsExample', { env: ENV });
  new StorageFirstStack(app, 'StorageFirstExample', { env: ENV });
  new ContractFirstStack(app, 'ContractFirstExample', { env: ENV });
}
