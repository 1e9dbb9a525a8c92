import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { HttpGateway } from '../../lib/http/http-gateway';
import {
  HttpIntegration, HttpIntegrationBindOptions, HttpIntegrationConfig,
} from '../../lib/http/integration';

function setup() {
  const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
  const gateway = new HttpGateway(stack, 'Api');
  return { stack, fn, gateway };
}

/** A user integration written against the public contract: it records each bind and proxies to `fn`. */
function recordingIntegration(handler: lambda.IFunction): HttpIntegration & { readonly seen: string[] } {
  class Custom extends HttpIntegration {
    public readonly seen: string[] = [];
    public bind(options: HttpIntegrationBindOptions): HttpIntegrationConfig {
      this.seen.push(`${options.gateway.node.path} ${options.routeKey}`);
      return { integration: HttpIntegration.lambdaFunction(handler).bind(options).integration, invokedFunctions: [handler] };
    }
  }
  return new Custom();
}

describe('lambdaFunction', () => {
  test('payload format 2.0 by default, 1.0 on request', () => {
    // GIVEN
    const { stack, fn, gateway } = setup();

    // WHEN
    gateway.addRoute('GET /v2', HttpIntegration.lambdaFunction(fn));
    gateway.addRoute('GET /v1', HttpIntegration.lambdaFunction(fn, { payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_1_0 }));

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '1.0' });
  });

  test('routes sharing one integration object share one integration; separate objects make separate ones', () => {
    // GIVEN
    const { stack, fn, gateway } = setup();
    const shared = HttpIntegration.lambdaFunction(fn);

    // WHEN
    gateway.addRoute('GET /a', shared);
    gateway.addRoute('GET /b', shared);
    gateway.addRoute('GET /c', shared);
    gateway.addRoute('GET /d', HttpIntegration.lambdaFunction(fn));

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 4);
  });

  test('one integration object used by two gateways makes one integration in each', () => {
    // GIVEN
    const { stack, fn, gateway } = setup();
    const other = new HttpGateway(stack, 'Other');
    const shared = HttpIntegration.lambdaFunction(fn);

    // WHEN
    gateway.addRoute('GET /a', shared);
    other.addRoute('GET /a', shared);

    // THEN
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
  });

  test('adds no permission per route (aws-cdk-lib\'s HttpLambdaIntegration would)', () => {
    // GIVEN
    const { stack, fn, gateway } = setup();

    // WHEN
    for (let i = 0; i < 20; i++) {
      gateway.addRoute(`GET /r${i}`, HttpIntegration.lambdaFunction(fn));
    }

    // THEN: one stage, one function
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Permission', 1);
  });
});

describe('timeout', () => {
  test.each([
    [Duration.millis(50), 50],
    [Duration.seconds(29), 29000],
    [Duration.seconds(30), 30000],
  ])('a timeout of %s is set on the integration', (timeout, ms) => {
    // GIVEN
    const { stack, fn, gateway } = setup();

    // WHEN
    gateway.addRoute('GET /a', HttpIntegration.lambdaFunction(fn, { timeout }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', { TimeoutInMillis: ms });
  });

  test('no timeout by default (the service default, 30 s)', () => {
    const { stack, fn, gateway } = setup();
    gateway.addRoute('GET /a', HttpIntegration.lambdaFunction(fn));
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', { TimeoutInMillis: Match.absent() });
  });

  test.each([
    [Duration.millis(49), /route 'GET \/a' integration timeout = "49 ms" is invalid: an integration timeout is at least 50 milliseconds/],
    [Duration.millis(30001), /route 'GET \/a' integration timeout = "30001 ms" is invalid: an integration timeout is at most 30 seconds for HTTP APIs/],
  ])('rejects a timeout of %s with the construct path', (timeout, message) => {
    const { fn, gateway } = setup();
    expect(() => gateway.addRoute('GET /a', HttpIntegration.lambdaFunction(fn, { timeout }))).toThrow(/^Stack\/Api: /);
    expect(() => gateway.addRoute('GET /a', HttpIntegration.lambdaFunction(fn, { timeout }))).toThrow(message);
  });

  test('the timeout of an HTTP URL integration is validated and set too', () => {
    // GIVEN
    const { stack, gateway } = setup();

    // WHEN
    gateway.addRoute('GET /a', HttpIntegration.http('https://backend.example.com/a', { timeout: Duration.seconds(30) }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'HTTP_PROXY', TimeoutInMillis: 30000 });
    expect(() => gateway.addRoute('GET /b', HttpIntegration.http('https://x.example.com', { timeout: Duration.seconds(31) })))
      .toThrow(/integration timeout = "31000 ms" is invalid/);
  });
});

describe('http', () => {
  test('an HTTP proxy passing the client method by default', () => {
    // GIVEN
    const { stack, gateway } = setup();

    // WHEN
    gateway.addRoute('GET /items/{id}', HttpIntegration.http('https://backend.example.com/items/{id}'));
    gateway.addRoute('POST /items', HttpIntegration.http('https://backend.example.com/create', { httpMethod: apigwv2.HttpMethod.PUT }));

    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: 'https://backend.example.com/items/{id}',
      IntegrationMethod: 'ANY',
      PayloadFormatVersion: '1.0',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationUri: 'https://backend.example.com/create',
      IntegrationMethod: 'PUT',
    });
    template.resourceCountIs('AWS::Lambda::Permission', 0);
  });

  test('parameter mappings are passed on', () => {
    // GIVEN
    const { stack, gateway } = setup();

    // WHEN
    gateway.addRoute('GET /a', HttpIntegration.http('https://backend.example.com', {
      parameterMapping: new apigwv2.ParameterMapping().appendHeader('x-tenant', apigwv2.MappingValue.contextVariable('requestId')),
    }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      RequestParameters: { 'append:header.x-tenant': '$context.requestId' },
    });
  });
});

