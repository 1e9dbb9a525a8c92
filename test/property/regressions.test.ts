/**
 * Defects the property-based suite (test/property/property.test.ts, `npm run fuzz`) found, each
 * kept as the shrunk configuration it printed: aws-cdk-lib's own errors (no construct path, no
 * rule) where the library owes a GatewayValidationError.
 */
import { App, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { GatewayDomain, GatewayEndpoint, GatewayValidationError, HttpGateway, RestAuthorization, RestGateway, RestIntegration, HttpIntegration } from '../../lib';
import { fn, newStack } from '../support/fixtures';

function gatewayError(f: () => unknown): GatewayValidationError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(GatewayValidationError);
    return e as GatewayValidationError;
  }
  throw new Error('expected a GatewayValidationError');
}

test('an imported NLB listener without vpcLink is a GatewayValidationError, not aws-cdk-lib ValidationError', () => {
  // GIVEN
  const stack = newStack('Http');
  const listener = elbv2.NetworkListener.fromNetworkListenerArn(stack, 'NlbListener',
    'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/net/backend/0123456789abcdef/0123456789abcdef');

  // WHEN / THEN
  const error = gatewayError(() => new HttpGateway(stack, 'Gateway').addRoute('GET /items', HttpIntegration.nlb(listener)));
  expect(error.message).toMatch(/^HttpIntegration\.nlb: options\.vpcLink = undefined is invalid: an imported listener has no load balancer VPC/);
});

test('an imported ALB listener without vpcLink is a GatewayValidationError', () => {
  const stack = newStack('Http');
  const listener = elbv2.ApplicationListener.fromApplicationListenerAttributes(stack, 'AlbListener', {
    listenerArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/backend/0123456789abcdef/0123456789abcdef',
    securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-0123456789abcdef0'),
  });
  expect(gatewayError(() => HttpIntegration.alb(listener)).prop).toBe('options.vpcLink');
});

test('a timeout whose token amount is not in milliseconds is a GatewayValidationError', () => {
  // GIVEN
  const stack = newStack('Rest');
  const gateway = new RestGateway(stack, 'Gateway');

  // WHEN / THEN
  const error = gatewayError(() => gateway.addRoute('GET /', RestIntegration.lambdaAlias(fn(stack, 'Fn'), {
    timeout: Duration.seconds(Lazy.number({ produce: () => 1 })),
  })));
  expect(error.message).toMatch(/^Rest\/Gateway\/Routes\/GET |: route 'GET \/' integration timeout = <token> is invalid: a timeout whose amount is a token must be given with Duration\.millis\(\)/);
});

test('a route cache TTL of 1500 ms is a GatewayValidationError (whole seconds), not UnscopedValidationError', () => {
  // GIVEN
  const stack = newStack('Rest');
  const gateway = new RestGateway(stack, 'Gateway');

  // WHEN / THEN
  const error = gatewayError(() => gateway.addRoute('GET /items', RestIntegration.lambdaFunction(fn(stack, 'Fn')), {
    cache: { enabled: false, ttl: Duration.millis(1500) },
  }));
  expect(error.message).toMatch(/^Rest\/Gateway: route 'GET \/items' cache\.ttl = "1\.5 s" is invalid: a cache TTL is a whole number of seconds/);
});

test('a stage cache TTL of 1500 ms is a GatewayValidationError', () => {
  const stack = newStack('Rest');
  expect(gatewayError(() => new RestGateway(stack, 'Gateway', { stages: [{ stageName: 'prod', cache: { ttl: Duration.millis(1500) } }] })).prop)
    .toBe('stages[0].cache.ttl');
});

test('an edge security policy on a regional REST domain is a GatewayValidationError, not aws-cdk-lib ValidationError', () => {
  // GIVEN (enhanced regional policies are accepted since issue 19, with endpoint access mode STRICT
  // by default: test/common/domain-tls.test.ts)
  const stack = newStack('Rest');
  const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' });

  // WHEN / THEN
  const error = gatewayError(() => new RestGateway(stack, 'Gateway', {
    domain: { domainName: 'api.example.com', hostedZone, securityPolicy: apigateway.SecurityPolicy.TLS13_2025_EDGE },
  }));
  expect(error.message).toMatch(/^Rest\/Gateway: domain\.securityPolicy = "SecurityPolicy_TLS13_2025_EDGE" is invalid: a regional custom domain takes TLS_1_0, TLS_1_2 or a regional policy/);
});

test('a private endpoint in an imported VPC without vpcCidrBlock nor allowedPeers is a GatewayValidationError', () => {
  // GIVEN
  const stack = newStack('Rest');
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['eu-west-1a', 'eu-west-1b'], privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  });

  // WHEN / THEN
  const error = gatewayError(() => new RestGateway(stack, 'Gateway', { endpoint: GatewayEndpoint.privateEndpoint({ vpc }) }));
  expect(error.message).toMatch(/^Rest\/Gateway: endpoint\.allowedPeers = undefined is invalid: the VPC does not say its CIDR block/);
});

