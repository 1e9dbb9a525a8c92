import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { EndpointKind, GatewayDomain, GatewayDomainOptions, GatewayDomainProps, GatewayEndpoint, HttpAuthorization, HttpGateway, HttpIntegration, RestGateway, RestIntegration, WebSocketAuthorization, WebSocketGateway, WebSocketIntegration } from '../../lib';
import { basePathViolation, domainNameViolation, mtlsViolation } from '../../lib/common/domain';
import { certificateRegionViolation } from '../../lib/common/domain-certificate';

const EU = { account: '123456789012', region: 'eu-west-1' };
const certArn = (region: string) => `arn:aws:acm:${region}:123456789012:certificate/11111111-2222-3333-4444-555555555555`;

function zoneIn(stack: Stack) {
  return route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789ABC', zoneName: 'example.com' });
}

function rest(stack: Stack, endpoint: GatewayEndpoint, domain?: GatewayDomainOptions) {
  // With two stages the domain must name its stage (domain-stage.test.ts): 'dev' unless the test says otherwise.
  const api = new RestGateway(stack, 'Api', { endpoint, domain: domain && { stageName: 'dev', ...domain }, stages: [{ stageName: 'dev' }, { stageName: 'prod' }] });
  api.addRoute('GET /health', RestIntegration.mock());
  return api;
}

describe('domain rules (pure)', () => {
  test('certificate regions: edge needs us-east-1, regional the API region', () => {
    expect(certificateRegionViolation(EndpointKind.EDGE, 'us-east-1', 'eu-west-1')).toBeUndefined();
    expect(certificateRegionViolation(EndpointKind.EDGE, 'eu-west-1', 'eu-west-1'))
      .toBe('an edge-optimized custom domain needs its ACM certificate in us-east-1, but this certificate is in eu-west-1');
    expect(certificateRegionViolation(EndpointKind.REGIONAL, 'eu-west-1', 'eu-west-1')).toBeUndefined();
    expect(certificateRegionViolation(EndpointKind.REGIONAL, 'us-east-1', 'eu-west-1'))
      .toBe('a regional custom domain needs its ACM certificate in the API\'s own region eu-west-1, but this certificate is in us-east-1');
  });

  test('domain names are lower-case host names', () => {
    expect(domainNameViolation('api.example.com')).toBeUndefined();
    expect(domainNameViolation('API.example.com')).toMatch(/lower case/);
    expect(domainNameViolation('api_example')).toMatch(/host name/);
  });

  test('base paths; multi-level only regional with TLS 1.2', () => {
    expect(basePathViolation('v1', EndpointKind.EDGE, apigateway.SecurityPolicy.TLS_1_0)).toBeUndefined();
    expect(basePathViolation('orders/v1', EndpointKind.REGIONAL, apigateway.SecurityPolicy.TLS_1_2)).toBeUndefined();
    expect(basePathViolation('orders/v1', EndpointKind.EDGE, apigateway.SecurityPolicy.TLS_1_2)).toMatch(/multi-level base path needs a regional domain/);
    expect(basePathViolation('/v1', EndpointKind.REGIONAL, apigateway.SecurityPolicy.TLS_1_2)).toMatch(/no leading or trailing/);
  });

  test('mutual TLS: regional only, not with an enhanced policy', () => {
    expect(mtlsViolation(EndpointKind.REGIONAL, apigateway.SecurityPolicy.TLS_1_2)).toBeUndefined();
    expect(mtlsViolation(EndpointKind.EDGE, apigateway.SecurityPolicy.TLS_1_2)).toMatch(/regional custom domains only/);
    expect(mtlsViolation(EndpointKind.REGIONAL, apigateway.SecurityPolicy.TLS13_1_3_2025_09)).toMatch(/enhanced security policy/);
  });
});