describe('private integrations', () => {
  function network(stack: Stack) {
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    return vpc;
  }

  test('ALB listener: a VPC link to the load balancer\'s VPC, TLS server name for HTTPS', () => {
    // GIVEN
    const { stack, gateway } = setup();
    const vpc = network(stack);
    const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc });
    const listener = alb.addListener('Http', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(200) });

    // WHEN
    gateway.addRoute('ANY /app/{proxy+}', HttpIntegration.alb(listener, { secureServerName: 'app.internal.example.com' }));
    gateway.addRoute('GET /app', HttpIntegration.alb(listener));

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'HTTP_PROXY',
      ConnectionType: 'VPC_LINK',
      ConnectionId: { Ref: Match.stringLikeRegexp('VpcLink') },
      IntegrationUri: { Ref: Match.stringLikeRegexp('^AlbHttp') },
      IntegrationMethod: 'ANY',
      TlsConfig: { ServerNameToVerify: 'app.internal.example.com' },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ConnectionType: 'VPC_LINK',
      TlsConfig: Match.absent(),
    });
  });

  test('NLB listener with a given VPC link and timeout', () => {
    // GIVEN
    const { stack, gateway } = setup();
    const vpc = network(stack);
    const nlb = new elbv2.NetworkLoadBalancer(stack, 'Nlb', { vpc });
    const listener = nlb.addListener('Tcp', { port: 443 });
    listener.addTargets('Targets', { port: 443 });
    const vpcLink = new apigwv2.VpcLink(stack, 'Link', { vpc });

    // WHEN
    gateway.addRoute('GET /nlb', HttpIntegration.nlb(listener, { vpcLink, timeout: Duration.seconds(30), httpMethod: apigwv2.HttpMethod.GET }));

    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ConnectionType: 'VPC_LINK',
      ConnectionId: { Ref: Match.stringLikeRegexp('^Link') },
      IntegrationUri: { Ref: Match.stringLikeRegexp('^NlbTcp') },
      IntegrationMethod: 'GET',
      TimeoutInMillis: 30000,
    });
  });

  test('Cloud Map service through a VPC link', () => {
    // GIVEN
    const { stack, gateway } = setup();
    const vpc = network(stack);
    const namespace = new servicediscovery.PrivateDnsNamespace(stack, 'Ns', { name: 'internal', vpc });
    const service = namespace.createService('Orders', { dnsRecordType: servicediscovery.DnsRecordType.SRV });
    const vpcLink = new apigwv2.VpcLink(stack, 'Link', { vpc });

    // WHEN
    gateway.addRoute('GET /svc', HttpIntegration.serviceDiscovery(service, { vpcLink, secureServerName: 'orders.internal', timeout: Duration.seconds(10) }));

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ConnectionType: 'VPC_LINK',
      ConnectionId: { Ref: Match.stringLikeRegexp('^Link') },
      IntegrationUri: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NsOrders'), 'Arn'] },
      TlsConfig: { ServerNameToVerify: 'orders.internal' },
      TimeoutInMillis: 10000,
    });
  });
});

describe('custom integrations', () => {
  test('a user integration implementing bind is wired, and its functions granted', () => {
    // GIVEN
    const { stack, fn, gateway } = setup();
    const custom = recordingIntegration(fn);

    // WHEN
    gateway.addRoute('GET /custom', custom);

    // THEN
    expect(custom.seen).toEqual(['Stack/Api GET /custom']);
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Permission', 1);
  });

  test('a user integration used on several routes is bound once per gateway, and rendered once', () => {
    // GIVEN
    const { stack, fn, gateway } = setup();
    const other = new HttpGateway(stack, 'Other');
    const custom = recordingIntegration(fn);

    // WHEN
    gateway.addRoute('GET /a', custom);
    gateway.addRoute('GET /b', custom);
    other.addRoute('GET /a', custom);

    // THEN
    expect(custom.seen).toEqual(['Stack/Api GET /a', 'Stack/Other GET /a']);
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
  });
});
