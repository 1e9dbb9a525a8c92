import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { GatewayDomain, GatewayDomainOptions, GatewayEndpoint, GatewayValidationError, HttpGateway, RestGateway, RestIntegration } from '../../lib';
import { endpointAccessModeViolation, isEnhancedSecurityPolicy, resolveEndpointAccessMode, securityPolicyKindViolation } from '../../lib/common/domain-tls';
import { EndpointKind } from '../../lib/common/endpoint';

/** Enhanced TLS security policies and the endpoint access mode (issue 19; docs/rules.md row 84). */
const P = apigateway.SecurityPolicy;
const EU = { account: '123456789012', region: 'eu-west-1' };
const US = { account: '123456789012', region: 'us-east-1' };
const certArn = (region: string) => `arn:aws:acm:${region}:123456789012:certificate/11111111-2222-3333-4444-555555555555`;

function rest(env: typeof EU, endpoint: GatewayEndpoint, domain: Omit<GatewayDomainOptions, 'domainName'>) {
  const stack = new Stack(new App(), 'Stack', { env });
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', certArn(env.region));
  const build = () => {
    const api = new RestGateway(stack, 'Api', { endpoint, domain: { domainName: 'api.example.com', certificate, ...domain } });
    api.addRoute('GET /a', RestIntegration.mock());
    return api;
  };
  return { stack, build };
}

describe('security policy rules (pure)', () => {
  test('enhanced policies start with SecurityPolicy_', () => {
    expect(isEnhancedSecurityPolicy(P.TLS_1_2)).toBe(false);
    expect(isEnhancedSecurityPolicy(P.TLS13_1_3_FIPS_2025_09)).toBe(true);
  });

  test.each([
    [P.TLS_1_0, EndpointKind.EDGE, undefined],
    [P.TLS_1_2, EndpointKind.REGIONAL, undefined],
    [P.TLS13_2025_EDGE, EndpointKind.EDGE, undefined],
    [P.TLS12_PFS_2025_EDGE, EndpointKind.REGIONAL, /a regional custom domain takes TLS_1_0, TLS_1_2 or a regional policy/],
    [P.TLS12_2018_EDGE, EndpointKind.PRIVATE, /a private custom domain takes/],
    [P.TLS13_1_2_PQ_2025_09, EndpointKind.REGIONAL, undefined],
    [P.TLS13_1_2_PFS_PQ_2025_09, EndpointKind.PRIVATE, undefined],
    [P.TLS13_1_3_2025_09, EndpointKind.EDGE, /an edge-optimized custom domain takes TLS_1_0, TLS_1_2 or an edge policy/],
  ])('%s on a %s domain', (policy, kind, error) => {
    const violation = securityPolicyKindViolation(policy, kind);
    if (error) expect(violation).toMatch(error);
    else expect(violation).toBeUndefined();
  });

  test('the access mode goes with enhanced policies only, STRICT by default', () => {
    expect(endpointAccessModeViolation(P.TLS_1_2, apigateway.EndpointAccessMode.BASIC)).toMatch(/enhanced security policies \(SecurityPolicy_\*\) only/);
    expect(endpointAccessModeViolation(P.TLS13_1_3_2025_09, apigateway.EndpointAccessMode.BASIC)).toBeUndefined();
    expect(resolveEndpointAccessMode(P.TLS_1_2, undefined)).toBeUndefined();
    expect(resolveEndpointAccessMode(P.TLS13_1_3_2025_09, undefined)).toBe(apigateway.EndpointAccessMode.STRICT);
    expect(resolveEndpointAccessMode(P.TLS13_1_3_2025_09, apigateway.EndpointAccessMode.BASIC)).toBe(apigateway.EndpointAccessMode.BASIC);
  });
});