describe('RestGateway domain: every region combination', () => {
  test.each([
    ['edge', 'us-east-1', GatewayEndpoint.edge(), undefined],
    ['edge', 'eu-west-1', GatewayEndpoint.edge(), /needs its ACM certificate in us-east-1, but this certificate is in eu-west-1/],
    ['regional', 'eu-west-1', GatewayEndpoint.regional(), undefined],
    ['regional', 'us-east-1', GatewayEndpoint.regional(), /in the API's own region eu-west-1, but this certificate is in us-east-1/],
  ])('%s API in eu-west-1 with a certificate in %s', (_kind, region, endpoint, error) => {
    const stack = new Stack(new App(), 'Stack', { env: EU });
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', certArn(region));
    const build = () => rest(stack, endpoint, { domainName: 'api.example.com', certificate });
    if (error) {
      expect(build).toThrow(new RegExp(`Stack/Api: domain.certificate = "arn:aws:acm:${region}.*" is invalid: .*${error.source}`));
    } else {
      build();
      Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::DomainName', Match.objectLike({ DomainName: 'api.example.com' }));
    }
  });

  test('a regional domain: TLS 1.2, base path mapping to the chosen stage, an A alias record (no AAAA: IPv4-only)', () => {
    const stack = new Stack(new App(), 'Stack', { env: EU });
    rest(stack, GatewayEndpoint.regional(), { domainName: 'api.example.com', hostedZone: zoneIn(stack), basePath: 'orders', stageName: 'prod' });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGateway::DomainName', {
      DomainName: 'api.example.com',
      EndpointConfiguration: { Types: ['REGIONAL'] },
      SecurityPolicy: 'TLS_1_2',
      RegionalCertificateArn: { Ref: Match.stringLikeRegexp('DomainCertificate') },
    });
    t.hasResourceProperties('AWS::CertificateManager::Certificate', { DomainName: 'api.example.com', ValidationMethod: 'DNS' });
    t.hasResourceProperties('AWS::ApiGateway::BasePathMapping', { BasePath: 'orders', Stage: { Ref: Match.stringLikeRegexp('DeploymentStageprod') } });
    t.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'api.example.com.', Type: 'A', HostedZoneId: 'Z0123456789ABC' });
    // Rule 83: an AAAA alias to an IPv4-only regional domain would resolve to nothing.
    expect(t.findResources('AWS::Route53::RecordSet', { Properties: { Type: 'AAAA' } })).toEqual({});
  });

  test('a multi-level base path uses an API mapping', () => {
    const stack = new Stack(new App(), 'Stack', { env: EU });
    rest(stack, GatewayEndpoint.regional(), { domainName: 'api.example.com', hostedZone: zoneIn(stack), basePath: 'orders/v1' });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { ApiMappingKey: 'orders/v1', Stage: { Ref: Match.stringLikeRegexp('DeploymentStagedev') } });
  });

  test('edge in a eu-west-1 stack: the certificate goes to a us-east-1 companion stack', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU, crossRegionReferences: true });
    rest(stack, GatewayEndpoint.edge(), { domainName: 'api.example.com', hostedZone: zoneIn(stack) });
    const companion = app.node.findChild('Stack-UsEast1Certificates') as Stack;
    expect(companion.region).toBe('us-east-1');
    Template.fromStack(companion).hasResourceProperties('AWS::CertificateManager::Certificate', { DomainName: 'api.example.com' });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::DomainName', {
      EndpointConfiguration: { Types: ['EDGE'] },
      CertificateArn: Match.anyValue(),
    });
    Template.fromStack(stack).resourceCountIs('AWS::CertificateManager::Certificate', 0);
  });

  test('edge in a eu-west-1 stack without crossRegionReferences reads the certificate through the export reader', () => {
    // GIVEN
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: EU });

    // WHEN
    rest(stack, GatewayEndpoint.edge(), { domainName: 'api.example.com', hostedZone: zoneIn(stack), stageName: 'prod' });
    const assembly = app.synth();

    // THEN
    const t = Template.fromJSON(assembly.getStackByName('Stack').template);
    t.hasResourceProperties('AWS::ApiGateway::DomainName', {
      CertificateArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ExportsReader'), Match.stringLikeRegexp('^/cdk/exports/Stack/')] },
    });
    t.resourceCountIs('Custom::CrossRegionExportReader', 1);
    expect(assembly.getStackByName('Stack').dependencies.map(d => d.id)).toContain('Stack-UsEast1Certificates');
  });

  test('edge in an environment-agnostic stack without a certificate asks for an env', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => rest(stack, GatewayEndpoint.edge(), { domainName: 'api.example.com', hostedZone: zoneIn(stack) }))
      .toThrow(/stack Stack is environment-agnostic: give the stack an explicit env/);
  });

  test('edge with a certificate of the same env-agnostic stack: a CloudFormation Rule asserts us-east-1', () => {
    const stack = new Stack(new App(), 'Stack');
    const zone = zoneIn(stack);
    const certificate = new acm.Certificate(stack, 'Cert', { domainName: 'api.example.com', validation: acm.CertificateValidation.fromDns(zone) });
    rest(stack, GatewayEndpoint.edge(), { domainName: 'api.example.com', certificate });
    const rules = Template.fromStack(stack).toJSON().Rules;
    expect(JSON.stringify(rules)).toContain('"Fn::Equals":[{"Ref":"AWS::Region"},"us-east-1"]');
    expect(JSON.stringify(rules)).toContain('needs its ACM certificate in us-east-1');
  });

  test('a certificate whose region cannot be known warns', () => {
    const stack = new Stack(new App(), 'Stack', { env: EU });
    const other = new Stack(stack.node.scope as App, 'Other', { env: EU });
    const imported = acm.Certificate.fromCertificateArn(stack, 'Cert', new s3.Bucket(other, 'B').bucketArn);
    rest(stack, GatewayEndpoint.regional(), { domainName: 'api.example.com', certificate: imported });
    Annotations.fromStack(stack).hasWarning('/Stack/Api', Match.stringLikeRegexp('certificate\'s region cannot be read at synth time'));
  });

  test.each([
    [{ domainName: 'API.example.com' }, /domain.domainName = "API.example.com" is invalid: a custom domain name is lower case/],
    [{ domainName: 'api.example.com' }, /domain.certificate = undefined is invalid: a custom domain needs a certificate, or a hostedZone/],
    [{ domainName: 'api.example.com', basePath: 'a/b', securityPolicy: apigateway.SecurityPolicy.TLS_1_0 }, /multi-level base path needs a regional domain with the TLS_1_2/],
    [{ domainName: 'api.example.com', stageName: 'qa' }, /domain.stageName = "qa" is invalid: no such stage/],
  ])('invalid %j', (domain: GatewayDomainOptions, message) => {
    const stack = new Stack(new App(), 'Stack', { env: EU });
    const withZone = domain.domainName === 'api.example.com' && (domain.basePath || domain.stageName) ? { ...domain, hostedZone: zoneIn(stack) } : domain;
    expect(() => rest(stack, GatewayEndpoint.regional(), withZone)).toThrow(message);
  });

  test('mutual TLS on an edge domain is rejected', () => {
    const stack = new Stack(new App(), 'Stack', { env: EU });
    const bucket = new s3.Bucket(stack, 'Truststore');
    expect(() => rest(stack, GatewayEndpoint.edge(), {
      domainName: 'api.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'C', certArn('us-east-1')), mtls: { bucket, key: 'ca.pem' },
    })).toThrow(/domain.mtls = "EDGE endpoint, TLS_1_2" is invalid: mutual TLS is available on regional custom domains only/);
  });

});

