/**
 * Routing rules of custom domains (`AWS::ApiGatewayV2::RoutingRule`) and the domain's routing
 * mode (rules 85 and 86 of docs/rules.md). Sources: developer guide, "Routing rules to connect API
 * stages to a custom domain name for REST APIs" (up to two header conditions and one base path
 * condition; priority 1 to 1,000,000, unique; the only action invokes a REST API stage; wildcards
 * only in header values, as `*prefix`, `suffix*` or `*infix*`), "Send traffic to your APIs through
 * your custom domain name" (WebSocket and HTTP APIs are not routing-rule targets; no routing rules
 * on a domain with API mappings to both REST and HTTP APIs; public domains route to regional or
 * edge-optimized APIs only), "Set the routing mode for your custom domain name" (API_MAPPING_ONLY,
 * the default, ignores rules; ROUTING_RULE_ONLY takes no API mappings), and CloudFormation
 * AWS::ApiGatewayV2::RoutingRule MatchHeaderValue (header name under 40 characters, value glob
 * under 128, their character sets).
 */
import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { EndpointKind } from './endpoint';
import type { IGateway } from './gateway';

/** How a custom domain sends requests to APIs. */
export enum GatewayRoutingMode {
  /** API mappings (base paths) only: API Gateway's default; routing rules are ignored. */
  API_MAPPING_ONLY = 'API_MAPPING_ONLY',
  /** Routing rules only: the domain takes no API mappings. */
  ROUTING_RULE_ONLY = 'ROUTING_RULE_ONLY',
  /** Routing rules first, in priority order, then API mappings. */
  ROUTING_RULE_THEN_API_MAPPING = 'ROUTING_RULE_THEN_API_MAPPING',
}

/** A header condition of a routing rule. */
export interface GatewayRoutingHeader {
  /** The header name, matched case-insensitively, e.g. `Accept-Version`. */
  readonly header: string;
  /**
   * The value, matched case-sensitively against the whole header value; `*` may open and/or close
   * it: `v2*` (prefix), `*-beta` (suffix), `*canary*` (infix).
   */
  readonly valueGlob: string;
}

/** Options of `GatewayDomain.addRoutingRule`. */
export interface GatewayRoutingRuleOptions {
  /**
   * The order of evaluation, lowest first: an integer from 1 to 1,000,000, unique on the domain.
   * Leave gaps (10, 20, ...) so that rules can be inserted later.
   */
  readonly priority: number;
  /** The REST API served when the rule matches: a regional or edge-optimized RestGateway of this app. */
  readonly gateway: IGateway;
  /**
   * The stage served. Required when the gateway has more than one stage.
   * @default - the gateway's only stage
   */
  readonly stageName?: string;
  /**
   * Header conditions, all of which must match (at most two).
   * @default - no header condition
   */
  readonly headers?: GatewayRoutingHeader[];
  /**
   * A base path condition (case-sensitive), e.g. `orders` or `orders/v2`.
   * @default - no base path condition
   */
  readonly basePath?: string;
  /**
   * Strip the matched base path before forwarding the request to the stage.
   * @default false
   */
  readonly stripBasePath?: boolean;
}

/** What a routing rule needs of its target gateway (registered by RestGateway). */
export interface RoutingRuleTarget {
  readonly endpointKind: EndpointKind;
  readonly stageNames: () => string[];
  /** The stage construct of a name (the rule is ordered after it), failing on `prop` when there is none. */
  readonly stage: (prop: string, stageName: string) => IConstruct;
}

const targets = new WeakMap<IConstruct, RoutingRuleTarget>();

/** Registers a gateway as a routing-rule target (REST gateways made in this app). */
export function registerRoutingRuleTarget(gateway: IConstruct, target: RoutingRuleTarget): void {
  targets.set(gateway, target);
}

/** The routing-rule target a gateway registered, if any. */
export function routingRuleTargetOf(gateway: IConstruct): RoutingRuleTarget | undefined {
  return targets.get(gateway);
}

/** The highest routing-rule priority. */
export const MAX_ROUTING_RULE_PRIORITY = 1_000_000;
/** At most two header conditions per rule. */
export const MAX_ROUTING_RULE_HEADERS = 2;

/** Rule 85: priority, an integer from 1 to 1,000,000. */
export function routingRulePriorityViolation(priority: number): string | undefined {
  if (Token.isUnresolved(priority)) return undefined;
  return Number.isInteger(priority) && priority >= 1 && priority <= MAX_ROUTING_RULE_PRIORITY ? undefined
    : `a routing rule priority is an integer from 1 to ${MAX_ROUTING_RULE_PRIORITY.toLocaleString('en-US')}`;
}

