/**
 * Custom domains of HTTP and WebSocket APIs: regional, TLS_1_2 only, and always a GatewayDomain
 * mapped onto one stage (the gateway's own `domain`, or a shared one through `mapDomain`).
 */
import { Construct, IConstruct } from 'constructs';
import {
  GatewayDomain, GatewayDomainMappingOptions, GatewayDomainOptions, domainBaseOptions, recordDomainMappingKind, resolveDomainStage,
  v2ApiSecurityPolicyViolation,
} from './domain';
import { GatewayIpAddressType } from './ip-address-type';
import { check } from './errors';
import { StageRegistry } from './stage-registry';

/** Maps a stage onto a shared GatewayDomain, whose security policy the API kind must offer. */
export function mapV2Domain(gateway: IConstruct, stages: StageRegistry<IConstruct>, apiId: string, apiKind: string,
  domain: GatewayDomain, options: GatewayDomainMappingOptions): void {
  check(gateway, 'mapDomain', domain.securityPolicy, v2ApiSecurityPolicyViolation(domain.securityPolicy, apiKind));
  recordDomainMappingKind(domain, apiKind);
  stages.mapDomain(domain, options, apiId);
}

/**
 * The gateway's own custom domain (`domain` prop): a GatewayDomain `CustomDomain`, mapped with the
 * gateway's `mapDomain`.
 */
export function addV2CustomDomain(gateway: Construct, stageNames: string[], apiKind: string, options: GatewayDomainOptions,
  mapDomain: (domain: GatewayDomain, mapping: GatewayDomainMappingOptions) => void, apiIpAddressType?: GatewayIpAddressType): GatewayDomain {
  check(gateway, 'domain.securityPolicy', options.securityPolicy, v2ApiSecurityPolicyViolation(options.securityPolicy, apiKind));
  resolveDomainStage(gateway, 'domain.stageName', stageNames, options.stageName);
  // The domain follows the API's IP address type unless it sets its own (the service allows them
  // to differ: "Your API can be mapped to a custom domain name with a different IP address type").
  const domain = new GatewayDomain(gateway, 'CustomDomain', {
    ...domainBaseOptions(options),
    ipAddressType: options.ipAddressType ?? apiIpAddressType,
  });
  mapDomain(domain, { basePath: options.basePath, stageName: options.stageName });
  return domain;
}
