import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { GatewayDomain, GatewayEndpoint, HttpGateway, HttpIntegration, RestGateway, RestIntegration, WebSocketGateway, WebSocketIntegration, EndpointKind } from '../../lib';
import { basePathViolation } from '../../lib/common/domain';
import { resolveDomainStage, v2ApiSecurityPolicyViolation } from '../../lib/common/domain';

const EU = { account: '123456789012', region: 'eu-west-1' };
const TWO_STAGES = [{ stageName: 'dev' }, { stageName: 'prod' }];

function setup() {
  const stack = new Stack(new App(), 'Stack', { env: EU });
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert',
    'arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555');
  return { stack, certificate };
}

describe('a custom domain names its stage when the gateway has several', () => {
  test('REST regional: no stageName with two stages is a clear error on domain.stageName', () => {
    const { stack, certificate } = setup();
    expect(() => new RestGateway(stack, 'Api', { stages: TWO_STAGES, domain: { domainName: 'api.example.com', certificate } }))
      .toThrow(/Stack\/Api: domain.stageName = undefined is invalid: the gateway has 2 stages \(dev, prod\): name the stage the domain serves, e.g. stageName: 'prod'/);
  });

  test('REST edge: same rule', () => {
    const { stack } = setup();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Edge', 'arn:aws:acm:us-east-1:123456789012:certificate/abc');
    expect(() => new RestGateway(stack, 'Api', { endpoint: GatewayEndpoint.edge(), stages: TWO_STAGES, domain: { domainName: 'api.example.com', certificate } }))
      .toThrow(/domain.stageName = undefined is invalid: the gateway has 2 stages/);
  });

  test('REST private: same rule', () => {
    const { stack, certificate } = setup();
    const endpoint = ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'Vpce', { vpcEndpointId: 'vpce-0123456789abcdef0', port: 443 });
    expect(() => new RestGateway(stack, 'Api', {
      endpoint: GatewayEndpoint.privateEndpoint({ vpcEndpoints: [endpoint] }), stages: TWO_STAGES, domain: { domainName: 'api.internal.example.com', certificate },
    })).toThrow(/domain.stageName = undefined is invalid: the gateway has 2 stages/);
  });

  test('REST: the named stage is served', () => {
    // GIVEN
    const { stack, certificate } = setup();

    // WHEN
    new RestGateway(stack, 'Api', { stages: TWO_STAGES, domain: { domainName: 'api.example.com', certificate, stageName: 'prod' } })
      .addRoute('GET /a', RestIntegration.mock());

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::BasePathMapping', { Stage: { Ref: Match.stringLikeRegexp('^ApiRestApiDeploymentStageprod') } });
  });

  test('REST with one stage: the stage may be left out', () => {
    // GIVEN
    const { stack, certificate } = setup();

    // WHEN
    new RestGateway(stack, 'Api', { stages: [{ stageName: 'live' }], domain: { domainName: 'api.example.com', certificate } })
      .addRoute('GET /a', RestIntegration.mock());

    // THEN
    Template.fromStack(stack).resourceCountIs('AWS::ApiGateway::BasePathMapping', 1);
  });

  test('HTTP and WebSocket: same rule on domain.stageName', () => {
    const { stack, certificate } = setup();
    expect(() => new HttpGateway(stack, 'Http', { stages: TWO_STAGES, domain: { domainName: 'http.example.com', certificate } }))
      .toThrow(/Stack\/Http: domain.stageName = undefined is invalid: the gateway has 2 stages \(dev, prod\)/);
    expect(() => new WebSocketGateway(stack, 'Ws', { stages: TWO_STAGES, domain: { domainName: 'ws.example.com', certificate } }))
      .toThrow(/Stack\/Ws: domain.stageName = undefined is invalid: the gateway has 2 stages \(dev, prod\)/);
  });

  test('HTTP and WebSocket with a named stage map it', () => {
    // GIVEN
    const { stack, certificate } = setup();

    // WHEN
    new HttpGateway(stack, 'Http', { stages: TWO_STAGES, domain: { domainName: 'http.example.com', certificate, stageName: 'prod' } })
      .addRoute('GET /a', HttpIntegration.http('https://example.org'));
    new WebSocketGateway(stack, 'Ws', { stages: TWO_STAGES, domain: { domainName: 'ws.example.com', certificate, stageName: 'dev' } })
      .addRoute('$connect', WebSocketIntegration.http('https://example.org'));

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { Stage: 'prod', ApiId: { Ref: Match.stringLikeRegexp('^HttpHttpApi') } });
    template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { Stage: 'dev', ApiId: { Ref: Match.stringLikeRegexp('^WsApi') } });
  });

  test('mapDomain on all three gateways needs the stage with several stages', () => {
    const { stack } = setup();
    const shared = new GatewayDomain(stack, 'Shared', { domainName: 'api.example.com', certificate: setup().certificate });
    const rest = new RestGateway(stack, 'Rest', { stages: TWO_STAGES });
    const http = new HttpGateway(stack, 'Http', { stages: TWO_STAGES });
    const ws = new WebSocketGateway(stack, 'Ws', { stages: TWO_STAGES });
    expect(() => rest.mapDomain(shared, { basePath: 'r' })).toThrow(/Stack\/Rest: mapDomain stageName = undefined is invalid: the gateway has 2 stages/);
    expect(() => http.mapDomain(shared, { basePath: 'h' })).toThrow(/Stack\/Http: mapDomain stageName = undefined is invalid: the gateway has 2 stages/);
    expect(() => ws.mapDomain(shared, { basePath: 'w' })).toThrow(/Stack\/Ws: mapDomain stageName = undefined is invalid: the gateway has 2 stages/);
  });

  test('resolveDomainStage (rule): named stage, only stage, or an error', () => {
    const { stack } = setup();
    expect(resolveDomainStage(stack, 'domain.stageName', ['dev', 'prod'], 'prod')).toBe('prod');
    expect(resolveDomainStage(stack, 'domain.stageName', ['live'], undefined)).toBe('live');
    expect(() => resolveDomainStage(stack, 'domain.stageName', ['a', 'b', 'c'], undefined)).toThrow(/3 stages \(a, b, c\).*stageName: 'c'/);
  });
});

