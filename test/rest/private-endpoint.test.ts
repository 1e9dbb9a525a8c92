import { App, Fn, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { GatewayEndpoint, RestGateway, RestGatewayProps, RestIntegration } from '../../lib';
import { MAX_RESOURCE_POLICY_CHARS, privateApiPolicyStatements } from '../../lib/rest/private-endpoint';

const env = { account: '123456789012', region: 'eu-west-1' };

function newStack(app: App = new App()): Stack {
  return new Stack(app, 'Stack', { env });
}

function newVpc(stack: Stack): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr('10.42.0.0/16'), maxAzs: 2, natGateways: 0 });
}

function privateGateway(stack: Stack, props: RestGatewayProps): RestGateway {
  const gateway = new RestGateway(stack, 'Orders', props);
  gateway.addRoute('GET /orders', RestIntegration.mock());
  return gateway;
}

const givenEndpointId = 'vpce-0123456789abcdef0';
const otherEndpointId = 'vpce-0fedcba9876543210';

describe('privateApiPolicyStatements', () => {
  test('allows invoke only through the endpoints and denies it otherwise', () => {
    // WHEN
    const statements = privateApiPolicyStatements([givenEndpointId, otherEndpointId]).map(s => s.toStatementJson());

    // THEN
    expect(statements).toEqual([
      {
        Sid: 'AllowInvokeThroughVpcEndpoints',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'execute-api:Invoke',
        Resource: 'execute-api:/*',
        Condition: { StringEquals: { 'aws:SourceVpce': [givenEndpointId, otherEndpointId] } },
      },
      {
        Sid: 'DenyInvokeFromElsewhere',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'execute-api:Invoke',
        Resource: 'execute-api:/*',
        Condition: { StringNotEquals: { 'aws:SourceVpce': [givenEndpointId, otherEndpointId] } },
      },
    ]);
  });

  test('keeps a single endpoint as a list', () => {
    // WHEN
    const [allow, deny] = privateApiPolicyStatements([givenEndpointId]).map(s => s.toStatementJson());

    // THEN
    expect(allow.Condition).toEqual({ StringEquals: { 'aws:SourceVpce': [givenEndpointId] } });
    expect(deny.Condition).toEqual({ StringNotEquals: { 'aws:SourceVpce': [givenEndpointId] } });
  });

  test('the limit is 8,192 characters', () => {
    expect(MAX_RESOURCE_POLICY_CHARS).toBe(8192);
  });
});

describe('private endpoint with a VPC', () => {
  let template: Template;

  beforeEach(() => {
    // GIVEN
    const stack = newStack();
    const vpc = newVpc(stack);

    // WHEN
    privateGateway(stack, { endpoint: GatewayEndpoint.privateEndpoint({ vpc }) });
    template = Template.fromStack(stack);
  });

  test('creates an execute-api interface endpoint with private DNS in the private subnets', () => {
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 1);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: 'com.amazonaws.eu-west-1.execute-api',
      VpcEndpointType: 'Interface',
      PrivateDnsEnabled: true,
      VpcId: { Ref: Match.stringLikeRegexp('^Vpc') },
      SubnetIds: [{ Ref: Match.stringLikeRegexp('^VpcIsolatedSubnet1') }, { Ref: Match.stringLikeRegexp('^VpcIsolatedSubnet2') }],
      SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersExecuteApiEndpointSecurityGroup'), 'GroupId'] }],
    });
  });

  test('the security group admits only HTTPS from the VPC CIDR (the literal block, which cdk-nag can check)', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'HTTPS to the execute-api interface endpoint',
      SecurityGroupIngress: [{
        IpProtocol: 'tcp', FromPort: 443, ToPort: 443,
        CidrIp: '10.42.0.0/16',
        Description: 'HTTPS to execute-api',
      }],
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' })],
    });
  });

  test('the API is PRIVATE with the endpoint id', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['PRIVATE'], VpcEndpointIds: [{ Ref: Match.stringLikeRegexp('^OrdersExecuteApiEndpoint[0-9A-F]{8}$') }] },
    });
  });

  test('the resource policy allows invoke through the endpoint and denies it otherwise', () => {
    const endpoint = { Ref: Match.stringLikeRegexp('^OrdersExecuteApiEndpoint[0-9A-F]{8}$') };
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      Policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AllowInvokeThroughVpcEndpoints', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'execute-api:Invoke',
            Resource: 'execute-api:/*', Condition: { StringEquals: { 'aws:SourceVpce': [endpoint] } },
          },
          {
            Sid: 'DenyInvokeFromElsewhere', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'execute-api:Invoke',
            Resource: 'execute-api:/*', Condition: { StringNotEquals: { 'aws:SourceVpce': [endpoint] } },
          },
        ],
      },
    });
  });
});

