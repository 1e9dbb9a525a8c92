import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import {
  GatewayDomain, GatewayDomainProps, GatewayEndpoint, GatewayRoutingMode, GatewayValidationError, HttpGateway, HttpIntegration, RestGateway,
  RestIntegration,
} from '../../lib';
import {
  neededRoutingMode, restDomainRoutingModeValue, routingHeaderNameViolation, routingModeViolation, routingRulePriorityViolation,
  routingValueGlobViolation,
} from '../../lib/common/routing-rules';

/** Routing rules on custom domains and the domain's routing mode (issue 19; docs/rules.md rows 85 and 86). */
const EU = { account: '123456789012', region: 'eu-west-1' };

function setup(props: Partial<GatewayDomainProps> = {}) {
  const stack = new Stack(new App(), 'Stack', { env: EU });
  const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789ABC', zoneName: 'example.com' });
  const domain = new GatewayDomain(stack, 'Shared', { domainName: 'api.example.com', hostedZone, ...props });
  const v1 = new RestGateway(stack, 'OrdersV1');
  v1.addRoute('GET /orders', RestIntegration.mock());
  const v2 = new RestGateway(stack, 'OrdersV2', { stages: [{ stageName: 'beta' }, { stageName: 'prod' }] });
  v2.addRoute('GET /orders', RestIntegration.mock());
  return { stack, domain, v1, v2 };
}

describe('routing rule rules (pure)', () => {
  test('priority: an integer from 1 to 1,000,000', () => {
    expect(routingRulePriorityViolation(1)).toBeUndefined();
    expect(routingRulePriorityViolation(1_000_000)).toBeUndefined();
    expect(routingRulePriorityViolation(0)).toMatch(/an integer from 1 to 1,000,000/);
    expect(routingRulePriorityViolation(1_000_001)).toMatch(/an integer from 1 to 1,000,000/);
    expect(routingRulePriorityViolation(2.5)).toMatch(/an integer/);
  });

  test('header names: under 40 characters, no wildcard', () => {
    expect(routingHeaderNameViolation('Accept-Version')).toBeUndefined();
    expect(routingHeaderNameViolation('x'.repeat(40))).toMatch(/1 to 39 characters/);
    expect(routingHeaderNameViolation('x-*')).toMatch(/no wildcard/);
    expect(routingHeaderNameViolation('x version')).toMatch(/letters, digits/);
  });

  test('value globs: under 128 characters, wildcards only at the ends', () => {
    expect(routingValueGlobViolation('v2*')).toBeUndefined();
    expect(routingValueGlobViolation('*-beta')).toBeUndefined();
    expect(routingValueGlobViolation('*canary*')).toBeUndefined();
    expect(routingValueGlobViolation('image/webp')).toBeUndefined();
    expect(routingValueGlobViolation('v*2')).toMatch(/a wildcard may only open and\/or close/);
    expect(routingValueGlobViolation('*')).toMatch(/a wildcard may only open and\/or close/);
    expect(routingValueGlobViolation('a b')).toMatch(/letters, digits/);
    expect(routingValueGlobViolation('x'.repeat(128))).toMatch(/1 to 127 characters/);
  });

  test('routing mode: REST domains spell two of the modes differently', () => {
    expect(restDomainRoutingModeValue(GatewayRoutingMode.API_MAPPING_ONLY)).toBe('BASE_PATH_MAPPING_ONLY');
    expect(restDomainRoutingModeValue(GatewayRoutingMode.ROUTING_RULE_THEN_API_MAPPING)).toBe('ROUTING_RULE_THEN_BASE_PATH_MAPPING');
    expect(restDomainRoutingModeValue(GatewayRoutingMode.ROUTING_RULE_ONLY)).toBe('ROUTING_RULE_ONLY');
  });

  test('routing mode: needed and checked against rules and mappings', () => {
    expect(neededRoutingMode(0, 3)).toBe(GatewayRoutingMode.API_MAPPING_ONLY);
    expect(neededRoutingMode(2, 0)).toBe(GatewayRoutingMode.ROUTING_RULE_ONLY);
    expect(neededRoutingMode(2, 1)).toBe(GatewayRoutingMode.ROUTING_RULE_THEN_API_MAPPING);
    expect(routingModeViolation(GatewayRoutingMode.API_MAPPING_ONLY, 1, 0)).toMatch(/which API_MAPPING_ONLY ignores/);
    expect(routingModeViolation(GatewayRoutingMode.ROUTING_RULE_ONLY, 1, 1)).toMatch(/which ROUTING_RULE_ONLY does not take/);
    expect(routingModeViolation(GatewayRoutingMode.ROUTING_RULE_THEN_API_MAPPING, 0, 1)).toBeUndefined();
  });
});

