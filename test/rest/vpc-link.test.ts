import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { GatewayEndpoint, RestGateway, RestGatewayProps, RestIntegration } from '../../lib';
import { defaultVpcLinkUrl, serverNameViolation, vpcLinkUrlViolation } from '../../lib/rest/integration';

const env = { account: '123456789012', region: 'eu-west-1' };

interface Fixture {
  readonly stack: Stack;
  readonly vpc: ec2.Vpc;
  readonly nlb: elbv2.NetworkLoadBalancer;
}

function fixture(app: App = new App(), id: string = 'Stack'): Fixture {
  const stack = new Stack(app, id, { env });
  const vpc = new ec2.Vpc(stack, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr('10.42.0.0/16'), maxAzs: 2, natGateways: 0 });
  const nlb = new elbv2.NetworkLoadBalancer(stack, 'Backend', { vpc, internetFacing: false });
  return { stack, vpc, nlb };
}

function gateway(stack: Stack, props: RestGatewayProps = {}, id: string = 'Orders'): RestGateway {
  return new RestGateway(stack, id, props);
}

const nlbRef = { Ref: Match.stringLikeRegexp('^Backend[0-9A-F]{8}$') };

function methodIntegration(template: Template, pathPart: string, httpMethod: string): { [key: string]: unknown } {
  const resources = template.findResources('AWS::ApiGateway::Resource', { Properties: { PathPart: pathPart } });
  const resourceIds = Object.keys(resources);
  expect(resourceIds).toHaveLength(1);
  const methods = template.findResources('AWS::ApiGateway::Method', {
    Properties: { HttpMethod: httpMethod, ResourceId: { Ref: resourceIds[0] } },
  });
  expect(Object.keys(methods)).toHaveLength(1);
  return (Object.values(methods)[0] as { Properties: { Integration: { [key: string]: unknown } } }).Properties.Integration;
}

describe('defaultVpcLinkUrl', () => {
  test.each([
    ['GET /orders/{id}', 'https://orders.example.com/orders/{id}'],
    ['ANY /{proxy+}', 'https://orders.example.com/{proxy}'],
    ['GET /', 'https://orders.example.com/'],
    ['POST /v1/orders', 'https://orders.example.com/v1/orders'],
  ])('%s is served at %s', (routeKey, url) => {
    expect(defaultVpcLinkUrl('https', 'orders.example.com', routeKey)).toBe(url);
  });
});

describe('vpcLinkUrlViolation and serverNameViolation', () => {
  test.each(['http://orders.internal', 'https://orders.internal:8443/v1/{id}', '${Token[TOKEN.12]}'])('%s is accepted', url => {
    expect(vpcLinkUrlViolation(url)).toBeUndefined();
  });

  test.each(['orders.internal/v1', 'ftp://orders.internal', 'https:///path', '/orders'])('%s is rejected', url => {
    expect(vpcLinkUrlViolation(url)).toMatch(/a VPC link backend URL is absolute/);
  });

  test.each(['orders.internal.example.com', 'localhost', 'a-b.example'])('server name %s is accepted', name => {
    expect(serverNameViolation(name)).toBeUndefined();
  });

  test.each(['https://orders.example.com', 'orders.example.com:443', 'orders.example.com/v1', '-bad.example.com', ''])(
    'server name %s is rejected', name => {
      expect(serverNameViolation(name)).toMatch(/a secure server name is a DNS host name/);
    });
});

