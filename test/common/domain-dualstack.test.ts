import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import {
  GatewayDomain, GatewayEndpoint, GatewayIpAddressType, GatewayValidationError, HttpGateway, HttpIntegration, RestGateway, RestIntegration,
  WebSocketGateway, WebSocketIntegration,
} from '../../lib';
import { domainServesIpv6, effectiveIpAddressType, ipAddressTypeViolation } from '../../lib/common/ip-address-type';
import { EndpointKind } from '../../lib/common/endpoint';

/** Dual-stack APIs and custom domains (issue 19; docs/rules.md rows 82 and 83). */
const EU = { account: '123456789012', region: 'eu-west-1' };
const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

function setup() {
  const stack = new Stack(new App(), 'Stack', { env: EU });
  const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789ABC', zoneName: 'example.com' });
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT);
  return { stack, hostedZone, certificate };
}

function recordTypes(stack: Stack): string[] {
  return Object.values(Template.fromStack(stack).findResources('AWS::Route53::RecordSet')).map(r => r.Properties.Type).sort();
}

describe('IP address type rules (pure)', () => {
  test('private APIs and private domains are dual-stack only; the others take either', () => {
    expect(ipAddressTypeViolation(EndpointKind.PRIVATE, GatewayIpAddressType.IPV4, 'REST API')).toMatch(/a private REST API can only be dualstack/);
    expect(ipAddressTypeViolation(EndpointKind.PRIVATE, GatewayIpAddressType.DUALSTACK, 'REST API')).toBeUndefined();
    expect(ipAddressTypeViolation(EndpointKind.PRIVATE, undefined, 'REST API')).toBeUndefined();
    expect(ipAddressTypeViolation(EndpointKind.REGIONAL, GatewayIpAddressType.IPV4, 'REST API')).toBeUndefined();
    expect(ipAddressTypeViolation(EndpointKind.EDGE, GatewayIpAddressType.DUALSTACK, 'REST API')).toBeUndefined();
  });

  test('defaults: dual-stack for private, IPv4 otherwise; IPv6 answered by edge and dual-stack domains only', () => {
    expect(effectiveIpAddressType(EndpointKind.PRIVATE, undefined)).toBe(GatewayIpAddressType.DUALSTACK);
    expect(effectiveIpAddressType(EndpointKind.REGIONAL, undefined)).toBe(GatewayIpAddressType.IPV4);
    expect(domainServesIpv6(EndpointKind.EDGE, undefined)).toBe(true);
    expect(domainServesIpv6(EndpointKind.REGIONAL, undefined)).toBe(false);
    expect(domainServesIpv6(EndpointKind.REGIONAL, GatewayIpAddressType.DUALSTACK)).toBe(true);
  });
});