describe('GatewayDomain.addRoutingRule', () => {
  test('a header rule to a REST stage; routing mode ROUTING_RULE_THEN_API_MAPPING with a mapping added afterwards', () => {
    // GIVEN
    const { stack, domain, v1, v2 } = setup();

    // WHEN (the rule first, the mapping after: the mode is computed when the template is written)
    domain.addRoutingRule('V2Header', { priority: 100, gateway: v2, stageName: 'prod', headers: [{ header: 'Accept-Version', valueGlob: 'v2*' }] });
    v1.mapDomain(domain, { basePath: 'v1' });

    // THEN
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGatewayV2::RoutingRule', {
      DomainNameArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SharedDomain'), 'DomainNameArn'] },
      Priority: 100,
      Conditions: [{ MatchHeaders: { AnyOf: [{ Header: 'Accept-Version', ValueGlob: 'v2*' }] } }],
      Actions: [{ InvokeApi: { ApiId: { Ref: Match.stringLikeRegexp('^OrdersV2RestApi') }, Stage: 'prod' } }],
    });
    t.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { RoutingMode: 'ROUTING_RULE_THEN_API_MAPPING' });
    // Ordered after the stage, which the rule names only by name.
    const rule = Object.values(t.findResources('AWS::ApiGatewayV2::RoutingRule'))[0];
    expect(rule.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^OrdersV2RestApiDeploymentStageprod/)]));
  });

  test('rules only: ROUTING_RULE_ONLY; two headers (AND) and a base path with stripBasePath', () => {
    // GIVEN
    const { stack, domain, v1 } = setup();

    // WHEN
    domain.addRoutingRule('Beta', {
      priority: 10, gateway: v1, basePath: 'orders', stripBasePath: true,
      headers: [{ header: 'x-version', valueGlob: 'beta' }, { header: 'x-tenant', valueGlob: '*-eu' }],
    });

    // THEN
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGatewayV2::RoutingRule', {
      Conditions: [
        { MatchHeaders: { AnyOf: [{ Header: 'x-version', ValueGlob: 'beta' }] } },
        { MatchHeaders: { AnyOf: [{ Header: 'x-tenant', ValueGlob: '*-eu' }] } },
        { MatchBasePaths: { AnyOf: ['orders'] } },
      ],
      Actions: [{ InvokeApi: { Stage: 'prod', StripBasePath: true } }],
    });
    t.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { RoutingMode: 'ROUTING_RULE_ONLY' });
  });

  test('without rules no RoutingMode is rendered (templates unchanged)', () => {
    const { stack, domain, v1 } = setup();
    v1.mapDomain(domain, { basePath: 'v1' });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::DomainName', { RoutingMode: Match.absent() });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::RoutingRule', 0);
  });

  test('a catch-all rule (no condition) is allowed', () => {
    const { stack, domain, v1 } = setup();
    domain.addRoutingRule('CatchAll', { priority: 1_000_000, gateway: v1 });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::RoutingRule', { Conditions: [], Priority: 1000000 });
  });

  test('a routingMode override is checked at synth against what the domain has', () => {
    // GIVEN
    const only = setup({ routingMode: GatewayRoutingMode.ROUTING_RULE_ONLY });
    only.domain.addRoutingRule('R', { priority: 1, gateway: only.v1 });
    only.v1.mapDomain(only.domain, { basePath: 'v1' });
    const mappings = setup({ routingMode: GatewayRoutingMode.API_MAPPING_ONLY });
    mappings.domain.addRoutingRule('R', { priority: 1, gateway: mappings.v1 });
    const both = setup({ routingMode: GatewayRoutingMode.ROUTING_RULE_THEN_API_MAPPING });
    both.v1.mapDomain(both.domain, { basePath: 'v1' });

    // THEN
    expect(() => Template.fromStack(only.stack))
      .toThrow(/Stack\/Shared: props\.routingMode = "ROUTING_RULE_ONLY" is invalid: the domain has 1 API mapping\(s\), which ROUTING_RULE_ONLY does not take/);
    expect(() => Template.fromStack(mappings.stack))
      .toThrow(/Stack\/Shared: props\.routingMode = "API_MAPPING_ONLY" is invalid: the domain has 1 routing rule\(s\), which API_MAPPING_ONLY ignores/);
    Template.fromStack(both.stack).hasResourceProperties('AWS::ApiGatewayV2::DomainName', { RoutingMode: 'ROUTING_RULE_THEN_API_MAPPING' });
  });

  test('priorities: in range and unique per domain', () => {
    const { domain, v1 } = setup();
    expect(() => domain.addRoutingRule('Zero', { priority: 0, gateway: v1 }))
      .toThrow(/^Stack\/Shared: addRoutingRule\('Zero'\)\.priority = 0 is invalid: a routing rule priority is an integer from 1 to 1,000,000/);
    domain.addRoutingRule('First', { priority: 50, gateway: v1 });
    expect(() => domain.addRoutingRule('First', { priority: 60, gateway: v1 }))
      .toThrow(/^Stack\/Shared: addRoutingRule id = "First" is invalid: the domain already has a rule or construct with this id/);
    expect(() => domain.addRoutingRule('', { priority: 70, gateway: v1 }))
      .toThrow(/^Stack\/Shared: addRoutingRule id = "" is invalid: a routing rule id is letters, digits/);
    expect(() => domain.addRoutingRule('Second', { priority: 50, gateway: v1 }))
      .toThrow(/^Stack\/Shared: addRoutingRule\('Second'\)\.priority = 50 is invalid: two routing rules of a domain cannot have the same priority: rule 'First' has it/);
  });

  test('conditions: at most two headers, names and globs checked, base path checked', () => {
    const { domain, v1 } = setup();
    const h = { header: 'x-a', valueGlob: 'a' };
    expect(() => domain.addRoutingRule('Three', { priority: 1, gateway: v1, headers: [h, h, h] }))
      .toThrow(/addRoutingRule\('Three'\)\.headers = .* is invalid: a routing rule has at most 2 header conditions/);
    expect(() => domain.addRoutingRule('Name', { priority: 2, gateway: v1, headers: [{ header: 'x-*', valueGlob: 'a' }] }))
      .toThrow(/addRoutingRule\('Name'\)\.headers\[0\]\.header = "x-\*" is invalid: .*no wildcard/);
    expect(() => domain.addRoutingRule('Glob', { priority: 3, gateway: v1, headers: [{ header: 'x-a', valueGlob: 'v*2' }] }))
      .toThrow(/addRoutingRule\('Glob'\)\.headers\[0\]\.valueGlob = "v\*2" is invalid: a wildcard may only open and\/or close/);
    expect(() => domain.addRoutingRule('Path', { priority: 4, gateway: v1, basePath: '/orders' }))
      .toThrow(/addRoutingRule\('Path'\)\.basePath = "\/orders" is invalid: a base path is one or more segments/);
  });

  test('targets: REST APIs of this app only, not private ones; the stage named when there are several', () => {
    // GIVEN
    const { stack, domain, v2 } = setup();
    const http = new HttpGateway(stack, 'Http');
    http.addRoute('GET /a', HttpIntegration.http('https://example.org'));
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
    const privateApi = new RestGateway(stack, 'Private', { endpoint: GatewayEndpoint.privateEndpoint({ vpc }) });
    privateApi.addRoute('GET /a', RestIntegration.mock());

    // THEN
    expect(() => domain.addRoutingRule('Http', { priority: 1, gateway: http }))
      .toThrow(/^Stack\/Shared: addRoutingRule\('Http'\)\.gateway = "Stack\/Http" is invalid: routing rules send requests to REST APIs only/);
    expect(() => domain.addRoutingRule('Private', { priority: 2, gateway: privateApi }))
      .toThrow(/addRoutingRule\('Private'\)\.gateway = "Stack\/Private" is invalid: a public custom domain cannot route to a private REST API/);
    expect(() => domain.addRoutingRule('NoStage', { priority: 3, gateway: v2 }))
      .toThrow(/addRoutingRule\('NoStage'\)\.stageName = undefined is invalid: the gateway has 2 stages \(beta, prod\)/);
    expect(() => domain.addRoutingRule('BadStage', { priority: 4, gateway: v2, stageName: 'dev' })).toThrow(/addRoutingRule\('BadStage'\)\.stageName/);
  });

  test('no routing rules on a domain with API mappings to both REST and HTTP APIs (checked at synth)', () => {
    // GIVEN
    const { stack, domain, v1 } = setup();
    const http = new HttpGateway(stack, 'Http');
    http.addRoute('GET /a', HttpIntegration.http('https://example.org'));

    // WHEN
    v1.mapDomain(domain, { basePath: 'v1' });
    http.mapDomain(domain, { basePath: 'http' });
    domain.addRoutingRule('R', { priority: 1, gateway: v1 });

    // THEN
    expect(() => Template.fromStack(stack))
      .toThrow(/Stack\/Shared: addRoutingRule = "1 routing rule\(s\)" is invalid: routing rules are not supported on a custom domain with API mappings to both REST and HTTP APIs/);
  });

  test('plain-JavaScript callers: a string priority or a missing gateway is a GatewayValidationError', () => {
    const { domain, v1 } = setup();
    for (const [options, message] of [
      [{ priority: '100', gateway: v1 }, /^Stack\/Shared: addRoutingRule options\.priority = "100" is invalid: expected a number, got a string/],
      [{ priority: 100 }, /^Stack\/Shared: addRoutingRule options\.gateway = undefined is invalid: a gateway \(a RestGateway\) is required/],
      [{ priority: 100, gateway: v1, headers: [{ header: 'x' }] }, /addRoutingRule options\.headers\[0\]\.valueGlob = undefined is invalid: a string is required/],
    ] as Array<[unknown, RegExp]>) {
      let error: unknown;
      try { domain.addRoutingRule('R', options as never); } catch (e) { error = e; }
      expect(error).toBeInstanceOf(GatewayValidationError);
      expect((error as Error).message).toMatch(message);
    }
  });

  test('plain-JavaScript callers: an unknown routingMode is a GatewayValidationError', () => {
    expect(() => setup({ routingMode: 'RULES' as never }))
      .toThrow(/^Stack\/Shared: routingMode = "RULES" is invalid: expected one of GatewayRoutingMode\.API_MAPPING_ONLY/);
  });
});

