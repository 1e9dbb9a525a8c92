/**
 * A private RestGateway reached through an `execute-api` interface endpoint created in a new VPC
 * (isolated subnets, private DNS on): a public-auth mock route and a Lambda route. Deploy-time
 * assertion: a function INSIDE the VPC calls both routes on the private invoke URL and gets 200 and
 * the expected bodies; the API is not reachable from outside the VPC (the resource policy denies
 * any other source, and private API hostnames do not resolve publicly).
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { GatewayEndpoint, RestAuthorization, RestGateway, RestIntegration } from '../lib';

const app = new App();
const stack = new Stack(app, 'IntegPrivateApi');

const vpc = new ec2.Vpc(stack, 'Vpc', {
  maxAzs: 2,
  natGateways: 0,
  subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
});

const orders = new lambda.Function(stack, 'Orders', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline(
    'exports.handler = async () => ({ statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ orders: [] }) });'),
});

const gateway = new RestGateway(stack, 'Api', {
  endpoint: GatewayEndpoint.privateEndpoint({ vpc }),
  stages: [{ stageName: 'prod' }],
  defaultAuthorization: RestAuthorization.none(),
});
gateway.addRoute('GET /health', RestIntegration.mock({ responseBody: '{"status":"ok"}' }));
gateway.addRoute('GET /orders', RestIntegration.lambdaFunction(orders));

// The caller runs in the VPC's isolated subnets: its only way to API Gateway is the interface
// endpoint, whose private DNS makes the API's default hostname resolve to it.
const callerSecurityGroup = new ec2.SecurityGroup(stack, 'CallerSecurityGroup', {
  vpc,
  description: 'HTTPS out to the execute-api endpoint',
  allowAllOutbound: false,
});
callerSecurityGroup.addEgressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(443), 'HTTPS to execute-api');
const caller = new lambda.Function(stack, 'Caller', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  timeout: Duration.seconds(30),
  vpc,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  securityGroups: [callerSecurityGroup],
  environment: { API_URL: gateway.urlForStage('prod') },
  code: lambda.Code.fromInline([
    'exports.handler = async () => {',
    '  const result = {};',
    '  for (const path of ["health", "orders"]) {',
    '    const response = await fetch(process.env.API_URL + path);',
    '    result[path] = { status: response.status, body: await response.json() };',
    '  }',
    '  return result;',
    '};',
  ].join('\n')),
});

const integ = new IntegTest(app, 'PrivateApiTest', { testCases: [stack] });

integ.assertions.invokeFunction({ functionName: caller.functionName })
  .expect(ExpectedResult.objectLike({
    Payload: Match.serializedJson({
      health: { status: 200, body: { status: 'ok' } },
      orders: { status: 200, body: { orders: [] } },
    }),
  }));
