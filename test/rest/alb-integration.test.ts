import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { GatewayEndpoint, GatewayValidationError, RestGateway, RestGatewayProps, RestIntegration } from '../../lib';

const env = { account: '123456789012', region: 'eu-west-1' };
const LISTENER_ARN = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/orders/50dc6c495c0c9188/f2f7dc8efc522ab2';
const ALB_ARN = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/orders/50dc6c495c0c9188';

interface Fixture {
  readonly stack: Stack;
  readonly vpc: ec2.Vpc;
  readonly alb: elbv2.ApplicationLoadBalancer;
  /** An HTTPS listener on 443. */
  readonly https: elbv2.ApplicationListener;
  /** An HTTP listener on 8080. */
  readonly http: elbv2.ApplicationListener;
}

function fixture(app: App = new App(), id: string = 'Stack'): Fixture {
  const stack = new Stack(app, id, { env });
  const vpc = new ec2.Vpc(stack, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr('10.42.0.0/16'), maxAzs: 2, natGateways: 0 });
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Backend', { vpc, internetFacing: false });
  const https = alb.addListener('Https', {
    protocol: elbv2.ApplicationProtocol.HTTPS,
    port: 443,
    certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:123456789012:certificate/abc')],
    defaultAction: elbv2.ListenerAction.fixedResponse(200),
  });
  const http = alb.addListener('Http', { protocol: elbv2.ApplicationProtocol.HTTP, port: 8080, defaultAction: elbv2.ListenerAction.fixedResponse(200) });
  return { stack, vpc, alb, https, http };
}

function gateway(stack: Stack, props: RestGatewayProps = {}, id: string = 'Orders'): RestGateway {
  return new RestGateway(stack, id, props);
}

function methods(template: Template): Array<{ HttpMethod: string; Integration: { [key: string]: unknown } }> {
  return Object.values(template.findResources('AWS::ApiGateway::Method'))
    .map(m => (m as { Properties: { HttpMethod: string; Integration: { [key: string]: unknown } } }).Properties);
}

function deploymentIds(template: Template): string[] {
  return Object.keys(template.findResources('AWS::ApiGateway::Deployment'));
}