describe('HttpGateway and WebSocketGateway domains (regional only)', () => {
  test('HTTP: regional v2 domain, mapping of the $default stage, records', () => {
    const stack = new Stack(new App(), 'Stack', { env: EU });
    const api = new HttpGateway(stack, 'Http', { domain: { domainName: 'http.example.com', hostedZone: zoneIn(stack), basePath: 'v1' } });
    api.addRoute('GET /a', HttpIntegration.http('https://example.org'), { authorization: HttpAuthorization.iam() });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'http.example.com',
      DomainNameConfigurations: [Match.objectLike({ EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' })],
    });
    t.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { ApiMappingKey: 'v1', Stage: '$default', ApiId: { Ref: Match.stringLikeRegexp('^Http') } });
    // An A record only: the domain is IPv4-only (rule 83; dual-stack domains also get an AAAA record).
    t.resourceCountIs('AWS::Route53::RecordSet', 1);
    t.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'http.example.com.', Type: 'A' });
  });

  test('HTTP: a us-east-1 certificate for a eu-west-1 API is rejected naming both regions', () => {
    const stack = new Stack(new App(), 'Stack', { env: EU });
    expect(() => new HttpGateway(stack, 'Http', {
      domain: { domainName: 'http.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'C', certArn('us-east-1')) },
    })).toThrow(/regional custom domain needs its ACM certificate in the API's own region eu-west-1, but this certificate is in us-east-1/);
  });

  test('WebSocket: regional domain mapped to the chosen stage; the execute-api endpoint can be disabled', () => {
    const stack = new Stack(new App(), 'Stack', { env: EU });
    const api = new WebSocketGateway(stack, 'Ws', {
      stages: [{ stageName: 'dev' }, { stageName: 'prod' }],
      domain: { domainName: 'ws.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'C', certArn('eu-west-1')), stageName: 'prod' },
      disableExecuteApiEndpoint: true,
    });
    api.addRoute('$connect', WebSocketIntegration.http('https://example.org'), { authorization: WebSocketAuthorization.iam() });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { Stage: 'prod' });
    t.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
  });

  test('WebSocket: TLS 1.3 policies do not exist on v2 domains', () => {
    const stack = new Stack(new App(), 'Stack', { env: EU });
    expect(() => new WebSocketGateway(stack, 'Ws', {
      domain: {
        domainName: 'ws.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'C', certArn('eu-west-1')),
        securityPolicy: apigateway.SecurityPolicy.TLS13_1_3_2025_09,
      },
    })).toThrow(/domain.securityPolicy = "SecurityPolicy_TLS13_1_3_2025_09" is invalid: WebSocket API custom domains offer the TLS_1_2 security policy only/);
  });
});