// CloudFormation MatchHeaderValue: a-z, A-Z, 0-9 and *?-!#$%&'.^_`|~. Wildcards belong to values
// only (developer guide), so `*` is refused in names.
const HEADER_NAME = /^[A-Za-z0-9?\-!#$%&'.^_`|~]+$/;
// The value set of CloudFormation, plus '/', which the developer guide's own example uses
// (`Accept:image/webp`).
const VALUE_GLOB = /^[A-Za-z0-9*?\-!#$%&'.^_`|~/]+$/;

/** Rule 85: a header condition's name. */
export function routingHeaderNameViolation(header: string): string | undefined {
  if (Token.isUnresolved(header)) return undefined;
  if (header.length === 0 || header.length >= 40) return 'a routing rule header name is 1 to 39 characters';
  return HEADER_NAME.test(header) ? undefined
    : 'a routing rule header name has letters, digits and ?-!#$%&\'.^_`|~ only (no wildcard: wildcards go in the value)';
}

/** Rule 85: a header condition's value glob. */
export function routingValueGlobViolation(valueGlob: string): string | undefined {
  if (Token.isUnresolved(valueGlob)) return undefined;
  if (valueGlob.length === 0 || valueGlob.length >= 128) return 'a routing rule header value glob is 1 to 127 characters';
  if (!VALUE_GLOB.test(valueGlob)) return 'a routing rule header value glob has letters, digits and *?-!#$%&\'.^_`|~/ only';
  const inner = valueGlob.replace(/^\*/, '').replace(/\*$/, '');
  return inner.length > 0 && !inner.includes('*') ? undefined
    : 'a wildcard may only open and/or close a header value glob: `v2*` (prefix), `*-beta` (suffix) or `*canary*` (infix)';
}

/** Rule 86: the routing mode the domain's rules and mappings need. */
export function neededRoutingMode(rules: number, mappings: number): GatewayRoutingMode {
  if (rules === 0) return GatewayRoutingMode.API_MAPPING_ONLY;
  return mappings === 0 ? GatewayRoutingMode.ROUTING_RULE_ONLY : GatewayRoutingMode.ROUTING_RULE_THEN_API_MAPPING;
}

/**
 * Rule 86: the routing mode as an `AWS::ApiGateway::DomainName` / `DomainNameV2` spells it: "When
 * you create a custom domain name with apigateway, API_MAPPING_ONLY is called BASE_PATH_MAPPING_ONLY
 * and ROUTING_RULE_THEN_API_MAPPING is called ROUTING_RULE_THEN_BASE_PATH_MAPPING" (developer guide,
 * Set the routing mode for your custom domain name); ROUTING_RULE_ONLY is the same.
 */
export function restDomainRoutingModeValue(mode: GatewayRoutingMode): string {
  switch (mode) {
    case GatewayRoutingMode.API_MAPPING_ONLY: return 'BASE_PATH_MAPPING_ONLY';
    case GatewayRoutingMode.ROUTING_RULE_THEN_API_MAPPING: return 'ROUTING_RULE_THEN_BASE_PATH_MAPPING';
    default: return mode;
  }
}

/** Rule 86: a routing mode chosen by the user, against the rules and mappings the domain has. */
export function routingModeViolation(mode: GatewayRoutingMode, rules: number, mappings: number): string | undefined {
  if (mode === GatewayRoutingMode.API_MAPPING_ONLY && rules > 0) {
    return `the domain has ${rules} routing rule(s), which API_MAPPING_ONLY ignores: use ROUTING_RULE_THEN_API_MAPPING (or leave routingMode out)`;
  }
  if (mode === GatewayRoutingMode.ROUTING_RULE_ONLY && mappings > 0) {
    return `the domain has ${mappings} API mapping(s), which ROUTING_RULE_ONLY does not take: use ROUTING_RULE_THEN_API_MAPPING (or leave routingMode out)`;
  }
  return undefined;
}

/**
 * Rule 85: "If your custom domain name has API mappings to both REST and HTTP APIs, routing rules
 * aren't supported."
 */
export function routingRulesWithMappingKindsViolation(rules: number, mappingKinds: Set<string>): string | undefined {
  return rules > 0 && mappingKinds.has('REST API') && mappingKinds.has('HTTP API')
    ? 'routing rules are not supported on a custom domain with API mappings to both REST and HTTP APIs; serve the HTTP API from another domain'
    : undefined;
}