test('a REST Lambda REQUEST authorizer resultsCacheTtl of 1500 ms is a GatewayValidationError', () => {
  // GIVEN
  const stack = newStack('Rest');
  const gateway = new RestGateway(stack, 'Gateway');

  // WHEN / THEN
  const error = gatewayError(() => gateway.addRoute('GET /items', RestIntegration.http('https://backend.example.com/items'), {
    authorization: RestAuthorization.lambdaRequest(fn(stack, 'Fn'), { resultsCacheTtl: Duration.millis(1500) }),
  }));
  expect(error.message).toMatch(/resultsCacheTtl = "1\.5 s" is invalid: an authorizer result TTL is a whole number of seconds/);
});

test('two GatewayDomains with one name in one environment are a GatewayValidationError (cfn-lint E3019, a deploy failure)', () => {
  // GIVEN: found with `npm run fuzz -- --runs 3000 --seed 2026`
  const stack = newStack('Http');
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' });
  new GatewayDomain(stack, 'First', { domainName: 'api.example.com', hostedZone: zone });

  // WHEN / THEN
  const error = gatewayError(() => new GatewayDomain(stack, 'Second', { domainName: 'api.example.com', hostedZone: zone }));
  expect(error.message).toMatch(/^Http\/Second: props\.domainName = "api\.example\.com" is invalid: the custom domain name is already created by Http\/First;/);
});

test('one domain name in two regions is allowed (a domain name is unique per account and region)', () => {
  // GIVEN
  const app = new App();
  const eu = new Stack(app, 'Eu', { env: { account: '123456789012', region: 'eu-west-1' } });
  const us = new Stack(app, 'Us', { env: { account: '123456789012', region: 'us-west-2' } });
  const cert = (stack: Stack, region: string) => acm.Certificate.fromCertificateArn(stack, 'Cert',
    `arn:aws:acm:${region}:123456789012:certificate/0123abcd-12ab-34cd-56ef-1234567890ab`);

  // WHEN
  new GatewayDomain(eu, 'Domain', { domainName: 'api.example.com', certificate: cert(eu, 'eu-west-1') });
  new GatewayDomain(us, 'Domain', { domainName: 'api.example.com', certificate: cert(us, 'us-west-2') });

  // THEN
  Template.fromStack(eu).hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: 'api.example.com' });
  Template.fromStack(us).hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: 'api.example.com' });
});

test('a REST custom domain and a GatewayDomain with one name are a GatewayValidationError', () => {
  // GIVEN
  const stack = newStack('Rest');
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' });
  new GatewayDomain(stack, 'Shared', { domainName: 'api.example.com', hostedZone: zone });

  // WHEN / THEN
  const error = gatewayError(() => new RestGateway(stack, 'Gateway', { domain: { domainName: 'api.example.com', hostedZone: zone } }));
  expect(error.message).toMatch(/^Rest\/Gateway: domain\.domainName = "api\.example\.com" is invalid: the custom domain name is already created by Rest\/Shared;/);
});

test('a Cognito authorization listing one user pool twice is a GatewayValidationError (cfn-lint E3037: ProviderARNs not unique)', () => {
  // GIVEN: found with `npm run fuzz -- --runs 3000 --seed 2026`
  const stack = newStack('Rest');
  const pool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'eu-west-1_AbCdEfGhI');

  // WHEN / THEN
  const error = gatewayError(() => RestAuthorization.cognito([pool, pool]));
  expect(error.message).toMatch(/^RestAuthorization\.cognito: userPools = "Rest\/Pool" is invalid: each user pool is listed once/);
});

test('an HTTP CORS max age whose amount is a token in seconds synthesizes; in another unit it is a GatewayValidationError', () => {
  // GIVEN: found with `npm run fuzz -- --runs 10000 --seed 1128 --compliance-every 4`
  const ok = newStack('Http');
  const bad = newStack('Http');
  const cors = (maxAge: Duration) => ({ allowOrigins: ['https://app.example.com'], maxAge });

  // WHEN
  new HttpGateway(ok, 'Gateway', { cors: cors(Duration.seconds(Lazy.number({ produce: () => 600 }))) })
    .addRoute('GET /items', HttpIntegration.http('https://backend.example.com/items'));

  // THEN
  Template.fromStack(ok).hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: { MaxAge: 600 } });
  const error = gatewayError(() => new HttpGateway(bad, 'Gateway', { cors: cors(Duration.minutes(Lazy.number({ produce: () => 10 }))) }));
  expect(error.message).toMatch(/^Http\/Gateway: cors\.maxAge = .* is invalid: a Duration whose amount is a token must be given with Duration\.seconds\(\) here/);
});

test('a REST CORS max age whose amount is a token in minutes is a GatewayValidationError', () => {
  const stack = newStack('Rest');
  const error = gatewayError(() => new RestGateway(stack, 'Gateway', {
    cors: { allowOrigins: ['https://app.example.com'], maxAge: Duration.minutes(Lazy.number({ produce: () => 10 })) },
  }));
  expect(error.message).toMatch(/^Rest\/Gateway: cors\.maxAge = .* is invalid: a Duration whose amount is a token must be given with Duration\.seconds\(\) here/);
});
