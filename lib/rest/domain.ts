/**
 * The custom domain of a RestGateway's `domain` prop: an edge or regional `apigateway.DomainName`,
 * or a private custom domain (`AWS::ApiGateway::DomainNameV2`) reachable only through the API's
 * VPC endpoints.
 */
import { Lazy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { GatewayDomainOptions, addAliasRecords, basePathViolation, resolveDomainStage } from '../common/domain';
import { resolveDomainCertificate } from '../common/domain-certificate';
import { resolveEndpointAccessMode } from '../common/domain-tls';
import { EndpointKind } from '../common/endpoint';
import { GatewayIpAddressType, domainServesIpv6, ipAddressTypeViolation } from '../common/ip-address-type';
import { check, warn } from '../common/errors';
import { awsEc2, awsRoute53, awsRoute53Targets } from '../common/lazy';
import { privateApiPolicyStatements } from './private-endpoint';
import { claimDomainName } from '../common/domain-names';

/** The gateway a domain serves: its API, its stages and, for a private API, its VPC endpoints. */
export interface RestDomainTarget {
  /** The gateway (the domain's constructs are made under it, errors name its path). */
  readonly scope: Construct;
  readonly restApi: apigateway.RestApi;
  readonly endpointKind: EndpointKind;
  readonly stageNames: string[];
  /** The stage of a name, failing with an error on `prop` when there is none. */
  requireStage(prop: string, stageName: string): apigateway.Stage;
  readonly vpcEndpoints: ec2.IInterfaceVpcEndpoint[];
  /** The gateway's `ipAddressType` prop, which its own domain follows unless the domain sets one. */
  readonly ipAddressType?: GatewayIpAddressType;
}

/**
 * A private custom domain (rule 3): an `AWS::ApiGateway::DomainNameV2` reachable only through
 * the API's VPC endpoints (its own resource policy, and one access association per endpoint),
 * a base-path mapping, and an alias record to the endpoint in a private hosted zone.
 */
export function addRestPrivateCustomDomain(target: RestDomainTarget, options: GatewayDomainOptions): apigateway.CfnDomainNameV2 {
  const scope = target.scope;
  check(scope, 'domain.certificate', undefined, options.certificate ? undefined
    : 'a private custom domain needs a certificate (ACM in the API\'s region); its hostedZone is the private zone of the VPC, which cannot validate a new certificate');
  check(scope, 'domain.mtls', options.mtls, options.mtls ? 'mutual TLS is not available on private custom domains' : undefined);
  const securityPolicy = options.securityPolicy ?? apigateway.SecurityPolicy.TLS_1_2;
  check(scope, 'domain.ipAddressType', options.ipAddressType, ipAddressTypeViolation(EndpointKind.PRIVATE, options.ipAddressType, 'custom domain'));
  if (options.basePath !== undefined) {
    check(scope, 'domain.basePath', options.basePath, basePathViolation(options.basePath, EndpointKind.REGIONAL, securityPolicy));
  }
  const stageName = resolveDomainStage(scope, 'domain.stageName', target.stageNames, options.stageName);
  const stage = target.requireStage('domain.stageName', stageName);
  // The certificate of a private domain lives in the API's region, like a regional one's; its
  // security policies are the regional ones.
  const certificate = resolveDomainCertificate(scope, 'domain', options, EndpointKind.REGIONAL, EndpointKind.PRIVATE);
  const vpceIds = target.vpcEndpoints.map(e => e.vpcEndpointId);
  const policy = new iam.PolicyDocument({ statements: privateApiPolicyStatements(vpceIds) });
  const domain = new apigateway.CfnDomainNameV2(scope, 'PrivateCustomDomain', {
    domainName: options.domainName,
    certificateArn: certificate.certificateArn,
    // Rendered only when chosen: a private domain is dual-stack in any case (rule 82).
    endpointConfiguration: { types: ['PRIVATE'], ipAddressType: options.ipAddressType },
    securityPolicy,
    endpointAccessMode: resolveEndpointAccessMode(securityPolicy, options.endpointAccessMode),
    policy: Lazy.any({ produce: () => policy.toJSON() }),
  });
  const mapping = new apigateway.CfnBasePathMappingV2(scope, 'PrivateCustomDomainMapping', {
    domainNameArn: domain.attrDomainNameArn,
    restApiId: target.restApi.restApiId,
    stage: stageName,
    basePath: options.basePath,
  });
  mapping.node.addDependency(stage);
  target.vpcEndpoints.forEach((endpoint, i) => {
    new apigateway.CfnDomainNameAccessAssociation(scope, `PrivateCustomDomainAccess${i}`, {
      domainNameArn: domain.attrDomainNameArn,
      accessAssociationSource: endpoint.vpcEndpointId,
      accessAssociationSourceType: 'VPCE',
    });
  });
  const firstEndpoint = target.vpcEndpoints[0];
  if (options.hostedZone && firstEndpoint instanceof awsEc2().InterfaceVpcEndpoint) {
    const { ARecord, RecordTarget } = awsRoute53();
    const { InterfaceVpcEndpointTarget } = awsRoute53Targets();
    new ARecord(scope, 'PrivateDomainAlias', {
      zone: options.hostedZone,
      recordName: options.domainName,
      target: RecordTarget.fromAlias(new InterfaceVpcEndpointTarget(firstEndpoint)),
    });
  } else if (options.hostedZone) {
    warn(scope, 'privateDomainRecord', `domain.hostedZone: the VPC endpoint ${firstEndpoint?.node.path} was imported, so no alias record to it can be made; `
      + `create an alias or CNAME for ${options.domainName} to the endpoint's DNS name in the private zone.`);
  }
  return domain;
}

/** An edge or regional custom domain with a base-path (or multi-level API) mapping of one stage. */
export function addRestCustomDomain(target: RestDomainTarget, options: GatewayDomainOptions): apigateway.DomainName {
  const scope = target.scope;
  const kind = target.endpointKind;
  const securityPolicy = options.securityPolicy ?? apigateway.SecurityPolicy.TLS_1_2;
  if (options.basePath !== undefined) {
    check(scope, 'domain.basePath', options.basePath, basePathViolation(options.basePath, kind, securityPolicy));
  }
  const stageName = resolveDomainStage(scope, 'domain.stageName', target.stageNames, options.stageName);
  const stage = target.requireStage('domain.stageName', stageName);
  claimDomainName(scope, 'domain.domainName', options.domainName, 'public');
  const certificate = resolveDomainCertificate(scope, 'domain', options, kind);
  const endpointType = kind === EndpointKind.EDGE ? apigateway.EndpointType.EDGE : apigateway.EndpointType.REGIONAL;
  const domain = new apigateway.DomainName(scope, 'CustomDomain', {
    domainName: options.domainName,
    certificate,
    endpointType,
    securityPolicy,
    endpointAccessMode: resolveEndpointAccessMode(securityPolicy, options.endpointAccessMode),
    mtls: options.mtls ? { bucket: options.mtls.bucket, key: options.mtls.key, version: options.mtls.version } : undefined,
  });
  // The domain follows the gateway's IP address type unless it sets its own; rendered only when
  // one of them is chosen. The DomainName L2 has no such prop: set it on the L1.
  const ipAddressType = options.ipAddressType ?? target.ipAddressType;
  if (ipAddressType !== undefined) {
    (domain.node.defaultChild as apigateway.CfnDomainName).endpointConfiguration = { types: [endpointType], ipAddressType };
  }
  if (options.basePath?.includes('/')) {
    domain.addApiMapping(stage, { basePath: options.basePath });
  } else {
    domain.addBasePathMapping(target.restApi, { basePath: options.basePath, stage });
  }
  const { ApiGatewayDomain } = awsRoute53Targets();
  addAliasRecords(scope, options.hostedZone, options.domainName, new ApiGatewayDomain(domain), domainServesIpv6(kind, ipAddressType));
  return domain;
}