describe('RestGateway', () => {
  test('without ipAddressType the template has no IpAddressType (unchanged), and the gateway reads IPv4', () => {
    // GIVEN
    const { stack } = setup();

    // WHEN
    const api = new RestGateway(stack, 'Api');
    api.addRoute('GET /a', RestIntegration.mock());

    // THEN
    expect(api.ipAddressType).toBe(GatewayIpAddressType.IPV4);
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['REGIONAL'], IpAddressType: Match.absent() },
    });
  });

  test('a dual-stack regional API: the API and its own domain are dual-stack, with A and AAAA records', () => {
    // GIVEN
    const { stack, hostedZone } = setup();

    // WHEN
    const api = new RestGateway(stack, 'Api', { ipAddressType: GatewayIpAddressType.DUALSTACK, domain: { domainName: 'api.example.com', hostedZone } });
    api.addRoute('GET /a', RestIntegration.mock());

    // THEN
    expect(api.ipAddressType).toBe(GatewayIpAddressType.DUALSTACK);
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['REGIONAL'], IpAddressType: 'dualstack' } });
    t.hasResourceProperties('AWS::ApiGateway::DomainName', { EndpointConfiguration: { Types: ['REGIONAL'], IpAddressType: 'dualstack' } });
    expect(recordTypes(stack)).toEqual(['A', 'AAAA']);
  });

  test('a domain may differ from its API: an IPv4 domain on a dual-stack API gets no AAAA record', () => {
    // GIVEN
    const { stack, hostedZone } = setup();

    // WHEN
    new RestGateway(stack, 'Api', {
      ipAddressType: GatewayIpAddressType.DUALSTACK,
      domain: { domainName: 'api.example.com', hostedZone, ipAddressType: GatewayIpAddressType.IPV4 },
    }).addRoute('GET /a', RestIntegration.mock());

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::DomainName', { EndpointConfiguration: { IpAddressType: 'ipv4' } });
    expect(recordTypes(stack)).toEqual(['A']);
  });

  test('an edge-optimized domain keeps its AAAA record (CloudFront answers IPv6)', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
    const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789ABC', zoneName: 'example.com' });

    // WHEN
    new RestGateway(stack, 'Api', { endpoint: GatewayEndpoint.edge(), domain: { domainName: 'edge.example.com', hostedZone } })
      .addRoute('GET /a', RestIntegration.mock());

    // THEN
    expect(recordTypes(stack)).toEqual(['A', 'AAAA']);
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::DomainName', { EndpointConfiguration: { Types: ['EDGE'] } });
  });

  test('a private API is dual-stack: IPv4 is rejected, DUALSTACK rendered with the VPC endpoints', () => {
    // GIVEN
    const { stack } = setup();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });

    // WHEN / THEN
    expect(() => new RestGateway(stack, 'Ipv4', { endpoint: GatewayEndpoint.privateEndpoint({ vpc }), ipAddressType: GatewayIpAddressType.IPV4 }))
      .toThrow(/^Stack\/Ipv4: ipAddressType = "ipv4" is invalid: a private REST API can only be dualstack/);
    const api = new RestGateway(stack, 'Private', { endpoint: GatewayEndpoint.privateEndpoint({ vpc }), ipAddressType: GatewayIpAddressType.DUALSTACK });
    api.addRoute('GET /a', RestIntegration.mock());
    expect(api.ipAddressType).toBe(GatewayIpAddressType.DUALSTACK);
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['PRIVATE'], VpcEndpointIds: Match.anyValue(), IpAddressType: 'dualstack' },
    });
  });

  test('a private API without the prop reads dual-stack and renders no IpAddressType', () => {
    // GIVEN
    const { stack } = setup();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });

    // WHEN
    const api = new RestGateway(stack, 'Private', { endpoint: GatewayEndpoint.privateEndpoint({ vpc }) });
    api.addRoute('GET /a', RestIntegration.mock());

    // THEN
    expect(api.ipAddressType).toBe(GatewayIpAddressType.DUALSTACK);
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { IpAddressType: Match.absent() } });
  });

  test('a private custom domain is dual-stack only', () => {
    // GIVEN
    const { stack, certificate } = setup();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });

    // WHEN / THEN
    expect(() => new RestGateway(stack, 'Private', {
      endpoint: GatewayEndpoint.privateEndpoint({ vpc }),
      domain: { domainName: 'private.example.com', certificate, ipAddressType: GatewayIpAddressType.IPV4 },
    })).toThrow(/^Stack\/Private: domain\.ipAddressType = "ipv4" is invalid: a private custom domain can only be dualstack/);
  });
});

