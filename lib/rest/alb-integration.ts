/**
 * REST private integrations to an Application Load Balancer through a VPC link V2 (issue 19,
 * rules 87 and 88 of docs/rules.md), loaded on the first `RestIntegration.alb` call.
 *
 * "Set up a private integration" (API Gateway developer guide): an HTTP proxy integration with
 * connection type `VPC_LINK`, the VPC link V2 (`AWS::ApiGatewayV2::VpcLink`, the kind HTTP APIs
 * use) as connection id, and the load balancer's ARN as integration target; the URI's host is
 * the `Host` header and, for `https://`, the name API Gateway verifies in the backend's
 * certificate. aws-cdk-lib 2.257's `apigateway.Integration` has no `integrationTarget` (only
 * `CfnMethod` has it), and its `vpcLink` option is typed for V1 links: the integration below
 * passes the V2 link's id as `connectionId` and sets the target on the method's L1.
 */
import { Aspects, Fn, IAspect, Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { IConstruct } from 'constructs';
import { GatewayValidationError, check, warn } from '../common/errors';
import { InputSpec, aDuration, aResource, aString, aStruct, checkArgs, oneOf, required } from '../common/input';
import { awsEc2, awsElasticLoadBalancingV2 } from '../common/lazy';
import { parseRouteKey } from '../common/route-key';
import type { RestIntegrationBindOptions, RestIntegrationConfig, RestHttpIntegrationOptions } from './integration';
import { defaultVpcLinkUrl, serverNameViolation, urlPathParameters, validateRestTimeout, vpcLinkUrlViolation } from './integration';
import { MAPPING_SPEC, PROXY_SPEC, restMapping } from './non-proxy';

/** Options of a private integration to an Application Load Balancer through a VPC link V2. */
export interface RestAlbIntegrationOptions extends RestHttpIntegrationOptions {
  /**
   * The backend URL API Gateway calls through the VPC link, e.g.
   * `https://orders.internal.example.com/v1/orders/{id}`; path parameters of the route may be
   * used in it. Its host is sent as the `Host` header (for the load balancer's host-based listener
   * rules) and, for `https://`, is the name API Gateway verifies in the certificate of the
   * listener; its port is the listener's. The connection always goes to the load balancer (the
   * integration target), whatever the host resolves to.
   * @default - `https://<secureServerName>[:<listener port>]<route path>` when secureServerName is
   * set, otherwise `http://<load balancer DNS name>[:<listener port>]<route path>` for an HTTP
   * listener of the app (plain HTTP, which warns)
   */
  readonly url?: string;
  /**
   * The host name of the listener's TLS certificate: API Gateway then calls
   * `https://<secureServerName>[:<listener port>]<route path>` and verifies the certificate the
   * HTTPS listener presents, which must be issued for this name by a certificate authority API
   * Gateway trusts. Give either this or `url`.
   * @default - no TLS to the backend, unless `url` is an https URL
   */
  readonly secureServerName?: string;
  /**
   * The VPC link V2 to use (`apigwv2.VpcLink`, in the load balancer's VPC, with security groups
   * the load balancer admits). Required for an imported listener.
   * @default - one `apigwv2.VpcLink` per VPC per gateway, created on first use in the private
   * subnets of the load balancer's VPC and shared by the gateway's routes to load balancers there
   */
  readonly vpcLink?: apigwv2.IVpcLink;
}

/** The input checks of `RestIntegration.alb` for JavaScript and jsii callers (rule 64). */
const ALB_FACTORY_ARGS: InputSpec = {
  listener: required(aResource('an elbv2.IApplicationListener', 'listenerArn')),
  options: aStruct({
    timeout: aDuration(),
    httpMethod: oneOf(() => apigwv2.HttpMethod, 'apigwv2.HttpMethod'),
    url: aString(),
    secureServerName: aString(),
    vpcLink: aResource('an apigwv2.IVpcLink', 'vpcLinkId'),
    ...PROXY_SPEC,
    ...MAPPING_SPEC,
  }, 'a RestAlbIntegrationOptions object'),
};

const FACTORY = 'RestIntegration.alb';

/**
 * Checks `RestIntegration.alb`'s arguments (types, and what is decidable before any route) and
 * returns the function that builds the integration of each route.
 */
export function albIntegrationBinder(listener: elbv2.IApplicationListener, options: RestAlbIntegrationOptions):
(bind: RestIntegrationBindOptions) => RestIntegrationConfig {
  checkArgs(FACTORY, { listener, options }, ALB_FACTORY_ARGS);
  const elb = awsElasticLoadBalancingV2();
  if (listener instanceof elb.NetworkListener) {
    throw GatewayValidationError.forFactory(FACTORY, 'listener', listener.node.path,
      'RestIntegration.alb takes an Application Load Balancer listener; a Network Load Balancer is reached with RestIntegration.nlb');
  }
  if (options.vpcLink !== undefined && (options.vpcLink as Partial<apigwv2.IVpcLink>).vpc === undefined) {
    throw GatewayValidationError.forFactory(FACTORY, 'options.vpcLink', options.vpcLink.node?.path ?? options.vpcLink.vpcLinkId,
      'a private integration to an Application Load Balancer goes through a VPC link V2 (apigwv2.VpcLink, AWS::ApiGatewayV2::VpcLink); '
      + 'a VPC link V1 (apigateway.VpcLink) reaches Network Load Balancers only (RestIntegration.nlb)');
  }
  const inApp = listener instanceof elb.ApplicationListener ? listener : undefined;
  const vpc = options.vpcLink?.vpc ?? inApp?.loadBalancer.vpc;
  if (vpc === undefined) {
    throw GatewayValidationError.forFactory(FACTORY, 'options.vpcLink', undefined, inApp === undefined
      ? 'an imported listener has no load balancer VPC to create a VPC link in: pass the vpcLink to reach it through'
      : `the load balancer of ${inApp.node.path} is imported without its VPC: pass the vpcLink to reach it through`);
  }
  const target = loadBalancerArn(listener, inApp);
  return bind => bindAlb(bind, listener, inApp, vpc, target, options);
}

function bindAlb(bind: RestIntegrationBindOptions, listener: elbv2.IApplicationListener, inApp: elbv2.ApplicationListener | undefined,
  vpc: ec2.IVpc, target: string, options: RestAlbIntegrationOptions): RestIntegrationConfig {
  const prop = `route '${bind.routeKey}' alb`;
  const timeout = validateRestTimeout(bind, options.timeout);
  check(bind.scope, `${prop} url`, options.url, options.url !== undefined && options.secureServerName !== undefined
    ? 'give either url or secureServerName (the https URL is then built from it), not both' : undefined);
  if (options.secureServerName !== undefined) {
    check(bind.scope, `${prop} secureServerName`, options.secureServerName, serverNameViolation(options.secureServerName));
  }
  const url = options.url ?? defaultUrl(bind, prop, listener, inApp, options.secureServerName);
  check(bind.scope, `${prop} url`, url, vpcLinkUrlViolation(url));
  if (inApp !== undefined && options.url !== undefined) {
    checkUrlAgainstListener(bind, prop, url, inApp);
  }
  if (url.startsWith('http://')) {
    warn(bind.scope, 'vpcLinkPlainHttp',
      `route '${bind.routeKey}' calls its VPC link backend over plain HTTP (${options.url === undefined ? 'the default' : 'url'}); `
      + 'set secureServerName (or an https url) and an HTTPS listener on the load balancer so traffic to the backend is encrypted '
      + '(Security Hub APIGateway.10 asks this of private integrations).');
  }
  const proxy = options.proxy ?? true;
  const mapping = restMapping(bind, 'alb', options, proxy);
  const link = options.vpcLink ?? vpcLinkV2For(bind.gateway, vpc);
  return {
    integration: new AlbTargetIntegration(target, url, {
      proxy,
      httpMethod: options.httpMethod ?? parseRouteKey(bind.routeKey).method,
      options: {
        connectionType: apigateway.ConnectionType.VPC_LINK,
        // The V2 link's id as the method's ConnectionId: the L2 option is typed for V1 links and
        // renders only `vpcLinkId` (a V1 link made here would be an AWS::ApiGateway::VpcLink).
        vpcLink: apigateway.VpcLink.fromVpcLinkId(bind.scope, 'AlbVpcLink', link.vpcLinkId),
        timeout,
        cacheKeyParameters: bind.cacheKeyParameters,
        requestParameters: urlPathParameters(bind, 'alb url', url),
        ...mapping.options,
      },
    }),
    methodResponses: mapping.methodResponses,
  };
}

/** The backend URL when none is given: the secure server name, or the load balancer's DNS name, and the listener's port. */
function defaultUrl(bind: RestIntegrationBindOptions, prop: string, listener: elbv2.IApplicationListener,
  inApp: elbv2.ApplicationListener | undefined, secureServerName: string | undefined): string {
  const elb = awsElasticLoadBalancingV2();
  if (secureServerName !== undefined) {
    if (inApp !== undefined) {
      check(bind.scope, `${prop} secureServerName`, secureServerName, inApp.protocol === elb.ApplicationProtocol.HTTP
        ? `calls the backend over TLS, but the listener ${inApp.node.path} is HTTP: give the load balancer an HTTPS listener whose certificate `
          + 'covers this name, or leave secureServerName out to call the HTTP listener' : undefined);
    }
    return defaultVpcLinkUrl('https', hostPort(secureServerName, inApp?.port, 443), bind.routeKey);
  }
  if (inApp === undefined) {
    throw new GatewayValidationError(bind.scope, `${prop} url`, undefined,
      `the imported listener ${listener.node.path} has no load balancer DNS name, protocol or port to build the default URL from; give url or secureServerName`);
  }
  check(bind.scope, `${prop} secureServerName`, undefined, inApp.protocol === elb.ApplicationProtocol.HTTPS
    ? `the listener ${inApp.node.path} is HTTPS, and API Gateway verifies its certificate against the URL's host, which the load balancer's `
      + 'DNS name is not: give secureServerName (a name the certificate covers) or an https url' : undefined);
  return defaultVpcLinkUrl('http', hostPort(inApp.loadBalancer.loadBalancerDnsName, inApp.port, 80), bind.routeKey);
}

function hostPort(host: string, port: number | undefined, schemeDefault: number): string {
  return port === undefined || Token.isUnresolved(port) || port === schemeDefault ? host : `${host}:${port}`;
}

/**
 * A given URL against the listener of the app: the scheme must be the listener's protocol when the
 * URL uses the listener's port (TLS to an HTTP listener, or plain HTTP to an HTTPS one, fails), and
 * a URL on another port warns (it reaches another listener of the load balancer, if any).
 */
function checkUrlAgainstListener(bind: RestIntegrationBindOptions, prop: string, url: string, listener: elbv2.ApplicationListener): void {
  const m = /^(https?):\/\/[^/:\s]+(?::(\d+))?/.exec(url);
  if (m === null || Token.isUnresolved(listener.port) || Token.isUnresolved(url)) return;
  const scheme = m[1];
  const port = m[2] !== undefined ? Number(m[2]) : scheme === 'https' ? 443 : 80;
  if (port !== listener.port) {
    warn(bind.scope, 'albUrlPort', `route '${bind.routeKey}' calls port ${port} of the load balancer (url), but the listener ${listener.node.path} `
      + `listens on ${listener.port}: the request goes to whichever listener the load balancer has on port ${port}.`);
    return;
  }
  const protocol = listener.protocol.toLowerCase();
  check(bind.scope, `${prop} url`, url, scheme !== protocol
    ? `the listener ${listener.node.path} on port ${port} is ${listener.protocol}: call it with a ${protocol}:// URL` : undefined);
}

/**
 * The integration target: the load balancer's ARN ("Set up a private integration": `--integration-target
 * arn:...:loadbalancer/app/...`). For an imported listener it is derived from the listener's ARN
 * (`arn:...:listener/app/<name>/<lb id>/<listener id>` names its load balancer).
 */
function loadBalancerArn(listener: elbv2.IApplicationListener, inApp: elbv2.ApplicationListener | undefined): string {
  if (inApp !== undefined) return inApp.loadBalancer.loadBalancerArn;
  const arn = listener.listenerArn;
  if (!Token.isUnresolved(arn)) {
    const m = /^(arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:)listener\/(app\/[^/]+\/[^/]+)\/[^/]+$/.exec(arn);
    if (m === null) {
      throw GatewayValidationError.forFactory(FACTORY, 'listener', arn,
        'an Application Load Balancer listener ARN is arn:<partition>:elasticloadbalancing:<region>:<account>:listener/app/<name>/<id>/<listener id>');
    }
    return `${m[1]}loadbalancer/${m[2]}`;
  }
  const parts = Fn.split('/', arn, 5);
  return Fn.join('', [Fn.select(0, Fn.split(':listener', Fn.select(0, parts), 2)), ':loadbalancer/',
    Fn.select(1, parts), '/', Fn.select(2, parts), '/', Fn.select(3, parts)]);
}

/**
 * The gateway's VPC link V2 to a VPC: found by its construct id, or created (one per VPC per
 * gateway, as aws-cdk-lib's HttpApi does, but named after the VPC's path rather than a count, so
 * that adding a VPC never renames another's link). Without security groups of its own, as
 * aws-cdk-lib's `HttpAlbIntegration` makes it.
 */
function vpcLinkV2For(gateway: IConstruct, vpc: ec2.IVpc): apigwv2.IVpcLink {
  const stack = Stack.of(gateway);
  const scopes = vpc.node.scopes;
  const inStack = scopes.indexOf(stack);
  const path = (inStack >= 0 ? scopes.slice(inStack + 1) : scopes.filter(c => c.node.id !== '')).map(c => c.node.id);
  const id = `AlbVpcLink-${path.join('-')}`;
  const existing = gateway.node.tryFindChild(id);
  if (existing instanceof apigwv2.VpcLink) return existing;
  // aws-cdk-lib's default (private subnets with egress) fails on a VPC of isolated subnets, where
  // the link's network interfaces work as well: the load balancer is reached inside the VPC.
  const subnetType = vpc.privateSubnets.length > 0 ? awsEc2().SubnetType.PRIVATE_WITH_EGRESS
    : vpc.isolatedSubnets.length > 0 ? awsEc2().SubnetType.PRIVATE_ISOLATED : undefined;
  check(gateway, 'vpcLink', undefined, subnetType === undefined
    ? `the VPC ${vpc.node.path} has no private or isolated subnets for the VPC link's network interfaces: pass a vpcLink (apigwv2.VpcLink with the subnets to use)`
    : undefined);
  return new apigwv2.VpcLink(gateway, id, { vpc, subnets: { subnetType } });
}

/**
 * An HTTP integration through a VPC link V2 with an integration target. The target is set on the
 * method's L1 once the method has made it (the method binds its integration before), and is part
 * of the deployment token, so that a new target is a new REST deployment.
 */
class AlbTargetIntegration extends apigateway.HttpIntegration {
  constructor(private readonly target: string, url: string, props: apigateway.HttpIntegrationProps) {
    super(url, props);
  }

  public bind(method: apigateway.Method): apigateway.IntegrationConfig {
    const config = super.bind(method);
    Aspects.of(method).add(new SetIntegrationTarget(method, this.target));
    return { ...config, deploymentToken: JSON.stringify({ integration: config.deploymentToken, integrationTarget: this.target }) };
  }
}

class SetIntegrationTarget implements IAspect {
  constructor(private readonly method: apigateway.Method, private readonly target: string) {}

  public visit(node: IConstruct): void {
    if (node === this.method && node.node.defaultChild instanceof apigateway.CfnMethod) {
      node.node.defaultChild.addPropertyOverride('Integration.IntegrationTarget', this.target);
    }
  }
}