describe('RestIntegration.alb', () => {
  test('an HTTP_PROXY VPC_LINK integration through a VPC link V2, the load balancer as integration target', () => {
    // GIVEN
    const { stack, https } = fixture();
    const api = gateway(stack);

    // WHEN
    api.addRoute('GET /orders/{id}', RestIntegration.alb(https, { secureServerName: 'orders.internal.example.com' }));

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 1);
    template.resourceCountIs('AWS::ApiGateway::VpcLink', 0);
    const linkId = Object.keys(template.findResources('AWS::ApiGatewayV2::VpcLink'))[0];
    expect(linkId).toMatch(/^OrdersAlbVpcLinkVpc[0-9A-F]{8}$/);
    const albId = stack.getLogicalId(https.loadBalancer.node.defaultChild as elbv2.CfnLoadBalancer);
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      Integration: {
        Type: 'HTTP_PROXY',
        IntegrationHttpMethod: 'GET',
        ConnectionType: 'VPC_LINK',
        ConnectionId: { Ref: linkId },
        IntegrationTarget: { Ref: albId },
        Uri: 'https://orders.internal.example.com/orders/{id}',
        RequestParameters: { 'integration.request.path.id': 'method.request.path.id' },
        CacheKeyParameters: ['method.request.path.id'],
      },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::VpcLink', { SubnetIds: Match.anyValue() });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('vpcLinkPlainHttp'))).toEqual([]);
  });

  test('two routes (and two load balancers in the VPC) share one VPC link V2; another gateway makes its own', () => {
    // GIVEN
    const { stack, vpc, https, http } = fixture();
    const other = new elbv2.ApplicationLoadBalancer(stack, 'Other', { vpc });
    const otherListener = other.addListener('Http', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(200) });
    const api = gateway(stack);
    const second = gateway(stack, {}, 'Second');

    // WHEN
    api.addRoute('GET /orders', RestIntegration.alb(https, { secureServerName: 'orders.example.com' }));
    api.addRoute('POST /orders', RestIntegration.alb(https, { secureServerName: 'orders.example.com' }));
    api.addRoute('GET /stock', RestIntegration.alb(otherListener));
    api.addRoute('GET /report', RestIntegration.alb(http));
    second.addRoute('GET /orders', RestIntegration.alb(https, { secureServerName: 'orders.example.com' }));

    // THEN
    const template = Template.fromStack(stack);
    const links = Object.keys(template.findResources('AWS::ApiGatewayV2::VpcLink'));
    expect(links).toHaveLength(2);
    const ordersLink = links.find(l => l.startsWith('OrdersAlbVpcLink'))!;
    const byRef = methods(template).filter(m => (m.Integration.ConnectionId as { Ref: string }).Ref === ordersLink);
    expect(byRef).toHaveLength(4);
    const targets = byRef.map(m => (m.Integration.IntegrationTarget as { Ref: string }).Ref).sort();
    const albId = stack.getLogicalId(https.loadBalancer.node.defaultChild as elbv2.CfnLoadBalancer);
    const otherId = stack.getLogicalId(other.node.defaultChild as elbv2.CfnLoadBalancer);
    expect(targets).toEqual([albId, albId, albId, otherId].sort());
  });

  test('the default URL of an HTTP listener is its load balancer DNS name and port on the route path, and warns', () => {
    // GIVEN
    const { stack, http } = fixture();
    const api = gateway(stack);

    // WHEN
    api.addRoute('ANY /{proxy+}', RestIntegration.alb(http));

    // THEN
    const albId = stack.getLogicalId(http.loadBalancer.node.defaultChild as elbv2.CfnLoadBalancer);
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'ANY',
      Integration: Match.objectLike({
        Uri: { 'Fn::Join': ['', ['http://', { 'Fn::GetAtt': [albId, 'DNSName'] }, ':8080/{proxy}']] },
        RequestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
      }),
    });
    Annotations.fromStack(stack).hasWarning('/Stack/Orders/Routes/ANY |{proxy+}', Match.stringLikeRegexp('over plain HTTP \\(the default\\).*vpcLinkPlainHttp'));
  });

  test('url, httpMethod, timeout and a non-proxy mapping are set on the integration', () => {
    // GIVEN
    const { stack, https } = fixture();
    const api = gateway(stack);

    // WHEN
    api.addRoute('GET /report', RestIntegration.alb(https, {
      url: 'https://reports.example.com/v2/report',
      httpMethod: apigwv2.HttpMethod.POST,
      timeout: Duration.seconds(7),
      proxy: false,
      requestTemplates: { 'application/json': '{}' },
    }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: Match.objectLike({
        Type: 'HTTP',
        IntegrationHttpMethod: 'POST',
        TimeoutInMillis: 7000,
        Uri: 'https://reports.example.com/v2/report',
        RequestTemplates: { 'application/json': '{}' },
        IntegrationTarget: Match.anyValue(),
      }),
    });
  });

  test('a given VPC link V2 is used and none is created', () => {
    // GIVEN
    const { stack, vpc, https } = fixture();
    const api = gateway(stack);
    const vpcLink = apigwv2.VpcLink.fromVpcLinkAttributes(stack, 'Existing', { vpcLinkId: 'vl-abc123', vpc });

    // WHEN
    api.addRoute('GET /orders', RestIntegration.alb(https, { vpcLink, secureServerName: 'orders.example.com' }));

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 0);
    template.hasResourceProperties('AWS::ApiGateway::Method', { Integration: Match.objectLike({ ConnectionId: 'vl-abc123' }) });
  });

  test('an imported listener with a vpcLink targets the load balancer its ARN names', () => {
    // GIVEN
    const { stack, vpc } = fixture();
    const api = gateway(stack);
    const listener = elbv2.ApplicationListener.fromApplicationListenerAttributes(stack, 'Imported', {
      listenerArn: LISTENER_ARN, securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-123'),
    });
    const vpcLink = new apigwv2.VpcLink(stack, 'Link', { vpc, subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } });

    // WHEN
    api.addRoute('GET /orders', RestIntegration.alb(listener, { vpcLink, secureServerName: 'orders.example.com' }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Method', {
      Integration: Match.objectLike({ IntegrationTarget: ALB_ARN, Uri: 'https://orders.example.com/orders' }),
    });
  });

  test('an imported listener whose ARN is a token targets the load balancer derived with Fn::Split', () => {
    // GIVEN
    const { stack, vpc } = fixture();
    const api = gateway(stack);
    const listenerArn = new apigateway.CfnRestApi(stack, 'Dummy', { name: 'x' }).attrRootResourceId;
    const listener = elbv2.ApplicationListener.fromApplicationListenerAttributes(stack, 'Imported', {
      listenerArn, securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-123'),
    });

    // WHEN
    api.addRoute('GET /orders', RestIntegration.alb(listener, { vpcLink: new apigwv2.VpcLink(stack, 'Link', { vpc, subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } }), secureServerName: 'orders.example.com' }));

    // THEN
    const target = methods(Template.fromStack(stack))[0].Integration.IntegrationTarget as { 'Fn::Join': [string, unknown[]] };
    expect(target['Fn::Join'][1]).toContain(':loadbalancer/');
  });

  test('works on every endpoint type and with a shared integration object', () => {
    // GIVEN
    const { stack, https } = fixture();
    const shared = RestIntegration.alb(https, { secureServerName: 'orders.example.com' });

    // WHEN
    for (const [id, endpoint] of [['Edge', GatewayEndpoint.edge()], ['Regional', GatewayEndpoint.regional()]] as const) {
      const api = gateway(stack, { endpoint }, id);
      api.addRoute('GET /a', shared);
      api.addRoute('GET /b', shared);
    }

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 2);
    expect(methods(template).every(m => m.Integration.IntegrationTarget !== undefined)).toBe(true);
  });

  test('routes in nested route stacks reference the gateway\'s VPC link and carry the integration target', () => {
    // GIVEN
    const { stack, https } = fixture();
    const api = gateway(stack, { routeStacks: { count: 2 } });

    // WHEN
    api.addRoute('GET /orders', RestIntegration.alb(https, { secureServerName: 'orders.example.com' }));
    api.addRoute('GET /stock', RestIntegration.alb(https, { secureServerName: 'orders.example.com' }));

    // THEN
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::VpcLink', 1);
    const nested = stack.node.findAll().filter((c): c is Stack => c instanceof Stack && c !== stack);
    const inNested = nested.flatMap(n => methods(Template.fromStack(n)));
    expect(inNested.length).toBeGreaterThan(0);
    const all = [...methods(Template.fromStack(stack)), ...inNested];
    expect(all).toHaveLength(2);
    expect(all.every(m => m.Integration.IntegrationTarget !== undefined && m.Integration.ConnectionId !== undefined)).toBe(true);
  });

  test('the REST deployment changes when the integration target changes', () => {
    // GIVEN
    const build = (listenerArn: string): string[] => {
      const { stack, vpc } = fixture();
      const api = gateway(stack);
      const listener = elbv2.ApplicationListener.fromApplicationListenerAttributes(stack, 'Imported', {
        listenerArn, securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-123'),
      });
      const vpcLink = apigwv2.VpcLink.fromVpcLinkAttributes(stack, 'Link', { vpcLinkId: 'vl-1', vpc });
      api.addRoute('GET /orders', RestIntegration.alb(listener, { vpcLink, secureServerName: 'orders.example.com' }));
      return deploymentIds(Template.fromStack(stack));
    };

    // WHEN
    const first = build(LISTENER_ARN);
    const same = build(LISTENER_ARN);
    const moved = build(LISTENER_ARN.replace('50dc6c495c0c9188', '60dc6c495c0c9188'));

    // THEN
    expect(same).toEqual(first);
    expect(moved).not.toEqual(first);
  });

  describe('rules', () => {
    test('url and secureServerName together are an error', () => {
      const { stack, https } = fixture();
      expect(() => gateway(stack).addRoute('GET /x', RestIntegration.alb(https, { url: 'https://a.example.com/x', secureServerName: 'a.example.com' })))
        .toThrow(/Stack\/Orders\/Routes\/GET \|x: route 'GET \/x' alb url = "https:\/\/a\.example\.com\/x" is invalid: give either url or secureServerName/);
    });

    test('a secureServerName that is not a host name is an error', () => {
      const { stack, https } = fixture();
      expect(() => gateway(stack).addRoute('GET /x', RestIntegration.alb(https, { secureServerName: 'https://a.example.com' })))
        .toThrow(/alb secureServerName = "https:\/\/a\.example\.com" is invalid: a secure server name is a DNS host name/);
    });

    test('a relative url is an error', () => {
      const { stack, https } = fixture();
      expect(() => gateway(stack).addRoute('GET /x', RestIntegration.alb(https, { url: '/x' })))
        .toThrow(/alb url = "\/x" is invalid: a VPC link backend URL is absolute/);
    });

    test('a url parameter that is not a route path parameter is an error', () => {
      const { stack, https } = fixture();
      expect(() => gateway(stack).addRoute('GET /x', RestIntegration.alb(https, { url: 'https://a.example.com/{id}' })))
        .toThrow(/route 'GET \/x' alb url = "https:\/\/a\.example\.com\/\{id\}" is invalid: the URL parameter \{id\} must be a path parameter/);
    });

    test('secureServerName on an HTTP listener is an error', () => {
      const { stack, http } = fixture();
      expect(() => gateway(stack).addRoute('GET /x', RestIntegration.alb(http, { secureServerName: 'a.example.com' })))
        .toThrow(/alb secureServerName = "a\.example\.com" is invalid: calls the backend over TLS, but the listener Stack\/Backend\/Http is HTTP/);
    });

    test('an HTTPS listener without secureServerName or url is an error', () => {
      const { stack, https } = fixture();
      expect(() => gateway(stack).addRoute('GET /x', RestIntegration.alb(https)))
        .toThrow(/alb secureServerName = undefined is invalid: the listener Stack\/Backend\/Https is HTTPS, and API Gateway verifies its certificate/);
    });

    test('a url whose scheme is not the protocol of the listener on its port is an error', () => {
      const { stack, https } = fixture();
      expect(() => gateway(stack).addRoute('GET /x', RestIntegration.alb(https, { url: 'http://a.example.com:443/x' })))
        .toThrow(/alb url = "http:\/\/a\.example\.com:443\/x" is invalid: the listener Stack\/Backend\/Https on port 443 is HTTPS: call it with a https:\/\/ URL/);
    });

    test('a url on another port than the listener warns', () => {
      const { stack, https } = fixture();
      gateway(stack).addRoute('GET /x', RestIntegration.alb(https, { url: 'https://a.example.com:8443/x' }));
      Annotations.fromStack(stack).hasWarning('/Stack/Orders/Routes/GET |x', Match.stringLikeRegexp('calls port 8443 of the load balancer.*listens on 443.*albUrlPort'));
    });

    test('a VPC without private or isolated subnets for the VPC link is an error', () => {
      const stack = new Stack(new App(), 'Stack', { env });
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] });
      const listener = new elbv2.ApplicationLoadBalancer(stack, 'Backend', { vpc })
        .addListener('Http', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(200) });
      expect(() => gateway(stack).addRoute('GET /x', RestIntegration.alb(listener)))
        .toThrow(/^Stack\/Orders: vpcLink = undefined is invalid: the VPC Stack\/Vpc has no private or isolated subnets/);
    });

    test('an imported listener without a vpcLink is an error', () => {
      const { stack } = fixture();
      const listener = elbv2.ApplicationListener.fromApplicationListenerAttributes(stack, 'Imported', {
        listenerArn: LISTENER_ARN, securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-123'),
      });
      expect(() => RestIntegration.alb(listener, { secureServerName: 'a.example.com' }))
        .toThrow(/^RestIntegration\.alb: options\.vpcLink = undefined is invalid: an imported listener has no load balancer VPC/);
    });

    test('an imported listener without url or secureServerName is an error', () => {
      const { stack, vpc } = fixture();
      const listener = elbv2.ApplicationListener.fromApplicationListenerAttributes(stack, 'Imported', {
        listenerArn: LISTENER_ARN, securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-123'),
      });
      const vpcLink = apigwv2.VpcLink.fromVpcLinkAttributes(stack, 'Link', { vpcLinkId: 'vl-1', vpc });
      expect(() => gateway(stack).addRoute('GET /x', RestIntegration.alb(listener, { vpcLink })))
        .toThrow(/alb url = undefined is invalid: the imported listener Stack\/Imported has no load balancer DNS name/);
    });

    test('an imported listener ARN that is not an ALB listener is an error', () => {
      const { stack, vpc } = fixture();
      const listener = elbv2.ApplicationListener.fromApplicationListenerAttributes(stack, 'Imported', {
        listenerArn: LISTENER_ARN.replace('listener/app/', 'listener/net/'), securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-123'),
      });
      const vpcLink = apigwv2.VpcLink.fromVpcLinkAttributes(stack, 'Link', { vpcLinkId: 'vl-1', vpc });
      expect(() => RestIntegration.alb(listener, { vpcLink }))
        .toThrow(/^RestIntegration\.alb: listener = "arn:.*listener\/net\/.*" is invalid: an Application Load Balancer listener ARN is/);
    });

    test('a VPC link V1 is an error', () => {
      const { stack, https } = fixture();
      const vpcLink = apigateway.VpcLink.fromVpcLinkId(stack, 'V1', 'abc123');
      expect(() => RestIntegration.alb(https, { vpcLink: vpcLink as unknown as apigwv2.IVpcLink }))
        .toThrow(/^RestIntegration\.alb: options\.vpcLink = .* is invalid: a private integration to an Application Load Balancer goes through a VPC link V2/);
    });

    test('a Network Load Balancer listener is an error', () => {
      const { stack, vpc } = fixture();
      const nlb = new elbv2.NetworkLoadBalancer(stack, 'Nlb', { vpc });
      const listener = nlb.addListener('Tcp', { port: 80, defaultAction: elbv2.NetworkListenerAction.forward([new elbv2.NetworkTargetGroup(stack, 'Tg', { vpc, port: 80 })]) });
      expect(() => RestIntegration.alb(listener as unknown as elbv2.IApplicationListener))
        .toThrow(/^RestIntegration\.alb: listener = "Stack\/Nlb\/Tcp" is invalid: RestIntegration\.alb takes an Application Load Balancer listener/);
    });

    test('a timeout above 29 s on an edge-optimized API is an error', () => {
      const { stack, https } = fixture();
      expect(() => gateway(stack, { endpoint: GatewayEndpoint.edge() }).addRoute('GET /x',
        RestIntegration.alb(https, { secureServerName: 'a.example.com', timeout: Duration.seconds(45) })))
        .toThrow(/route 'GET \/x' integration timeout = "45000 ms" is invalid/);
    });

    test('mapping options on a proxy integration are an error', () => {
      const { stack, https } = fixture();
      expect(() => gateway(stack).addRoute('GET /x', RestIntegration.alb(https, { secureServerName: 'a.example.com', requestTemplates: { 'application/json': '{}' } })))
        .toThrow(/route 'GET \/x' alb requestTemplates = .* is invalid: requestTemplates shapes a non-proxy integration/);
    });

    test.each([
      ['no listener', () => RestIntegration.alb(undefined as never), /^RestIntegration\.alb: listener = undefined is invalid: an elbv2\.IApplicationListener is required$/],
      ['a string listener', () => RestIntegration.alb('arn' as never), /^RestIntegration\.alb: listener = "arn" is invalid: expected an elbv2\.IApplicationListener, got a string$/],
      ['a number url', () => RestIntegration.alb(fixture().https, { url: 42 as never }), /^RestIntegration\.alb: options\.url = 42 is invalid: expected a string/],
      ['an unknown httpMethod', () => RestIntegration.alb(fixture().https, { httpMethod: 'FETCH' as never }), /^RestIntegration\.alb: options\.httpMethod = "FETCH" is invalid/],
      ['a number timeout', () => RestIntegration.alb(fixture().https, { timeout: 29 as never }), /^RestIntegration\.alb: options\.timeout = 29 is invalid: expected a Duration/],
      ['a string vpcLink', () => RestIntegration.alb(fixture().https, { vpcLink: 'vl-1' as never }), /^RestIntegration\.alb: options\.vpcLink = "vl-1" is invalid: expected an apigwv2\.IVpcLink/],
    ])('JavaScript callers: %s is a GatewayValidationError', (_name, call, message) => {
      let error: unknown;
      try {
        call();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(GatewayValidationError);
      expect((error as Error).message).toMatch(message);
    });
  });
});