describe('REST custom domains', () => {
  test('a regional domain with TLS 1.3 gets endpoint access mode STRICT by default', () => {
    // GIVEN
    const { stack, build } = rest(EU, GatewayEndpoint.regional(), { securityPolicy: P.TLS13_1_3_2025_09 });

    // WHEN
    build();

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::DomainName', {
      SecurityPolicy: 'SecurityPolicy_TLS13_1_3_2025_09',
      EndpointAccessMode: 'STRICT',
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
  });

  test('a post-quantum policy with BASIC (a migration)', () => {
    const { stack, build } = rest(EU, GatewayEndpoint.regional(), {
      securityPolicy: P.TLS13_1_2_PQ_2025_09, endpointAccessMode: apigateway.EndpointAccessMode.BASIC,
    });
    build();
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::DomainName', {
      SecurityPolicy: 'SecurityPolicy_TLS13_1_2_PQ_2025_09', EndpointAccessMode: 'BASIC',
    });
  });

  test('an edge domain with the TLS 1.3 edge policy', () => {
    const { stack, build } = rest(US, GatewayEndpoint.edge(), { securityPolicy: P.TLS13_2025_EDGE });
    build();
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::DomainName', {
      SecurityPolicy: 'SecurityPolicy_TLS13_2025_EDGE', EndpointAccessMode: 'STRICT', EndpointConfiguration: { Types: ['EDGE'] },
    });
  });

  test('legacy TLS_1_2 renders no access mode (templates unchanged)', () => {
    const { stack, build } = rest(EU, GatewayEndpoint.regional(), {});
    build();
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::DomainName', { SecurityPolicy: 'TLS_1_2', EndpointAccessMode: Match.absent() });
  });

  test('a regional enhanced policy on an edge domain is rejected', () => {
    const { build } = rest(US, GatewayEndpoint.edge(), { securityPolicy: P.TLS13_1_3_FIPS_2025_09 });
    expect(build).toThrow(/^Stack\/Api: domain\.securityPolicy = "SecurityPolicy_TLS13_1_3_FIPS_2025_09" is invalid: an edge-optimized custom domain takes TLS_1_0, TLS_1_2 or an edge policy/);
  });

  test('an edge policy on a regional domain is rejected', () => {
    const { build } = rest(EU, GatewayEndpoint.regional(), { securityPolicy: P.TLS12_PFS_2025_EDGE });
    expect(build).toThrow(/^Stack\/Api: domain\.securityPolicy = "SecurityPolicy_TLS12_PFS_2025_EDGE" is invalid: a regional custom domain takes/);
  });

  test('an access mode with a legacy policy is rejected', () => {
    const { build } = rest(EU, GatewayEndpoint.regional(), { endpointAccessMode: apigateway.EndpointAccessMode.STRICT });
    expect(build).toThrow(/^Stack\/Api: domain\.endpointAccessMode = "STRICT" is invalid: the endpoint access mode applies to enhanced security policies \(SecurityPolicy_\*\) only; the legacy TLS_1_2 policy takes none/);
  });

  test('mutual TLS with an enhanced policy is rejected', () => {
    const { stack, build } = rest(EU, GatewayEndpoint.regional(), { securityPolicy: P.TLS13_1_3_2025_09 });
    const bucket = s3.Bucket.fromBucketName(stack, 'Trust', 'truststore');
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert2', certArn('eu-west-1'));
    expect(() => new RestGateway(stack, 'Mtls', {
      domain: { domainName: 'mtls.example.com', certificate, securityPolicy: P.TLS13_1_3_2025_09, mtls: { bucket, key: 'ca.pem' } },
    })).toThrow(/^Stack\/Mtls: domain\.mtls = .* is invalid: mutual TLS cannot be combined with an enhanced security policy/);
    expect(build).not.toThrow();
  });

  test('a multi-level base path works with an enhanced policy, not with TLS_1_0', () => {
    const { stack, build } = rest(EU, GatewayEndpoint.regional(), { securityPolicy: P.TLS13_1_3_2025_09, basePath: 'orders/v1' });
    build();
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { ApiMappingKey: 'orders/v1' });
    const legacy = rest(EU, GatewayEndpoint.regional(), { securityPolicy: P.TLS_1_0, basePath: 'orders/v1' });
    expect(legacy.build).toThrow(/domain\.basePath = "orders\/v1" is invalid: a multi-level base path needs a regional domain with the TLS_1_2 security policy \(or an enhanced one\), not TLS_1_0/);
  });

  test('a private domain (DomainNameV2) with a post-quantum policy gets STRICT; an edge policy is rejected', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack', { env: EU });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', certArn('eu-west-1'));

    // WHEN
    new RestGateway(stack, 'Private', {
      endpoint: GatewayEndpoint.privateEndpoint({ vpc }),
      domain: { domainName: 'private.example.com', certificate, securityPolicy: P.TLS13_1_2_PFS_PQ_2025_09 },
    }).addRoute('GET /a', RestIntegration.mock());

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::DomainNameV2', {
      SecurityPolicy: 'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09', EndpointAccessMode: 'STRICT',
    });
    expect(() => new RestGateway(stack, 'Edgy', {
      endpoint: GatewayEndpoint.privateEndpoint({ vpc }),
      domain: { domainName: 'edgy.example.com', certificate, securityPolicy: P.TLS13_2025_EDGE },
    })).toThrow(/^Stack\/Edgy: domain\.securityPolicy = "SecurityPolicy_TLS13_2025_EDGE" is invalid: a private custom domain takes/);
  });
});

