import { Token } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { PrivateEndpointOptions } from '../common/endpoint';
import { check } from '../common/errors';
import { awsEc2 } from '../common/lazy';

/** A REST API resource policy is at most 8,192 characters (rule 14). */
export const MAX_RESOURCE_POLICY_CHARS = 8192;

/**
 * The resource policy of a private API (rule 2): invoke allowed only through the given VPC
 * endpoints, and explicitly denied otherwise.
 */
export function privateApiPolicyStatements(vpcEndpointIds: string[]): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'AllowInvokeThroughVpcEndpoints',
      effect: iam.Effect.ALLOW,
      principals: [new iam.AnyPrincipal()],
      actions: ['execute-api:Invoke'],
      resources: ['execute-api:/*'],
      conditions: { StringEquals: { 'aws:SourceVpce': vpcEndpointIds } },
    }),
    new iam.PolicyStatement({
      sid: 'DenyInvokeFromElsewhere',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['execute-api:Invoke'],
      resources: ['execute-api:/*'],
      conditions: { StringNotEquals: { 'aws:SourceVpce': vpcEndpointIds } },
    }),
  ];
}

/**
 * The CIDR block of a VPC defined in the app, as the literal the VPC was given, so that the
 * template (and rule checkers such as cdk-nag's AwsSolutions-EC23, which cannot evaluate
 * `Fn::GetAtt`) show it; undefined for imported VPCs and tokens.
 */
export function literalVpcCidr(vpc: ec2.IVpc): string | undefined {
  const cfn = vpc.node.defaultChild;
  if (!(cfn instanceof awsEc2().CfnVPC)) return undefined;
  const cidr = cfn.cidrBlock;
  return typeof cidr === 'string' && !Token.isUnresolved(cidr) ? cidr : undefined;
}

/**
 * The interface endpoints of a private API: the given ones, or one created in the given VPC
 * with private DNS and a security group admitting HTTPS from the VPC (or the given peers).
 */
export function resolvePrivateEndpoints(scope: Construct, prop: string, options: PrivateEndpointOptions): ec2.IInterfaceVpcEndpoint[] {
  const given = options.vpcEndpoints ?? [];
  check(scope, prop, 'neither vpc nor vpcEndpoints',
    given.length === 0 && !options.vpc ? 'a private endpoint needs a vpc (an endpoint is created in it) or vpcEndpoints' : undefined);
  check(scope, prop, 'both vpc and vpcEndpoints',
    given.length > 0 && options.vpc ? 'give either a vpc or vpcEndpoints, not both' : undefined);
  if (given.length > 0) return given;
  const vpc = options.vpc!;
  let vpcCidr: string | undefined;
  if (!options.allowedPeers) {
    try {
      vpcCidr = literalVpcCidr(vpc) ?? vpc.vpcCidrBlock;
    } catch {
      // An imported VPC without vpcCidrBlock: aws-cdk-lib would throw its own error, without the path.
    }
    check(scope, `${prop}.allowedPeers`, undefined, vpcCidr === undefined
      ? 'the VPC does not say its CIDR block (imported without vpcCidrBlock): give allowedPeers, the clients admitted to the endpoint' : undefined);
  }
  const { InterfaceVpcEndpoint, InterfaceVpcEndpointAwsService, Peer, Port, SecurityGroup } = awsEc2();
  const securityGroup = new SecurityGroup(scope, 'ExecuteApiEndpointSecurityGroup', {
    vpc,
    description: 'HTTPS to the execute-api interface endpoint',
    allowAllOutbound: false,
  });
  for (const peer of options.allowedPeers ?? [Peer.ipv4(vpcCidr!)]) {
    securityGroup.addIngressRule(peer, Port.tcp(443), 'HTTPS to execute-api');
  }
  return [new InterfaceVpcEndpoint(scope, 'ExecuteApiEndpoint', {
    vpc,
    service: InterfaceVpcEndpointAwsService.APIGATEWAY,
    privateDnsEnabled: true,
    subnets: options.subnets,
    securityGroups: [securityGroup],
    open: false,
  })];
}