describe('HttpGateway and WebSocketGateway', () => {
  test('a dual-stack HTTP API: the API, its domain and an AAAA record', () => {
    // GIVEN
    const { stack, hostedZone } = setup();

    // WHEN
    const api = new HttpGateway(stack, 'Http', { ipAddressType: GatewayIpAddressType.DUALSTACK, domain: { domainName: 'http.example.com', hostedZone } });
    api.addRoute('GET /a', HttpIntegration.http('https://example.org'));

    // THEN
    expect(api.ipAddressType).toBe(GatewayIpAddressType.DUALSTACK);
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP', IpAddressType: 'dualstack' });
    t.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainNameConfigurations: [Match.objectLike({ EndpointType: 'REGIONAL', IpAddressType: 'dualstack' })],
    });
    expect(recordTypes(stack)).toEqual(['A', 'AAAA']);
  });

  test('a dual-stack WebSocket API with an IPv4 domain (allowed: the two may differ)', () => {
    // GIVEN
    const { stack, hostedZone } = setup();

    // WHEN
    const api = new WebSocketGateway(stack, 'Ws', {
      ipAddressType: GatewayIpAddressType.DUALSTACK,
      domain: { domainName: 'ws.example.com', hostedZone, ipAddressType: GatewayIpAddressType.IPV4 },
    });
    api.addRoute('$connect', WebSocketIntegration.mock());

    // THEN
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'WEBSOCKET', IpAddressType: 'dualstack' });
    t.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainNameConfigurations: [Match.objectLike({ IpAddressType: 'ipv4' })] });
    expect(recordTypes(stack)).toEqual(['A']);
  });

  test('without the prop: no IpAddressType on the API nor the domain, and an A record only', () => {
    // GIVEN
    const { stack, hostedZone } = setup();

    // WHEN
    const api = new HttpGateway(stack, 'Http', { domain: { domainName: 'http.example.com', hostedZone } });
    api.addRoute('GET /a', HttpIntegration.http('https://example.org'));

    // THEN
    expect(api.ipAddressType).toBe(GatewayIpAddressType.IPV4);
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGatewayV2::Api', { IpAddressType: Match.absent() });
    t.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainNameConfigurations: [Match.objectLike({ IpAddressType: Match.absent() })] });
    expect(recordTypes(stack)).toEqual(['A']);
  });
});

describe('GatewayDomain', () => {
  test('a dual-stack shared domain serves IPv4 APIs too (the service allows mixed types), with A and AAAA records', () => {
    // GIVEN
    const { stack, hostedZone } = setup();
    const shared = new GatewayDomain(stack, 'Shared', { domainName: 'api.example.com', hostedZone, ipAddressType: GatewayIpAddressType.DUALSTACK });
    const api = new RestGateway(stack, 'Api');
    api.addRoute('GET /a', RestIntegration.mock());

    // WHEN
    api.mapDomain(shared, { basePath: 'v1' });

    // THEN
    expect(shared.ipAddressType).toBe(GatewayIpAddressType.DUALSTACK);
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainNameConfigurations: [Match.objectLike({ IpAddressType: 'dualstack' })],
    });
    expect(recordTypes(stack)).toEqual(['A', 'AAAA']);
  });
});

describe('plain-JavaScript callers', () => {
  test.each([
    ['RestGateway', (stack: Stack) => new RestGateway(stack, 'Api', { ipAddressType: 'ipv6' as never })],
    ['HttpGateway', (stack: Stack) => new HttpGateway(stack, 'Api', { ipAddressType: 'ipv6' as never })],
    ['WebSocketGateway', (stack: Stack) => new WebSocketGateway(stack, 'Api', { ipAddressType: 'ipv6' as never })],
  ])('%s rejects an unknown ipAddressType with a GatewayValidationError', (_kind, build) => {
    const { stack } = setup();
    let error: unknown;
    try { build(stack); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(GatewayValidationError);
    expect((error as Error).message).toMatch(/^Stack\/Api: ipAddressType = "ipv6" is invalid: expected one of GatewayIpAddressType\.IPV4 \("ipv4"\), GatewayIpAddressType\.DUALSTACK \("dualstack"\)/);
  });

  test('a GatewayDomain rejects an unknown domain ipAddressType', () => {
    const { stack, hostedZone } = setup();
    expect(() => new GatewayDomain(stack, 'Shared', { domainName: 'api.example.com', hostedZone, ipAddressType: 'IPv6' as never }))
      .toThrow(/^Stack\/Shared: ipAddressType = "IPv6" is invalid: expected one of GatewayIpAddressType/);
  });
});