describe('GatewayDomain shared by several APIs', () => {
  test('v1 -> prod of one API, v2 -> prod of another, root -> an HTTP API; duplicate base paths rejected', () => {
    const stack = new Stack(new App(), 'Stack', { env: EU });
    const domain = new GatewayDomain(stack, 'Shared', { domainName: 'api.example.com', hostedZone: zoneIn(stack) });
    const one = rest(stack, GatewayEndpoint.regional(), undefined);
    const two = new RestGateway(stack, 'Two', { stages: [{ stageName: 'prod' }] });
    two.addRoute('GET /x', RestIntegration.mock());
    const http = new HttpGateway(stack, 'Http');
    http.addRoute('GET /a', HttpIntegration.http('https://example.org'));
    one.mapDomain(domain, { basePath: 'v1', stageName: 'prod' });
    two.mapDomain(domain, { basePath: 'v2' });
    http.mapDomain(domain);
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 3);
    t.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { ApiMappingKey: 'v1', Stage: 'prod', ApiId: { Ref: Match.stringLikeRegexp('^ApiRestApi') } });
    t.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { ApiMappingKey: 'v2', ApiId: { Ref: Match.stringLikeRegexp('^TwoRestApi') } });
    t.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { ApiMappingKey: Match.absent(), Stage: '$default' });
    expect(() => two.mapDomain(domain, { basePath: 'v1' })).toThrow(/basePath = "v1" is invalid: the base path is already mapped on api.example.com/);
  });

  test('a private REST API cannot be mapped onto a public regional GatewayDomain', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack', { env: EU });
    const domain = new GatewayDomain(stack, 'Shared', { domainName: 'api.example.com', hostedZone: zoneIn(stack) });
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
    const api = new RestGateway(stack, 'Private', { endpoint: GatewayEndpoint.privateEndpoint({ vpc }) });
    api.addRoute('GET /health', RestIntegration.mock());

    // WHEN / THEN
    expect(() => api.mapDomain(domain)).toThrow(/Stack\/Private: mapDomain = "PRIVATE" is invalid: a private REST API cannot be mapped onto a public regional GatewayDomain/);
  });

  test('an edge-optimized REST API can be mapped onto a regional GatewayDomain (the service allows it)', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack', { env: EU });
    const domain = new GatewayDomain(stack, 'Shared', { domainName: 'api.example.com', hostedZone: zoneIn(stack) });
    const edge = rest(stack, GatewayEndpoint.edge(), undefined);

    // WHEN
    edge.mapDomain(domain, { basePath: 'orders', stageName: 'prod' });

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', {
      ApiMappingKey: 'orders', Stage: 'prod', ApiId: { Ref: Match.stringLikeRegexp('^ApiRestApi') },
    });
  });
});

