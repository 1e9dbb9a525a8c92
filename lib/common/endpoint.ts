import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import { aStruct, checkArgs, required } from './input';
import { PRIVATE_ENDPOINT_SPEC } from './input-specs';

/** The kind of endpoint an API is reached through. */
export enum EndpointKind {
  /** Edge-optimized: through CloudFront points of presence (REST only). */
  EDGE = 'EDGE',
  /** Regional: in the API's own region. */
  REGIONAL = 'REGIONAL',
  /** Private: only through interface VPC endpoints (REST only). */
  PRIVATE = 'PRIVATE',
}

/**
 * Options of a private endpoint: give a VPC (an `execute-api` interface endpoint is created in
 * it) or existing interface VPC endpoints.
 */
export interface PrivateEndpointOptions {
  /**
   * A VPC in which to create an `execute-api` interface endpoint with private DNS.
   * @default - none; then `vpcEndpoints` is required
   */
  readonly vpc?: ec2.IVpc;
  /**
   * Subnets for the created endpoint.
   * @default - the VPC's private subnets
   */
  readonly subnets?: ec2.SubnetSelection;
  /**
   * Peers admitted on port 443 by the created endpoint's security group.
   * @default - the VPC's CIDR block
   */
  readonly allowedPeers?: ec2.IPeer[];
  /**
   * Existing `execute-api` interface VPC endpoints through which the API is reached.
   * @default - none; then `vpc` is required
   */
  readonly vpcEndpoints?: ec2.IInterfaceVpcEndpoint[];
}

/**
 * Where an API is reachable: `GatewayEndpoint.regional()` (the default), `.edge()`, or
 * `.privateEndpoint({ vpc })`. HTTP and WebSocket APIs are regional only.
 */
export class GatewayEndpoint {
  /** An edge-optimized endpoint (REST only). A custom domain then needs a us-east-1 certificate. */
  public static edge(): GatewayEndpoint {
    return new GatewayEndpoint(EndpointKind.EDGE);
  }

  /** A regional endpoint, in the API's own region. */
  public static regional(): GatewayEndpoint {
    return new GatewayEndpoint(EndpointKind.REGIONAL);
  }

  /**
   * A private endpoint (REST only), reachable only through interface VPC endpoints; a resource
   * policy admitting only those endpoints is attached.
   */
  public static privateEndpoint(options: PrivateEndpointOptions): GatewayEndpoint {
    checkArgs('GatewayEndpoint.privateEndpoint', { options }, { options: required(aStruct(PRIVATE_ENDPOINT_SPEC, 'a PrivateEndpointOptions object')) });
    return new GatewayEndpoint(EndpointKind.PRIVATE, options);
  }

  private constructor(
    /** The endpoint kind. */
    public readonly kind: EndpointKind,
    /** The private endpoint's options, for kind PRIVATE. */
    public readonly privateOptions?: PrivateEndpointOptions,
  ) {}
}