describe('RestGateway.addDomainRoutingRule (the gateway\'s own domain)', () => {
  const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

  test('a rule on a regional REST domain: ROUTING_RULE_THEN_BASE_PATH_MAPPING (the domain keeps its base-path mapping)', () => {
    // GIVEN
    const { stack, v2 } = setup();
    const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone2', { hostedZoneId: 'Z0123456789ABC', zoneName: 'example.com' });
    const api = new RestGateway(stack, 'Own', { domain: { domainName: 'own.example.com', hostedZone, basePath: 'v1' } });
    api.addRoute('GET /a', RestIntegration.mock());

    // WHEN
    api.addDomainRoutingRule('Beta', { priority: 10, gateway: v2, stageName: 'beta', headers: [{ header: 'x-channel', valueGlob: 'beta' }] });

    // THEN
    const t = Template.fromStack(stack);
    // AWS::ApiGateway::DomainName spells ROUTING_RULE_THEN_API_MAPPING this way.
    t.hasResourceProperties('AWS::ApiGateway::DomainName', { DomainName: 'own.example.com', RoutingMode: 'ROUTING_RULE_THEN_BASE_PATH_MAPPING' });
    t.hasResourceProperties('AWS::ApiGatewayV2::RoutingRule', {
      DomainNameArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OwnCustomDomain'), 'DomainNameArn'] },
      Actions: [{ InvokeApi: { ApiId: { Ref: Match.stringLikeRegexp('^OrdersV2RestApi') }, Stage: 'beta' } }],
    });
  });

  test('without rules the REST domain renders no RoutingMode; without a domain the method is an error', () => {
    const { stack, v1 } = setup();
    const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone2', { hostedZoneId: 'Z0123456789ABC', zoneName: 'example.com' });
    new RestGateway(stack, 'Own', { domain: { domainName: 'own.example.com', hostedZone } }).addRoute('GET /a', RestIntegration.mock());
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::DomainName', { RoutingMode: Match.absent() });
    expect(() => v1.addDomainRoutingRule('R', { priority: 1, gateway: v1 }))
      .toThrow(/^Stack\/OrdersV1: addDomainRoutingRule = undefined is invalid: the gateway has no custom domain/);
  });

  test('a private domain routes to private REST APIs only', () => {
    // GIVEN
    const { stack, v1 } = setup();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT);
    const api = new RestGateway(stack, 'Private', {
      endpoint: GatewayEndpoint.privateEndpoint({ vpc }),
      domain: { domainName: 'private.example.com', certificate },
    });
    api.addRoute('GET /a', RestIntegration.mock());

    // WHEN
    api.addDomainRoutingRule('Self', { priority: 5, gateway: api, basePath: 'self' });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::DomainNameV2', { RoutingMode: 'ROUTING_RULE_THEN_BASE_PATH_MAPPING' });
    expect(() => api.addDomainRoutingRule('Public', { priority: 6, gateway: v1 }))
      .toThrow(/^Stack\/Private: addDomainRoutingRule\('Public'\)\.gateway = "Stack\/OrdersV1" is invalid: a private custom domain routes to private REST APIs only/);
  });
});