describe('private custom domains (REST, DomainNameV2)', () => {
  function privateApi(stack: Stack, domain: GatewayDomainOptions) {
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
    const api = new RestGateway(stack, 'Api', { endpoint: GatewayEndpoint.privateEndpoint({ vpc }), domain });
    api.addRoute('GET /health', RestIntegration.mock());
    return api;
  }

  test('DomainNameV2 (PRIVATE, TLS 1.2, policy limited to the endpoint), mapping, access association and private alias record', () => {
    const stack = new Stack(new App(), 'Stack', { env: EU });
    const zone = route53.PrivateHostedZone.fromHostedZoneAttributes(stack, 'Private', { hostedZoneId: 'Z0PRIVATE', zoneName: 'internal.example.com' });
    privateApi(stack, {
      domainName: 'orders.internal.example.com',
      certificate: acm.Certificate.fromCertificateArn(stack, 'C', certArn('eu-west-1')),
      hostedZone: zone,
      basePath: 'v1',
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGateway::DomainNameV2', {
      DomainName: 'orders.internal.example.com',
      EndpointConfiguration: { Types: ['PRIVATE'] },
      SecurityPolicy: 'TLS_1_2',
      Policy: Match.objectLike({
        Statement: Match.arrayWith([Match.objectLike({
          Effect: 'Deny', Action: 'execute-api:Invoke',
          Condition: { StringNotEquals: { 'aws:SourceVpce': [{ Ref: Match.stringLikeRegexp('ExecuteApiEndpoint') }] } },
        })]),
      }),
    });
    t.hasResourceProperties('AWS::ApiGateway::BasePathMappingV2', { BasePath: 'v1', Stage: 'prod' });
    t.hasResourceProperties('AWS::ApiGateway::DomainNameAccessAssociation', {
      AccessAssociationSourceType: 'VPCE',
      AccessAssociationSource: { Ref: Match.stringLikeRegexp('ExecuteApiEndpoint') },
    });
    t.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'orders.internal.example.com.', Type: 'A', HostedZoneId: 'Z0PRIVATE' });
    t.resourceCountIs('AWS::ApiGateway::DomainName', 0);
  });

  test('a private domain needs a certificate; mTLS is not available; a wrong-region certificate fails', () => {
    const stack = new Stack(new App(), 'Stack', { env: EU });
    expect(() => privateApi(stack, { domainName: 'orders.internal.example.com' }))
      .toThrow(/domain.certificate = undefined is invalid: a private custom domain needs a certificate/);
    const s2 = new Stack(new App(), 'Stack', { env: EU });
    expect(() => privateApi(s2, { domainName: 'orders.internal.example.com', certificate: acm.Certificate.fromCertificateArn(s2, 'C', certArn('us-east-1')) }))
      .toThrow(/in the API's own region eu-west-1, but this certificate is in us-east-1/);
    const s3Stack = new Stack(new App(), 'Stack', { env: EU });
    expect(() => privateApi(s3Stack, {
      domainName: 'orders.internal.example.com',
      certificate: acm.Certificate.fromCertificateArn(s3Stack, 'C', certArn('eu-west-1')),
      mtls: { bucket: new s3.Bucket(s3Stack, 'T'), key: 'ca.pem' },
    })).toThrow(/mutual TLS is not available on private custom domains/);
  });
});

describe('GatewayDomain from JavaScript', () => {
  test.each([
    ['basePath', 'orders'],
    ['stageName', 'prod'],
  ])('rejects %s, which only a gateway mapping can use, instead of dropping it', (prop, value) => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack', { env: EU });
    const props = { domainName: 'api.example.com', hostedZone: zoneIn(stack), [prop]: value };

    // WHEN / THEN
    expect(() => new GatewayDomain(stack, 'Shared', props as unknown as GatewayDomainProps))
      .toThrow(new RegExp(`Stack/Shared: props\\.${prop} = "${value}" is invalid: a GatewayDomain has no ${prop}: pass it to each gateway's mapDomain`));
  });

  test('a gateway domain prop with basePath and stageName still makes its domain and mapping', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack', { env: EU });
    const handler = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });

    // WHEN
    const api = new HttpGateway(stack, 'Api', {
      stages: [{ stageName: 'dev' }, { stageName: 'prod' }],
      domain: { domainName: 'api.example.com', hostedZone: zoneIn(stack), basePath: 'orders', stageName: 'prod' },
    });
    api.addRoute('GET /orders', HttpIntegration.lambdaFunction(handler));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { ApiMappingKey: 'orders', Stage: 'prod' });
  });
});