describe('private endpoint options', () => {
  test('allowedPeers replace the VPC CIDR in the security group', () => {
    // GIVEN
    const stack = newStack();
    const vpc = newVpc(stack);

    // WHEN
    privateGateway(stack, {
      endpoint: GatewayEndpoint.privateEndpoint({ vpc, allowedPeers: [ec2.Peer.ipv4('192.168.7.0/24'), ec2.Peer.ipv4('172.16.3.0/24')] }),
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [
        Match.objectLike({ CidrIp: '192.168.7.0/24', FromPort: 443, ToPort: 443 }),
        Match.objectLike({ CidrIp: '172.16.3.0/24', FromPort: 443, ToPort: 443 }),
      ],
    });
  });

  test('an imported VPC is admitted by its CIDR block attribute', () => {
    // GIVEN
    const stack = newStack();
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Imported', {
      vpcId: 'vpc-0123456789abcdef0',
      vpcCidrBlock: '172.31.0.0/16',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
    });

    // WHEN
    privateGateway(stack, { endpoint: GatewayEndpoint.privateEndpoint({ vpc }) });

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '172.31.0.0/16', FromPort: 443, ToPort: 443 })],
    });
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcId: 'vpc-0123456789abcdef0',
      SubnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
    });
  });

  test('a VPC whose CIDR is a token is admitted by the Fn::GetAtt of its block', () => {
    // GIVEN
    const stack = newStack();
    const vpc = newVpc(stack);
    (vpc.node.defaultChild as ec2.CfnVPC).cidrBlock = Fn.importValue('SharedVpcCidr');

    // WHEN
    privateGateway(stack, { endpoint: GatewayEndpoint.privateEndpoint({ vpc }) });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ CidrIp: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Vpc'), 'CidrBlock'] }, FromPort: 443 })],
    });
  });

  test('given vpcEndpoints are used and no endpoint or security group is created', () => {
    // GIVEN
    const stack = newStack();
    const first = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'First', { vpcEndpointId: givenEndpointId, port: 443 });
    const second = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'Second', { vpcEndpointId: otherEndpointId, port: 443 });

    // WHEN
    privateGateway(stack, { endpoint: GatewayEndpoint.privateEndpoint({ vpcEndpoints: [first, second] }) });

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
    template.resourceCountIs('AWS::EC2::SecurityGroup', 0);
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['PRIVATE'], VpcEndpointIds: [givenEndpointId, otherEndpointId] },
      Policy: {
        Statement: [
          Match.objectLike({ Effect: 'Allow', Condition: { StringEquals: { 'aws:SourceVpce': [givenEndpointId, otherEndpointId] } } }),
          Match.objectLike({ Effect: 'Deny', Condition: { StringNotEquals: { 'aws:SourceVpce': [givenEndpointId, otherEndpointId] } } }),
        ],
      },
    });
  });

  test('neither vpc nor vpcEndpoints is an error', () => {
    expect(() => new RestGateway(newStack(), 'Orders', { endpoint: GatewayEndpoint.privateEndpoint({}) }))
      .toThrow(/Stack\/Orders: endpoint = "neither vpc nor vpcEndpoints" is invalid: a private endpoint needs a vpc .* or vpcEndpoints/);
  });

  test('an empty vpcEndpoints list without a vpc is an error', () => {
    expect(() => new RestGateway(newStack(), 'Orders', { endpoint: GatewayEndpoint.privateEndpoint({ vpcEndpoints: [] }) }))
      .toThrow(/endpoint = "neither vpc nor vpcEndpoints" is invalid/);
  });

  test('both vpc and vpcEndpoints is an error', () => {
    // GIVEN
    const stack = newStack();
    const vpc = newVpc(stack);
    const endpoint = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'First', { vpcEndpointId: givenEndpointId, port: 443 });

    // THEN
    expect(() => new RestGateway(stack, 'Orders', { endpoint: GatewayEndpoint.privateEndpoint({ vpc, vpcEndpoints: [endpoint] }) }))
      .toThrow(/Stack\/Orders: endpoint = "both vpc and vpcEndpoints" is invalid: give either a vpc or vpcEndpoints, not both/);
  });
});

