/**
 * TLS security policies of custom domains and the endpoint access mode the enhanced ones need
 * (rule 84 of docs/rules.md). Sources: developer guide, "Security policies for REST APIs in API
 * Gateway" (legacy TLS_1_0 / TLS_1_2; "Any policy that starts with SecurityPolicy_ is an enhanced
 * security policy ... When you use an enhanced security policy, you must also set the endpoint
 * access mode"; "We recommend that you use STRICT endpoint access mode whenever possible") and
 * "Choose a security policy for your custom domain in API Gateway" (no mutual TLS and no HTTP API
 * mapping with an enhanced policy; HTTP and WebSocket APIs support TLS_1_2 only).
 */
import { Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { EndpointKind } from './endpoint';

/** The enhanced policies of edge-optimized domains (`SecurityPolicy_*_EDGE`). */
const EDGE_POLICIES: string[] = [
  'SecurityPolicy_TLS13_2025_EDGE',
  'SecurityPolicy_TLS12_PFS_2025_EDGE',
  'SecurityPolicy_TLS12_2018_EDGE',
];

/** Whether a policy is an enhanced one (its value starts with `SecurityPolicy_`). */
export function isEnhancedSecurityPolicy(policy: apigateway.SecurityPolicy | undefined): boolean {
  return policy !== undefined && !Token.isUnresolved(policy) && String(policy).startsWith('SecurityPolicy_');
}

/**
 * Rule 84: which policies a domain of an endpoint kind takes. Both kinds take the legacy TLS_1_0
 * and TLS_1_2; edge-optimized domains take the `*_EDGE` enhanced policies only, regional and
 * private domains the others (`TLS13_1_3_2025_09`, `TLS13_1_3_FIPS_2025_09`,
 * `TLS13_1_2_PQ_2025_09`, `TLS13_1_2_PFS_PQ_2025_09`).
 */
export function securityPolicyKindViolation(policy: apigateway.SecurityPolicy, endpointKind: EndpointKind): string | undefined {
  if (!isEnhancedSecurityPolicy(policy)) return undefined;
  const edgePolicy = EDGE_POLICIES.includes(policy);
  if (endpointKind === EndpointKind.EDGE && !edgePolicy) {
    return 'an edge-optimized custom domain takes TLS_1_0, TLS_1_2 or an edge policy (TLS13_2025_EDGE, TLS12_PFS_2025_EDGE, TLS12_2018_EDGE)';
  }
  if (endpointKind !== EndpointKind.EDGE && edgePolicy) {
    return `a ${endpointKind === EndpointKind.PRIVATE ? 'private' : 'regional'} custom domain takes TLS_1_0, TLS_1_2 or a regional policy `
      + '(TLS13_1_3_2025_09, TLS13_1_3_FIPS_2025_09, TLS13_1_2_PQ_2025_09, TLS13_1_2_PFS_PQ_2025_09); the *_EDGE policies are for edge-optimized domains';
  }
  return undefined;
}

/** Rule 84: an endpoint access mode goes with an enhanced policy only. */
export function endpointAccessModeViolation(policy: apigateway.SecurityPolicy, mode: apigateway.EndpointAccessMode | undefined): string | undefined {
  if (mode === undefined || isEnhancedSecurityPolicy(policy)) return undefined;
  return `the endpoint access mode applies to enhanced security policies (SecurityPolicy_*) only; the legacy ${policy} policy takes none`;
}

/**
 * The endpoint access mode to render: none for a legacy policy; for an enhanced one the given
 * mode, or STRICT, which the developer guide recommends "whenever possible" (BASIC is for
 * migrating an existing domain: clients that reach it through another endpoint type or without
 * matching SNI keep working).
 */
export function resolveEndpointAccessMode(policy: apigateway.SecurityPolicy, mode: apigateway.EndpointAccessMode | undefined): apigateway.EndpointAccessMode | undefined {
  if (!isEnhancedSecurityPolicy(policy)) return undefined;
  return mode ?? apigateway.EndpointAccessMode.STRICT;
}
