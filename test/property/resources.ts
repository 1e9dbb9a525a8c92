/**
 * The aws-cdk-lib values a generated configuration can hold, by jsii fqn and variant: how each is
 * made in a stack and how it is written in a printed regression test. Cheap imports where the
 * library only needs a reference; real constructs where it looks inside (a function's versions,
 * an alias's function). aws-cdk-lib enums and enum-like classes need no entry: their members are
 * read from aws-cdk-lib at run time (see jsii-arbitraries.ts).
 */
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { RestGateway, RestIntegration } from '../../lib';

/* eslint-disable @typescript-eslint/no-explicit-any -- resources of many types */

export interface ResourceRecipe {
  /** Makes the value in `stack` (called once per stack; the result is shared). */
  readonly make: (stack: cdk.Stack, get: (fqn: string, variant: string) => any) => any;
  /** The same as TypeScript, with `stack` in scope and other resources named by `ref(fqn, variant)`. */
  readonly code: string;
}

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

function inlineFunction(scope: Construct, id: string): cdk.aws_lambda.Function {
  return new cdk.aws_lambda.Function(scope, id, {
    runtime: cdk.aws_lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: cdk.aws_lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
}
const INLINE_FN = (id: string) => `new lambda.Function(stack, '${id}', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });') })`;

const VPC = () => ({ vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['eu-west-1a', 'eu-west-1b'], privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'] });

/** fqn → variant → recipe. */
export const RESOURCES: { [fqn: string]: { [variant: string]: ResourceRecipe } } = {
  'aws-cdk-lib.aws_lambda.IFunction': {
    main: { make: s => inlineFunction(s, 'Fn'), code: INLINE_FN('Fn') },
    other: { make: s => inlineFunction(s, 'OtherFn'), code: INLINE_FN('OtherFn') },
    imported: {
      make: s => cdk.aws_lambda.Function.fromFunctionArn(s, 'ImportedFn', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:imported`),
      code: `lambda.Function.fromFunctionArn(stack, 'ImportedFn', 'arn:aws:lambda:${REGION}:${ACCOUNT}:function:imported')`,
    },
  },
  'aws-cdk-lib.aws_lambda.IAlias': {
    live: {
      make: (s, get) => new cdk.aws_lambda.Alias(s, 'LiveAlias', { aliasName: 'live', version: get('aws-cdk-lib.aws_lambda.IFunction', 'main').currentVersion }),
      code: "new lambda.Alias(stack, 'LiveAlias', { aliasName: 'live', version: ref('aws-cdk-lib.aws_lambda.IFunction', 'main').currentVersion })",
    },
    next: {
      make: (s, get) => new cdk.aws_lambda.Alias(s, 'NextAlias', { aliasName: 'next', version: get('aws-cdk-lib.aws_lambda.IFunction', 'main').currentVersion }),
      code: "new lambda.Alias(stack, 'NextAlias', { aliasName: 'next', version: ref('aws-cdk-lib.aws_lambda.IFunction', 'main').currentVersion })",
    },
    ofOther: {
      make: (s, get) => new cdk.aws_lambda.Alias(s, 'OtherAlias', { aliasName: 'other', version: get('aws-cdk-lib.aws_lambda.IFunction', 'other').currentVersion }),
      code: "new lambda.Alias(stack, 'OtherAlias', { aliasName: 'other', version: ref('aws-cdk-lib.aws_lambda.IFunction', 'other').currentVersion })",
    },
  },
  'aws-cdk-lib.aws_kms.IKey': {
    imported: {
      make: s => cdk.aws_kms.Key.fromKeyArn(s, 'Key', `arn:aws:kms:${REGION}:${ACCOUNT}:key/0123abcd-12ab-34cd-56ef-1234567890ab`),
      code: `kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:${REGION}:${ACCOUNT}:key/0123abcd-12ab-34cd-56ef-1234567890ab')`,
    },
  },
  'aws-cdk-lib.aws_logs.ILogGroup': {
    imported: {
      make: s => cdk.aws_logs.LogGroup.fromLogGroupArn(s, 'Logs', `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:access-logs:*`),
      code: `logs.LogGroup.fromLogGroupArn(stack, 'Logs', 'arn:aws:logs:${REGION}:${ACCOUNT}:log-group:access-logs:*')`,
    },
  },
  'aws-cdk-lib.aws_cloudwatch.IAlarm': {
    imported: {
      make: s => cdk.aws_cloudwatch.Alarm.fromAlarmArn(s, 'Alarm', `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:errors`),
      code: `cloudwatch.Alarm.fromAlarmArn(stack, 'Alarm', 'arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:errors')`,
    },
  },
  'aws-cdk-lib.aws_cloudwatch.IAlarmAction': {
    sns: {
      make: s => new cdk.aws_cloudwatch_actions.SnsAction(cdk.aws_sns.Topic.fromTopicArn(s, 'AlarmTopic', `arn:aws:sns:${REGION}:${ACCOUNT}:alarms`)),
      code: `new cdk.aws_cloudwatch_actions.SnsAction(cdk.aws_sns.Topic.fromTopicArn(stack, 'AlarmTopic', 'arn:aws:sns:${REGION}:${ACCOUNT}:alarms'))`,
    },
  },
  'aws-cdk-lib.aws_codedeploy.ILambdaApplication': {
    imported: {
      make: s => cdk.aws_codedeploy.LambdaApplication.fromLambdaApplicationName(s, 'DeployApp', 'orders'),
      code: "codedeploy.LambdaApplication.fromLambdaApplicationName(stack, 'DeployApp', 'orders')",
    },
  },
  'aws-cdk-lib.aws_codedeploy.ILambdaDeploymentConfig': {
    canary: { make: () => cdk.aws_codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES, code: 'codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES' },
  },
  'aws-cdk-lib.aws_certificatemanager.ICertificate': {
    regional: {
      make: s => cdk.aws_certificatemanager.Certificate.fromCertificateArn(s, 'Cert', `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/0123abcd-12ab-34cd-56ef-1234567890ab`),
      code: `acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:${REGION}:${ACCOUNT}:certificate/0123abcd-12ab-34cd-56ef-1234567890ab')`,
    },
    usEast1: {
      make: s => cdk.aws_certificatemanager.Certificate.fromCertificateArn(s, 'EdgeCert', `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/0123abcd-12ab-34cd-56ef-1234567890ab`),
      code: `acm.Certificate.fromCertificateArn(stack, 'EdgeCert', 'arn:aws:acm:us-east-1:${ACCOUNT}:certificate/0123abcd-12ab-34cd-56ef-1234567890ab')`,
    },
  },
  'aws-cdk-lib.aws_route53.IHostedZone': {
    imported: {
      make: s => cdk.aws_route53.HostedZone.fromHostedZoneAttributes(s, 'Zone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' }),
      code: "route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' })",
    },
  },
  'aws-cdk-lib.aws_s3.IBucket': {
    imported: { make: s => cdk.aws_s3.Bucket.fromBucketName(s, 'Truststore', 'truststore-bucket'), code: "s3.Bucket.fromBucketName(stack, 'Truststore', 'truststore-bucket')" },
  },
  'aws-cdk-lib.aws_secretsmanager.ISecret': {
    imported: {
      make: s => cdk.aws_secretsmanager.Secret.fromSecretCompleteArn(s, 'Secret', `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:api-key-AbCdEf`),
      code: `secretsmanager.Secret.fromSecretCompleteArn(stack, 'Secret', 'arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:api-key-AbCdEf')`,
    },
  },
  'aws-cdk-lib.aws_cognito.IUserPool': {
    imported: { make: s => cdk.aws_cognito.UserPool.fromUserPoolId(s, 'Pool', `${REGION}_AbCdEfGhI`), code: `cognito.UserPool.fromUserPoolId(stack, 'Pool', '${REGION}_AbCdEfGhI')` },
  },
  'aws-cdk-lib.aws_cognito.IUserPoolClient': {
    imported: { make: s => cdk.aws_cognito.UserPoolClient.fromUserPoolClientId(s, 'PoolClient', 'abcdefghijklmnopqrstuvwxyz'), code: "cognito.UserPoolClient.fromUserPoolClientId(stack, 'PoolClient', 'abcdefghijklmnopqrstuvwxyz')" },
  },
  'aws-cdk-lib.aws_ec2.IVpc': {
    imported: { make: s => cdk.aws_ec2.Vpc.fromVpcAttributes(s, 'Vpc', VPC()), code: `ec2.Vpc.fromVpcAttributes(stack, 'Vpc', ${JSON.stringify(VPC())})` },
  },
  'aws-cdk-lib.aws_ec2.IInterfaceVpcEndpoint': {
    imported: {
      make: s => cdk.aws_ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(s, 'Endpoint', { vpcEndpointId: 'vpce-0123456789abcdef0', port: 443 }),
      code: "ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'Endpoint', { vpcEndpointId: 'vpce-0123456789abcdef0', port: 443 })",
    },
  },
  'aws-cdk-lib.aws_ec2.IPeer': {
    cidr: { make: () => cdk.aws_ec2.Peer.ipv4('10.0.0.0/16'), code: "ec2.Peer.ipv4('10.0.0.0/16')" },
  },
  'aws-cdk-lib.aws_ec2.SubnetSelection': {
    isolated: { make: () => ({ subnetType: cdk.aws_ec2.SubnetType.PRIVATE_WITH_EGRESS }), code: '{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }' },
  },
  'aws-cdk-lib.aws_elasticloadbalancingv2.INetworkLoadBalancer': {
    imported: {
      make: s => cdk.aws_elasticloadbalancingv2.NetworkLoadBalancer.fromNetworkLoadBalancerAttributes(s, 'Nlb', {
        loadBalancerArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/net/backend/0123456789abcdef`,
        loadBalancerDnsName: 'backend-0123456789abcdef.elb.eu-west-1.amazonaws.com',
      }),
      code: `elbv2.NetworkLoadBalancer.fromNetworkLoadBalancerAttributes(stack, 'Nlb', { loadBalancerArn: 'arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/net/backend/0123456789abcdef', loadBalancerDnsName: 'backend-0123456789abcdef.elb.eu-west-1.amazonaws.com' })`,
    },
  },
  'aws-cdk-lib.aws_elasticloadbalancingv2.INetworkListener': {
    imported: {
      make: s => cdk.aws_elasticloadbalancingv2.NetworkListener.fromNetworkListenerArn(s, 'NlbListener', `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/net/backend/0123456789abcdef/0123456789abcdef`),
      code: `elbv2.NetworkListener.fromNetworkListenerArn(stack, 'NlbListener', 'arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/net/backend/0123456789abcdef/0123456789abcdef')`,
    },
  },
  'aws-cdk-lib.aws_elasticloadbalancingv2.IApplicationListener': {
    imported: {
      make: s => cdk.aws_elasticloadbalancingv2.ApplicationListener.fromApplicationListenerAttributes(s, 'AlbListener', {
        listenerArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/backend/0123456789abcdef/0123456789abcdef`,
        securityGroup: cdk.aws_ec2.SecurityGroup.fromSecurityGroupId(s, 'AlbSg', 'sg-0123456789abcdef0'),
      }),
      code: `elbv2.ApplicationListener.fromApplicationListenerAttributes(stack, 'AlbListener', { listenerArn: 'arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/backend/0123456789abcdef/0123456789abcdef', securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'AlbSg', 'sg-0123456789abcdef0') })`,
    },
  },
  'aws-cdk-lib.aws_servicediscovery.IService': {
    imported: {
      make: s => cdk.aws_servicediscovery.Service.fromServiceAttributes(s, 'Service', {
        namespace: cdk.aws_servicediscovery.PrivateDnsNamespace.fromPrivateDnsNamespaceAttributes(s, 'Namespace', { namespaceArn: `arn:aws:servicediscovery:${REGION}:${ACCOUNT}:namespace/ns-0123456789abcdef`, namespaceId: 'ns-0123456789abcdef', namespaceName: 'internal' }),
        serviceArn: `arn:aws:servicediscovery:${REGION}:${ACCOUNT}:service/srv-0123456789abcdef`, serviceId: 'srv-0123456789abcdef', serviceName: 'backend',
        dnsRecordType: cdk.aws_servicediscovery.DnsRecordType.A, routingPolicy: cdk.aws_servicediscovery.RoutingPolicy.MULTIVALUE, discoveryType: cdk.aws_servicediscovery.DiscoveryType.DNS_AND_API,
      }),
      code: `servicediscovery.Service.fromServiceAttributes(stack, 'Service', { namespace: servicediscovery.PrivateDnsNamespace.fromPrivateDnsNamespaceAttributes(stack, 'Namespace', { namespaceArn: 'arn:aws:servicediscovery:${REGION}:${ACCOUNT}:namespace/ns-0123456789abcdef', namespaceId: 'ns-0123456789abcdef', namespaceName: 'internal' }), serviceArn: 'arn:aws:servicediscovery:${REGION}:${ACCOUNT}:service/srv-0123456789abcdef', serviceId: 'srv-0123456789abcdef', serviceName: 'backend', dnsRecordType: servicediscovery.DnsRecordType.A, routingPolicy: servicediscovery.RoutingPolicy.MULTIVALUE, discoveryType: servicediscovery.DiscoveryType.DNS_AND_API })`,
    },
  },
  'aws-cdk-lib.aws_apigatewayv2.IVpcLink': {
    imported: {
      make: (s, get) => cdk.aws_apigatewayv2.VpcLink.fromVpcLinkAttributes(s, 'V2VpcLink', { vpcLinkId: 'abc123', vpc: get('aws-cdk-lib.aws_ec2.IVpc', 'imported') }),
      code: "apigwv2.VpcLink.fromVpcLinkAttributes(stack, 'V2VpcLink', { vpcLinkId: 'abc123', vpc: ref('aws-cdk-lib.aws_ec2.IVpc', 'imported') })",
    },
  },
  'aws-cdk-lib.aws_apigateway.IVpcLink': {
    imported: { make: s => cdk.aws_apigateway.VpcLink.fromVpcLinkId(s, 'RestVpcLink', 'abc123'), code: "apigateway.VpcLink.fromVpcLinkId(stack, 'RestVpcLink', 'abc123')" },
  },
  'aws-cdk-lib.aws_apigatewayv2.ParameterMapping': {
    header: {
      make: () => new cdk.aws_apigatewayv2.ParameterMapping().appendHeader('x-source', cdk.aws_apigatewayv2.MappingValue.custom('gateway')),
      code: "new apigwv2.ParameterMapping().appendHeader('x-source', apigwv2.MappingValue.custom('gateway'))",
    },
  },
  'aws-cdk-lib.aws_apigateway.JsonSchema': {
    object: {
      make: () => ({ type: cdk.aws_apigateway.JsonSchemaType.OBJECT, required: ['name'], properties: { name: { type: cdk.aws_apigateway.JsonSchemaType.STRING } } }),
      code: "{ type: apigateway.JsonSchemaType.OBJECT, required: ['name'], properties: { name: { type: apigateway.JsonSchemaType.STRING } } }",
    },
  },
  // A non-proxy REST integration's responses (RestMappingOptions.integrationResponses): the
  // default, an error mapped by selection pattern with a template, a header set from the backend.
  'aws-cdk-lib.aws_apigateway.IntegrationResponse': {
    ok: { make: () => ({ statusCode: '200' }), code: "{ statusCode: '200' }" },
    notFound: {
      make: () => ({ statusCode: '404', selectionPattern: '.*Not found.*', responseTemplates: { 'application/json': '{"message":"not found"}' } }),
      code: "{ statusCode: '404', selectionPattern: '.*Not found.*', responseTemplates: { 'application/json': '{\"message\":\"not found\"}' } }",
    },
    header: {
      make: () => ({ statusCode: '201', selectionPattern: '2\\d{2}', responseParameters: { 'method.response.header.X-Request-Id': "'static'" } }),
      code: "{ statusCode: '201', selectionPattern: '2\\\\d{2}', responseParameters: { 'method.response.header.X-Request-Id': \"'static'\" } }",
    },
  },
  'aws-cdk-lib.aws_iam.PolicyStatement': {
    denyIp: {
      make: () => new cdk.aws_iam.PolicyStatement({ effect: cdk.aws_iam.Effect.DENY, actions: ['execute-api:Invoke'], principals: [new cdk.aws_iam.AnyPrincipal()], resources: ['execute-api:/*'], conditions: { IpAddress: { 'aws:SourceIp': ['192.0.2.0/24'] } } }),
      code: "new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['execute-api:Invoke'], principals: [new iam.AnyPrincipal()], resources: ['execute-api:/*'], conditions: { IpAddress: { 'aws:SourceIp': ['192.0.2.0/24'] } } })",
    },
  },
  'aws-cdk-lib.aws_sqs.IQueue': {
    standard: { make: s => cdk.aws_sqs.Queue.fromQueueArn(s, 'Queue', `arn:aws:sqs:${REGION}:${ACCOUNT}:messages`), code: `sqs.Queue.fromQueueArn(stack, 'Queue', 'arn:aws:sqs:${REGION}:${ACCOUNT}:messages')` },
    fifo: { make: s => cdk.aws_sqs.Queue.fromQueueArn(s, 'FifoQueue', `arn:aws:sqs:${REGION}:${ACCOUNT}:messages.fifo`), code: `sqs.Queue.fromQueueArn(stack, 'FifoQueue', 'arn:aws:sqs:${REGION}:${ACCOUNT}:messages.fifo')` },
  },
  // The targets of AWS-service integrations (issue 16): imported ones (any key, any type) and
  // ones made in the app (a table's key schema and an EXPRESS machine's type are checked).
  'aws-cdk-lib.aws_stepfunctions.IStateMachine': {
    imported: {
      make: s => cdk.aws_stepfunctions.StateMachine.fromStateMachineArn(s, 'Machine', `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:orders`),
      code: `sfn.StateMachine.fromStateMachineArn(stack, 'Machine', 'arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:orders')`,
    },
    express: {
      make: s => new cdk.aws_stepfunctions.StateMachine(s, 'ExpressMachine', {
        definitionBody: cdk.aws_stepfunctions.DefinitionBody.fromString('{"StartAt":"Done","States":{"Done":{"Type":"Pass","End":true}}}'),
        stateMachineType: cdk.aws_stepfunctions.StateMachineType.EXPRESS,
      }),
      code: "new sfn.StateMachine(stack, 'ExpressMachine', { definitionBody: sfn.DefinitionBody.fromString('{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Pass\",\"End\":true}}}'), stateMachineType: sfn.StateMachineType.EXPRESS })",
    },
  },
  'aws-cdk-lib.aws_events.IEventBus': {
    imported: { make: s => cdk.aws_events.EventBus.fromEventBusName(s, 'Bus', 'orders'), code: "events.EventBus.fromEventBusName(stack, 'Bus', 'orders')" },
  },
  'aws-cdk-lib.aws_kinesis.IStream': {
    imported: {
      make: s => cdk.aws_kinesis.Stream.fromStreamArn(s, 'Stream', `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/readings`),
      code: `kinesis.Stream.fromStreamArn(stack, 'Stream', 'arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/readings')`,
    },
  },
  'aws-cdk-lib.aws_dynamodb.ITable': {
    imported: { make: s => cdk.aws_dynamodb.Table.fromTableName(s, 'Table', 'orders'), code: "dynamodb.Table.fromTableName(stack, 'Table', 'orders')" },
    keyed: {
      make: s => new cdk.aws_dynamodb.Table(s, 'KeyedTable', { partitionKey: { name: 'id', type: cdk.aws_dynamodb.AttributeType.STRING } }),
      code: "new dynamodb.Table(stack, 'KeyedTable', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } })",
    },
  },
  // A route's `scope`: a team's nested stack under the gateway's stack, or a construct of another
  // top-level stack (an error).
  'constructs.Construct': {
    teamStack: { make: s => new cdk.NestedStack(s, 'TeamStack'), code: "new cdk.NestedStack(stack, 'TeamStack')" },
    otherStack: {
      make: s => new Construct(new cdk.Stack(s.node.root as cdk.App, 'OtherStack', { env: { account: ACCOUNT, region: REGION } }), 'Team'),
      code: `new Construct(new cdk.Stack(stack.node.root as cdk.App, 'OtherStack', { env: { account: '${ACCOUNT}', region: '${REGION}' } }), 'Team')`,
    },
  },
  // A routing rule's target (`RestGateway.addDomainRoutingRule`, issue 19): a REST gateway with a route.
  'cdk-api-gateways.IGateway': {
    rest: {
      make: s => {
        const target = new RestGateway(s, 'RoutingTarget');
        target.addRoute('GET /target', RestIntegration.mock());
        return target;
      },
      code: "(() => { const target = new RestGateway(stack, 'RoutingTarget'); target.addRoute('GET /target', RestIntegration.mock()); return target; })()",
    },
  },
  'aws-cdk-lib.aws_iam.IRole': {
    imported: { make: s => cdk.aws_iam.Role.fromRoleArn(s, 'Role', `arn:aws:iam::${ACCOUNT}:role/apigateway-logs`), code: `iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::${ACCOUNT}:role/apigateway-logs')` },
  },
};

/** The prelude of a printed regression test: the module aliases the recipes' code uses. */
export const CODE_PRELUDE = [
  'const { acm, apigateway, apigwv2, cloudwatch, codedeploy, cognito, dynamodb, ec2, elbv2, events, iam, kinesis, kms, lambda, logs, route53, s3, secretsmanager, servicediscovery, sfn, sqs } = {',
  '  acm: cdk.aws_certificatemanager, apigateway: cdk.aws_apigateway, apigwv2: cdk.aws_apigatewayv2, cloudwatch: cdk.aws_cloudwatch,',
  '  codedeploy: cdk.aws_codedeploy, cognito: cdk.aws_cognito, ec2: cdk.aws_ec2, elbv2: cdk.aws_elasticloadbalancingv2, iam: cdk.aws_iam,',
  '  kms: cdk.aws_kms, lambda: cdk.aws_lambda, logs: cdk.aws_logs, route53: cdk.aws_route53, s3: cdk.aws_s3,',
  '  secretsmanager: cdk.aws_secretsmanager, servicediscovery: cdk.aws_servicediscovery, sqs: cdk.aws_sqs,',
  '  dynamodb: cdk.aws_dynamodb, events: cdk.aws_events, kinesis: cdk.aws_kinesis, sfn: cdk.aws_stepfunctions,',
  '};',
].join('\n');
