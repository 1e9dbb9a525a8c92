/**
 * Dual-stack (IPv4 and IPv6) APIs and custom domains (rules 82 and 83 of docs/rules.md).
 */
import { EndpointKind } from './endpoint';

/** Which IP addresses can invoke an API or a custom domain. */
export enum GatewayIpAddressType {
  /** IPv4 only (API Gateway's default for public APIs and public custom domains). */
  IPV4 = 'ipv4',
  /** IPv4 and IPv6 (the only type of private REST APIs and private custom domains). */
  DUALSTACK = 'dualstack',
}

/**
 * Rule 82: "Private APIs can only have a dualstack IP address type" (developer guide, IP address
 * types for REST APIs in API Gateway; CloudFormation AWS::ApiGateway::RestApi
 * EndpointConfiguration IpAddressType: "For the PRIVATE endpoint type, only dualstack is
 * supported"), and "Private custom domain names can only have a dualstack IP address type"
 * (IP address types for custom domain names in API Gateway). Regional and edge-optimized REST APIs,
 * HTTP and WebSocket APIs, and public custom domains take either type (default IPv4).
 */
export function ipAddressTypeViolation(endpointKind: EndpointKind, ipAddressType: GatewayIpAddressType | undefined, what: string): string | undefined {
  return endpointKind === EndpointKind.PRIVATE && ipAddressType === GatewayIpAddressType.IPV4
    ? `a private ${what} can only be dualstack (GatewayIpAddressType.DUALSTACK, API Gateway's default for it); leave ipAddressType out or set DUALSTACK`
    : undefined;
}

/**
 * The effective IP address type: the given one, else the service's default (dualstack for private
 * REST APIs and private domains, IPv4 otherwise).
 */
export function effectiveIpAddressType(endpointKind: EndpointKind, ipAddressType: GatewayIpAddressType | undefined): GatewayIpAddressType {
  return ipAddressType ?? (endpointKind === EndpointKind.PRIVATE ? GatewayIpAddressType.DUALSTACK : GatewayIpAddressType.IPV4);
}

/**
 * Rule 83: whether an AAAA alias record to a custom domain resolves. An edge-optimized domain is
 * served by CloudFront, which answers IPv6; a regional domain has IPv6 addresses only when it is
 * dualstack, so an AAAA alias to an IPv4-only regional domain resolves to nothing.
 */
export function domainServesIpv6(endpointKind: EndpointKind, ipAddressType: GatewayIpAddressType | undefined): boolean {
  return endpointKind === EndpointKind.EDGE || effectiveIpAddressType(endpointKind, ipAddressType) === GatewayIpAddressType.DUALSTACK;
}