describe('RestIntegration.nlb', () => {
  test('creates a VPC link targeting the load balancer and a VPC_LINK proxy integration', () => {
    // GIVEN
    const { stack, nlb } = fixture();
    const api = gateway(stack);

    // WHEN
    api.addRoute('GET /orders', RestIntegration.nlb(nlb, { secureServerName: 'orders.internal.example.com' }));

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::VpcLink', 1);
    template.hasResourceProperties('AWS::ApiGateway::VpcLink', {
      TargetArns: [nlbRef],
      Description: 'API Gateway REST private integrations to Stack/Backend',
    });
    const vpcLinkId = Object.keys(template.findResources('AWS::ApiGateway::VpcLink'))[0];
    expect(vpcLinkId).toMatch(/^RestVpcLinkBackend[0-9A-F]{8}$/);
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      Integration: {
        Type: 'HTTP_PROXY',
        IntegrationHttpMethod: 'GET',
        ConnectionType: 'VPC_LINK',
        ConnectionId: { Ref: vpcLinkId },
        Uri: 'https://orders.internal.example.com/orders',
      },
    });
  });

  test('one VPC link is shared by every route and gateway of the stack using the load balancer', () => {
    // GIVEN
    const { stack, vpc, nlb } = fixture();
    const other = new elbv2.NetworkLoadBalancer(stack, 'Other', { vpc });
    const first = gateway(stack, {}, 'First');
    const second = gateway(stack, {}, 'Second');

    // WHEN
    first.addRoute('GET /orders', RestIntegration.nlb(nlb, { secureServerName: 'orders.example.com' }));
    first.addRoute('POST /orders', RestIntegration.nlb(nlb, { secureServerName: 'orders.example.com' }));
    const shared = RestIntegration.nlb(nlb, { secureServerName: 'orders.example.com' });
    second.addRoute('GET /orders', shared);
    second.addRoute('DELETE /orders', shared);
    second.addRoute('GET /stock', RestIntegration.nlb(other, { secureServerName: 'stock.example.com' }));

    // THEN
    const template = Template.fromStack(stack);
    const links = template.findResources('AWS::ApiGateway::VpcLink');
    expect(Object.keys(links)).toHaveLength(2);
    const linkFor = (nlbPrefix: string): string => Object.entries(links).find(([, r]) =>
      JSON.stringify((r as { Properties: { TargetArns: unknown } }).Properties.TargetArns).includes(`"${nlbPrefix}`))![0];
    const backendLink = linkFor('Backend');
    const otherLink = linkFor('Other');
    expect(backendLink).not.toBe(otherLink);
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method'))
      .map(m => (m as { Properties: { Integration: { ConnectionId?: { Ref: string }; Uri: string } } }).Properties.Integration);
    expect(methods.filter(i => i.ConnectionId?.Ref === backendLink)).toHaveLength(4);
    expect(methods.filter(i => i.ConnectionId?.Ref === otherLink).map(i => i.Uri)).toEqual(['https://stock.example.com/stock']);
  });

  test('each stack gets its own VPC link for a shared load balancer', () => {
    // GIVEN
    const app = new App();
    const { nlb } = fixture(app, 'Network');
    const apiStack = new Stack(app, 'Api', { env });
    const api = gateway(apiStack);

    // WHEN
    api.addRoute('GET /orders', RestIntegration.nlb(nlb, { secureServerName: 'orders.example.com' }));

    // THEN
    Template.fromStack(apiStack).resourceCountIs('AWS::ApiGateway::VpcLink', 1);
    expect(Object.keys(Template.fromStack(apiStack).findResources('AWS::ApiGateway::VpcLink'))[0]).toMatch(/^RestVpcLinkNetworkBackend[0-9A-F]{8}$/);
    Template.fromStack(apiStack).hasResourceProperties('AWS::ApiGateway::VpcLink', {
      TargetArns: [{ 'Fn::ImportValue': Match.stringLikeRegexp('^Network:ExportsOutputRefBackend') }],
    });
    Template.fromStack(app.node.findChild('Network') as Stack).resourceCountIs('AWS::ApiGateway::VpcLink', 0);
  });

  test('a given VPC link is used and none is created', () => {
    // GIVEN
    const { stack, nlb } = fixture();
    const api = gateway(stack);
    const vpcLink = apigateway.VpcLink.fromVpcLinkId(stack, 'Existing', 'abc123');

    // WHEN
    api.addRoute('GET /orders', RestIntegration.nlb(nlb, { vpcLink, url: 'https://orders.example.com/api/orders' }));

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::VpcLink', 0);
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: Match.objectLike({ ConnectionType: 'VPC_LINK', ConnectionId: 'abc123', Uri: 'https://orders.example.com/api/orders' }),
    });
  });

  test('the default URL is plain HTTP to the load balancer DNS name on the route path, and warns', () => {
    // GIVEN
    const { stack, nlb } = fixture();
    const api = gateway(stack);

    // WHEN
    api.addRoute('GET /orders/{id}', RestIntegration.nlb(nlb));

    // THEN
    const integration = methodIntegration(Template.fromStack(stack), '{id}', 'GET');
    const nlbLogicalId = stack.getLogicalId(nlb.node.defaultChild as elbv2.CfnLoadBalancer);
    expect(integration.Uri).toEqual({ 'Fn::Join': ['', ['http://', { 'Fn::GetAtt': [nlbLogicalId, 'DNSName'] }, '/orders/{id}']] });
    expect(integration.RequestParameters).toEqual({ 'integration.request.path.id': 'method.request.path.id' });
    Annotations.fromStack(stack).hasWarning('/Stack/Orders/Routes/GET |orders|{id}', Match.stringLikeRegexp(
      "route 'GET /orders/\\{id\\}' calls its VPC link backend over plain HTTP \\(the default\\).*Security Hub APIGateway\\.10.*vpcLinkPlainHttp"));
  });

  test('an http url warns; an https one does not', () => {
    // GIVEN
    const { stack, nlb } = fixture();
    const api = gateway(stack);

    // WHEN
    api.addRoute('GET /plain', RestIntegration.nlb(nlb, { url: 'http://orders.internal:8080/plain' }));
    api.addRoute('GET /secure', RestIntegration.nlb(nlb, { url: 'https://orders.internal/secure' }));

    // THEN
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findWarning('*', Match.stringLikeRegexp('vpcLinkPlainHttp')).map(w => w.id))
      .toEqual(['/Stack/Orders/Routes/GET |plain']);
    annotations.hasWarning('/Stack/Orders/Routes/GET |plain', Match.stringLikeRegexp('over plain HTTP \\(url\\)'));
  });

  test('a greedy proxy route maps the proxy parameter and the route method', () => {
    // GIVEN
    const { stack, nlb } = fixture();
    const api = gateway(stack);

    // WHEN
    api.addRoute('ANY /{proxy+}', RestIntegration.nlb(nlb, { secureServerName: 'orders.example.com' }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'ANY',
      Integration: Match.objectLike({
        IntegrationHttpMethod: 'ANY',
        Uri: 'https://orders.example.com/{proxy}',
        RequestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
        CacheKeyParameters: ['method.request.path.proxy'],
      }),
    });
  });

  test('httpMethod and timeout are set on the integration', () => {
    // GIVEN
    const { stack, nlb } = fixture();
    const api = gateway(stack);

    // WHEN
    api.addRoute('GET /report', RestIntegration.nlb(nlb, { secureServerName: 'reports.example.com', httpMethod: apigwv2.HttpMethod.POST, timeout: Duration.seconds(7) }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      Integration: Match.objectLike({ IntegrationHttpMethod: 'POST', TimeoutInMillis: 7000, Uri: 'https://reports.example.com/report' }),
    });
  });

  test('a url parameter that is not a route path parameter is an error', () => {
    // GIVEN
    const { stack, nlb } = fixture();
    const api = gateway(stack);

    // THEN
    expect(() => api.addRoute('GET /orders', RestIntegration.nlb(nlb, { url: 'https://orders.example.com/orders/{id}' })))
      .toThrow(/Stack\/Orders\/Routes\/GET \|orders: route 'GET \/orders' nlb url = "https:\/\/orders.example.com\/orders\/\{id\}" is invalid: the URL parameter \{id\} must be a path parameter of the route/);
  });

  test('a relative url is an error', () => {
    // GIVEN
    const { stack, nlb } = fixture();
    const api = gateway(stack);

    // THEN
    expect(() => api.addRoute('GET /orders', RestIntegration.nlb(nlb, { url: '/orders' })))
      .toThrow(/Stack\/Orders\/Routes\/GET \|orders: route 'GET \/orders' nlb url = "\/orders" is invalid: a VPC link backend URL is absolute/);
  });

  test('url together with secureServerName is an error', () => {
    // GIVEN
    const { stack, nlb } = fixture();
    const api = gateway(stack);

    // THEN
    expect(() => api.addRoute('GET /orders', RestIntegration.nlb(nlb, { url: 'https://a.example.com/orders', secureServerName: 'a.example.com' })))
      .toThrow(/route 'GET \/orders' nlb url = "https:\/\/a.example.com\/orders" is invalid: give either url or secureServerName/);
  });

  test('a secureServerName with a scheme is an error', () => {
    // GIVEN
    const { stack, nlb } = fixture();
    const api = gateway(stack);

    // THEN
    expect(() => api.addRoute('GET /orders', RestIntegration.nlb(nlb, { secureServerName: 'https://orders.example.com' })))
      .toThrow(/route 'GET \/orders' nlb secureServerName = "https:\/\/orders.example.com" is invalid: a secure server name is a DNS host name/);
  });

  test('an imported load balancer without a DNS name needs url or secureServerName', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack', { env });
    const nlb = elbv2.NetworkLoadBalancer.fromNetworkLoadBalancerAttributes(stack, 'Imported', {
      loadBalancerArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/backend/0123456789abcdef',
    });
    const api = gateway(stack);

    // THEN
    expect(() => api.addRoute('GET /orders', RestIntegration.nlb(nlb)))
      .toThrow(/route 'GET \/orders' nlb url = undefined is invalid: the load balancer Stack\/Imported has no DNS name .* give url or secureServerName/);
    api.addRoute('GET /stock', RestIntegration.nlb(nlb, { secureServerName: 'stock.example.com' }));
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::VpcLink', {
      TargetArns: ['arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/backend/0123456789abcdef'],
    });
  });
});

