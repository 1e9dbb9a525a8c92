import * as path from 'path';
import { Stack, StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { GatewayCompliance, GatewayOpenApiDocument, RestAuthorization, RestGateway, RestIntegration } from '../lib';
import { exampleFunction, exampleWebAcl } from './stacks';
import { monitor } from './operations';

/**
 * A contract-first REST API: the routes, their parameters, the request body model and validator,
 * the operation names and the authorizations come from an OpenAPI document
 * (examples/openapi/orders.yaml); the stages, logs, throttles and permissions are the library's.
 * One Lambda function serves the orders, another the deletions; the health check is a mock.
 */
export class ContractFirstStack extends Stack {
  public readonly api: RestGateway;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const orders = exampleFunction(this, 'OrdersFunction');
    const deletions = exampleFunction(this, 'DeletionsFunction');
    const userPool = new cognito.UserPool(this, 'Users', {
      passwordPolicy: { minLength: 12, requireSymbols: true, requireDigits: true, requireLowercase: true, requireUppercase: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      featurePlan: cognito.FeaturePlan.PLUS,
    });
    const webAcl = exampleWebAcl(this, 'WebAcl');

    this.api = new RestGateway(this, 'Orders', {
      description: 'Orders API (contract first)',
      stages: [{ stageName: 'prod', webAclArn: webAcl.attrArn, throttle: { rateLimit: 200, burstLimit: 400 } }],
      openApi: {
        document: GatewayOpenApiDocument.fromFile(path.join(__dirname, 'openapi', 'orders.yaml')),
        defaultIntegration: RestIntegration.lambdaFunction(orders),
        integrations: {
          deleteOrder: RestIntegration.lambdaFunction(deletions),
          health: RestIntegration.mock({ responseBody: '{"status":"ok"}' }),
        },
        authorizations: {
          cognito: RestAuthorization.cognito([userPool]),
          sigv4: RestAuthorization.iam(),
          none: RestAuthorization.none(),
        },
      },
    });
    // The document makes the health check public (`security: []`), mapped to none() above.
    for (const ruleId of ['AwsSolutions-APIG4', 'AwsSolutions-COG4']) {
      GatewayCompliance.acknowledgeRule(this.api.route('GET /health'), ruleId,
        'A public health check for the load balancer and uptime probes: it returns a constant and reads no data.');
    }
    monitor(this.api);
  }
}