describe('resource policy', () => {
  test('policyStatements are appended after the private statements', () => {
    // GIVEN
    const stack = newStack();
    const endpoint = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'First', { vpcEndpointId: givenEndpointId, port: 443 });

    // WHEN
    privateGateway(stack, {
      endpoint: GatewayEndpoint.privateEndpoint({ vpcEndpoints: [endpoint] }),
      policyStatements: [new iam.PolicyStatement({
        sid: 'DenyFromOtherAccounts',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['execute-api:Invoke'],
        resources: ['execute-api:/*/DELETE/*'],
        conditions: { StringNotEquals: { 'aws:PrincipalAccount': '123456789012' } },
      })],
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::RestApi', {
      Policy: {
        Statement: [
          Match.objectLike({ Sid: 'AllowInvokeThroughVpcEndpoints' }),
          Match.objectLike({ Sid: 'DenyInvokeFromElsewhere' }),
          Match.objectLike({ Sid: 'DenyFromOtherAccounts', Effect: 'Deny', Resource: 'execute-api:/*/DELETE/*' }),
        ],
      },
    });
  });

  test('policyStatements on a regional API form its whole policy', () => {
    // GIVEN
    const stack = newStack();

    // WHEN
    privateGateway(stack, {
      policyStatements: [new iam.PolicyStatement({
        sid: 'OnlyFromOffice',
        principals: [new iam.AnyPrincipal()],
        actions: ['execute-api:Invoke'],
        resources: ['execute-api:/*'],
        conditions: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      })],
    });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['REGIONAL'] },
      Policy: { Statement: [Match.objectLike({ Sid: 'OnlyFromOffice', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } })] },
    });
  });

  test('a resource policy over 8,192 characters warns: the quota can be raised', () => {
    // GIVEN
    const app = new App();
    const stack = newStack(app);
    const endpoint = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'First', { vpcEndpointId: givenEndpointId, port: 443 });
    const policyStatements = Array.from({ length: 60 }, (_, i) => new iam.PolicyStatement({
      sid: `DenyPath${i}`,
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['execute-api:Invoke'],
      resources: [`execute-api:/*/GET/some/rather/long/path/number/${i}/*`],
      conditions: { NotIpAddress: { 'aws:SourceIp': `198.51.100.${i}/32` } },
    }));

    // WHEN
    privateGateway(stack, { endpoint: GatewayEndpoint.privateEndpoint({ vpcEndpoints: [endpoint] }), policyStatements });

    // THEN
    expect(() => app.synth()).not.toThrow();
    Annotations.fromStack(stack).hasWarning('/Stack/Orders',
      Match.stringLikeRegexp('^\\d{4,} characters of REST API resource policy exceeds the default quota \\(API Gateway allows at most 8192'));
  });

  test('a resource policy under the limit synthesizes', () => {
    // GIVEN
    const stack = newStack();
    const endpoint = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'First', { vpcEndpointId: givenEndpointId, port: 443 });
    const policyStatements = Array.from({ length: 5 }, (_, i) => new iam.PolicyStatement({
      sid: `DenyPath${i}`,
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['execute-api:Invoke'],
      resources: [`execute-api:/*/GET/path/${i}/*`],
    }));

    // WHEN
    privateGateway(stack, { endpoint: GatewayEndpoint.privateEndpoint({ vpcEndpoints: [endpoint] }), policyStatements });

    // THEN
    const policy = Template.fromStack(stack).findResources('AWS::ApiGateway::RestApi');
    expect(Object.values(policy)[0].Properties.Policy.Statement).toHaveLength(7);
  });
});
