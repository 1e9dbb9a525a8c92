import { Stack, StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { HttpAuthorization, HttpGateway, HttpIntegration } from '../lib';
import { exampleFunction } from './stacks';
import { monitor } from './operations';

/**
 * An HTTP API with dev and prod stages: routes authorized with JWTs from a Cognito user pool
 * (one needing the `orders/write` scope), one IAM-authorized admin route, stage and per-route
 * throttles, and CORS for a browser app.
 */
export class HttpApiStack extends Stack {
  public readonly gateway: HttpGateway;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const orders = exampleFunction(this, 'OrdersFunction');
    const admin = exampleFunction(this, 'AdminFunction');

    const userPool = new cognito.UserPool(this, 'Users', {
      passwordPolicy: { minLength: 12, requireSymbols: true, requireDigits: true, requireLowercase: true, requireUppercase: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      featurePlan: cognito.FeaturePlan.PLUS,
    });
    const write = new cognito.ResourceServerScope({ scopeName: 'write', scopeDescription: 'Create orders' });
    const ordersServer = userPool.addResourceServer('OrdersServer', { identifier: 'orders', scopes: [write] });
    const webClient = userPool.addClient('WebClient', {
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.resourceServer(ordersServer, write)],
        callbackUrls: ['https://app.example.com/callback'],
      },
    });

    this.gateway = new HttpGateway(this, 'Orders', {
      description: 'Orders HTTP API',
      defaultAuthorization: HttpAuthorization.cognito(userPool, [webClient]),
      stages: [
        { stageName: 'dev', variables: { environment: 'dev' }, throttle: { rateLimit: 50, burstLimit: 100 } },
        { stageName: 'prod', variables: { environment: 'prod' }, throttle: { rateLimit: 500, burstLimit: 1000 } },
      ],
      cors: { allowOrigins: ['https://app.example.com'], allowCredentials: true },
    });

    const ordersIntegration = HttpIntegration.lambdaFunction(orders);
    this.gateway.addRoute('GET /orders', ordersIntegration);
    this.gateway.addRoute('GET /orders/{id}', ordersIntegration);
    this.gateway.addRoute('POST /orders', ordersIntegration, {
      authorizationScopes: ['orders/write'],
      throttle: { rateLimit: 20, burstLimit: 40 },
    });
    this.gateway.addRoute('DELETE /orders/{id}', HttpIntegration.lambdaFunction(admin), {
      authorization: HttpAuthorization.iam(),
    });
    // Alarms on every stage (and on the write route of its own) paging the on-call topic, and a dashboard.
    monitor(this.gateway, { routes: ['POST /orders'] });
  }
}
