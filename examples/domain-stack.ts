import { Stack, StackProps } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import {
  GatewayDomain, GatewayEndpoint, GatewayIpAddressType, HttpGateway, HttpIntegration, RestGateway, RestIntegration,
  WebSocketGateway, WebSocketIntegration,
} from '../lib';
import { exampleFunction, exampleWebAcl } from './stacks';
import { monitor } from './operations';

/**
 * Custom domains in a eu-west-1 app:
 * - an edge-optimized REST API on `edge.example.com`: its certificate must be in us-east-1, so the
 *   construct puts it in a us-east-1 companion stack (this stack sets crossRegionReferences);
 * - a dual-stack (IPv4 and IPv6) regional HTTP API on `http.example.com` with a certificate in
 *   eu-west-1: its domain follows the API's IP address type, so it gets an AAAA record too;
 * - a WebSocket API on `ws.example.com` (WebSocket domains are regional; IPv4 only, so an A record only);
 * - one shared regional domain `api.example.com`: `v1` → prod of one REST API, `v2` → prod of another,
 *   and a routing rule sending requests with `Accept-Version: v2*` to the second whatever the path.
 * The hosted zone is imported with a literal id, as the us-east-1 certificate stack needs.
 */
export class DomainsStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, { ...props, crossRegionReferences: true });
    const hostedZone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: 'Z0EXAMPLE12345', zoneName: 'example.com' });
    const fn = exampleFunction(this, 'Handler');
    const webAclArn = exampleWebAcl(this, 'WebAcl').attrArn;

    const edge = new RestGateway(this, 'EdgeApi', {
      endpoint: GatewayEndpoint.edge(),
      stages: [{ stageName: 'prod', webAclArn }],
      domain: { domainName: 'edge.example.com', hostedZone },
    });
    edge.addRoute('GET /orders', RestIntegration.lambdaFunction(fn));

    const http = new HttpGateway(this, 'HttpApi', {
      ipAddressType: GatewayIpAddressType.DUALSTACK,
      domain: { domainName: 'http.example.com', hostedZone },
    });
    http.addRoute('GET /orders', HttpIntegration.lambdaFunction(fn));

    const ws = new WebSocketGateway(this, 'Chat', { domain: { domainName: 'ws.example.com', hostedZone } });
    ws.addRoute('$connect', WebSocketIntegration.lambdaFunction(fn));

    const shared = new GatewayDomain(this, 'SharedDomain', { domainName: 'api.example.com', hostedZone });
    const v1 = new RestGateway(this, 'OrdersV1', { stages: [{ stageName: 'prod', webAclArn }] });
    v1.addRoute('GET /orders', RestIntegration.lambdaFunction(fn));
    const v2 = new RestGateway(this, 'OrdersV2', { stages: [{ stageName: 'prod', webAclArn }] });
    v2.addRoute('GET /orders', RestIntegration.lambdaFunction(fn));
    v1.mapDomain(shared, { basePath: 'v1' });
    v2.mapDomain(shared, { basePath: 'v2' });
    // Evaluated before the base-path mappings: the domain's routing mode becomes
    // ROUTING_RULE_THEN_API_MAPPING.
    shared.addRoutingRule('AcceptVersionV2', {
      priority: 100,
      gateway: v2,
      stageName: 'prod',
      headers: [{ header: 'Accept-Version', valueGlob: 'v2*' }],
    });

    // Every gateway gets the default alarms, paging the stack's on-call topic, and a dashboard.
    for (const gateway of [edge, http, ws, v1, v2]) monitor(gateway);
  }
}