describe('domains that HTTP and WebSocket APIs can use: legacy policies only', () => {
  function zone(stack: Stack) {
    return route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789ABC', zoneName: 'example.com' });
  }

  test('a GatewayDomain with an enhanced policy is rejected, naming the alternative', () => {
    const stack = new Stack(new App(), 'Stack', { env: EU });
    expect(() => new GatewayDomain(stack, 'Shared', { domainName: 'api.example.com', hostedZone: zone(stack), securityPolicy: P.TLS13_1_3_2025_09 }))
      .toThrow(/^Stack\/Shared: props\.securityPolicy = "SecurityPolicy_TLS13_1_3_2025_09" is invalid: a regional domain shared through GatewayDomain .* offers TLS_1_0 and TLS_1_2 only .*RestGateway's own regional `domain`/);
  });

  test('a GatewayDomain with an access mode (legacy policy) is rejected', () => {
    const stack = new Stack(new App(), 'Stack', { env: EU });
    expect(() => new GatewayDomain(stack, 'Shared', { domainName: 'api.example.com', hostedZone: zone(stack), endpointAccessMode: apigateway.EndpointAccessMode.BASIC }))
      .toThrow(/^Stack\/Shared: props\.endpointAccessMode = "BASIC" is invalid: the endpoint access mode applies to enhanced security policies/);
  });

  test('an HTTP API domain with an enhanced policy is rejected (HTTP APIs support TLS_1_2 only)', () => {
    const stack = new Stack(new App(), 'Stack', { env: EU });
    expect(() => new HttpGateway(stack, 'Http', { domain: { domainName: 'http.example.com', hostedZone: zone(stack), securityPolicy: P.TLS13_1_2_PQ_2025_09 } }))
      .toThrow(/^Stack\/Http: domain\.securityPolicy = "SecurityPolicy_TLS13_1_2_PQ_2025_09" is invalid: HTTP API custom domains offer the TLS_1_2 security policy only/);
  });

  test('plain-JavaScript callers: an unknown access mode is a GatewayValidationError', () => {
    const { build } = rest(EU, GatewayEndpoint.regional(), { securityPolicy: P.TLS13_1_3_2025_09, endpointAccessMode: 'LOOSE' as never });
    let error: unknown;
    try { build(); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(GatewayValidationError);
    expect((error as Error).message).toMatch(/^Stack\/Api: domain\.endpointAccessMode = "LOOSE" is invalid: expected one of apigateway\.EndpointAccessMode\.STRICT/);
  });
});