describe('HTTP and WebSocket custom domains offer TLS_1_2 only', () => {
  test.each([
    [apigateway.SecurityPolicy.TLS_1_0],
    [apigateway.SecurityPolicy.TLS13_1_3_2025_09],
  ])('HTTP and WebSocket reject %s on domain.securityPolicy', policy => {
    const { stack, certificate } = setup();
    expect(() => new HttpGateway(stack, 'Http', { domain: { domainName: 'http.example.com', certificate, securityPolicy: policy } }))
      .toThrow(new RegExp(`Stack/Http: domain.securityPolicy = "${policy}" is invalid: HTTP API custom domains offer the TLS_1_2 security policy only`));
    expect(() => new WebSocketGateway(stack, 'Ws', { domain: { domainName: 'ws.example.com', certificate, securityPolicy: policy } }))
      .toThrow(new RegExp(`Stack/Ws: domain.securityPolicy = "${policy}" is invalid: WebSocket API custom domains offer the TLS_1_2 security policy only`));
  });

  test('TLS_1_2 (the default, or explicit) synthesizes', () => {
    // GIVEN
    const { stack, certificate } = setup();

    // WHEN
    new HttpGateway(stack, 'Http', { domain: { domainName: 'http.example.com', certificate, securityPolicy: apigateway.SecurityPolicy.TLS_1_2 } })
      .addRoute('GET /a', HttpIntegration.http('https://example.org'));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainNameConfigurations: [{ CertificateArn: certificate.certificateArn, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
    });
  });

  test('a TLS_1_0 GatewayDomain serves REST APIs but an HTTP or WebSocket API cannot be mapped onto it', () => {
    // GIVEN
    const { stack, certificate } = setup();
    const shared = new GatewayDomain(stack, 'Shared', { domainName: 'legacy.example.com', certificate, securityPolicy: apigateway.SecurityPolicy.TLS_1_0 });
    const rest = new RestGateway(stack, 'Rest');
    rest.addRoute('GET /a', RestIntegration.mock());

    // WHEN
    rest.mapDomain(shared, { basePath: 'rest' });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { ApiMappingKey: 'rest' });
    expect(() => new HttpGateway(stack, 'Http').mapDomain(shared, { basePath: 'http' }))
      .toThrow(/Stack\/Http: mapDomain = "TLS_1_0" is invalid: HTTP API custom domains offer the TLS_1_2 security policy only/);
    expect(() => new WebSocketGateway(stack, 'Ws').mapDomain(shared, { basePath: 'ws' }))
      .toThrow(/Stack\/Ws: mapDomain = "TLS_1_0" is invalid: WebSocket API custom domains offer the TLS_1_2 security policy only/);
  });

  test('v2ApiSecurityPolicyViolation (rule)', () => {
    expect(v2ApiSecurityPolicyViolation(undefined, 'HTTP API')).toBeUndefined();
    expect(v2ApiSecurityPolicyViolation(apigateway.SecurityPolicy.TLS_1_2, 'HTTP API')).toBeUndefined();
    expect(v2ApiSecurityPolicyViolation(apigateway.SecurityPolicy.TLS_1_0, 'WebSocket API')).toMatch(/TLS_1_2 security policy only/);
  });
});

describe('base paths and mappings: no stricter than the service', () => {
  test.each(['v1$', 'a+b', "it's", '(x)', 'n!*', 'orders/v1.2'])('base path %s is accepted', basePath => {
    expect(basePathViolation(basePath, EndpointKind.REGIONAL, apigateway.SecurityPolicy.TLS_1_2)).toBeUndefined();
  });

  test.each(['a b', 'a?b', '/v1', 'v1/', 'a//b', 'a#b'])('base path %s is rejected', basePath => {
    expect(basePathViolation(basePath, EndpointKind.REGIONAL, apigateway.SecurityPolicy.TLS_1_2)).toMatch(/a base path is one or more segments/);
  });

  test('single-level mappings do not count against the 200 multi-level mappings per domain', () => {
    // GIVEN
    const { stack, certificate } = setup();
    const shared = new GatewayDomain(stack, 'Shared', { domainName: 'api.example.com', certificate });

    // WHEN
    for (let i = 0; i < 250; i++) shared.claimBasePath(stack, `s${i}`);
    for (let i = 0; i < 200; i++) shared.claimBasePath(stack, `m/${i}`);

    // THEN
    expect(() => shared.claimBasePath(stack, 's250')).not.toThrow();
    expect(() => shared.claimBasePath(stack, 'm/200'))
      .toThrow(/mapDomain\(Stack\/Shared\) = "201 multi-level mappings" is invalid: API Gateway allows at most 200 multi-level API mappings per custom domain/);
  });
});