describe('RestIntegration.nlb timeouts (rule 10)', () => {
  test.each([
    [Duration.millis(49), /integration timeout = "49 ms" is invalid: an integration timeout is at least 50 milliseconds/],
    [Duration.seconds(30), /integration timeout = "30000 ms" is invalid: an integration timeout is at most 29 seconds for edge-optimized REST APIs/],
  ])('%s on an edge API is rejected', (timeout, message) => {
    // GIVEN
    const { stack, nlb } = fixture();
    const api = gateway(stack, { endpoint: GatewayEndpoint.edge() });

    // THEN
    expect(() => api.addRoute('GET /orders', RestIntegration.nlb(nlb, { secureServerName: 'orders.example.com', timeout })))
      .toThrow(message);
  });

  test('more than 29 s on a private API warns about the quota and is set', () => {
    // GIVEN
    const { stack, vpc, nlb } = fixture();
    const api = gateway(stack, { endpoint: GatewayEndpoint.privateEndpoint({ vpc }) });

    // WHEN
    api.addRoute('GET /orders', RestIntegration.nlb(nlb, { secureServerName: 'orders.example.com', timeout: Duration.seconds(45) }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: Match.objectLike({ ConnectionType: 'VPC_LINK', TimeoutInMillis: 45000 }),
    });
    Annotations.fromStack(stack).hasWarning('/Stack/Orders/Routes/GET |orders',
      Match.stringLikeRegexp('integration timeout 45000 ms exceeds 29 s.*timeoutAboveDefaultQuota'));
  });
});
