import { Lazy, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as route53 from 'aws-cdk-lib/aws-route53';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, IConstruct } from 'constructs';
import { EndpointKind } from './endpoint';
import { GatewayValidationError, check } from './errors';
import { claimDomainName } from './domain-names';
import { endpointAccessModeViolation, securityPolicyKindViolation } from './domain-tls';
import type { IGateway } from './gateway';
import { aString, checkArgs, checkConstructProps, required } from './input';
import { A_CONSTRUCT, ADD_ROUTING_RULE_ARGS, GATEWAY_DOMAIN_SPEC } from './input-specs';
import { GatewayIpAddressType, domainServesIpv6 } from './ip-address-type';
import { awsRoute53, awsRoute53Targets } from './lazy';
import { resolveDomainCertificate } from './domain-certificate';
import {
  GatewayRoutingMode, GatewayRoutingRuleOptions, MAX_ROUTING_RULE_HEADERS, neededRoutingMode, routingHeaderNameViolation, routingModeViolation,
  routingRulePriorityViolation, routingRuleTargetOf, routingRulesWithMappingKindsViolation, routingValueGlobViolation,
} from './routing-rules';

/** Mutual TLS for a custom domain: a truststore of client CA certificates in S3. */
export interface GatewayMtlsOptions {
  /** The bucket holding the truststore (a PEM bundle). */
  readonly bucket: s3.IBucket;
  /** The object key of the truststore. */
  readonly key: string;
  /**
   * The object version of the truststore.
   * @default - the latest version
   */
  readonly version?: string;
}

/** What a custom domain has, whichever API kind serves it. */
export interface GatewayDomainBaseOptions {
  /** The domain name, lower case, e.g. `api.example.com`. */
  readonly domainName: string;
  /**
   * A Route 53 hosted zone for the domain: an A alias record is created in it (and an AAAA one
   * for edge-optimized and dual-stack domains, the ones that answer IPv6), and, when no
   * certificate is given, a DNS-validated certificate in the region the rules need.
   * @default - no records; then `certificate` is required
   */
  readonly hostedZone?: route53.IHostedZone;
  /**
   * The certificate: in us-east-1 for an edge-optimized domain, in the API's region otherwise.
   * @default - a DNS-validated certificate created through `hostedZone`
   */
  readonly certificate?: acm.ICertificate;
  /**
   * The TLS security policy: the legacy TLS_1_2 or TLS_1_0, or an enhanced one (REST domains
   * only): on an edge-optimized domain `TLS13_2025_EDGE`, `TLS12_PFS_2025_EDGE` or
   * `TLS12_2018_EDGE`; on a regional or private domain `TLS13_1_3_2025_09`,
   * `TLS13_1_3_FIPS_2025_09`, `TLS13_1_2_PQ_2025_09` or `TLS13_1_2_PFS_PQ_2025_09`. HTTP and
   * WebSocket domains, and a shared GatewayDomain, take the legacy policies only.
   * @default apigateway.SecurityPolicy.TLS_1_2
   */
  readonly securityPolicy?: apigateway.SecurityPolicy;
  /**
   * The endpoint access mode of an enhanced security policy: STRICT (requests must come through
   * the domain's own endpoint type with a matching SNI host) or BASIC (for migrations). Only with
   * an enhanced policy.
   * @default - STRICT with an enhanced policy; none with TLS_1_2 or TLS_1_0
   */
  readonly endpointAccessMode?: apigateway.EndpointAccessMode;
  /**
   * Which IP addresses can reach the domain. A private domain is dual-stack only.
   * @default - a gateway's own domain follows the gateway's `ipAddressType`; otherwise API
   * Gateway's default (IPv4 for public domains, dual-stack for private ones)
   */
  readonly ipAddressType?: GatewayIpAddressType;
  /**
   * Mutual TLS (regional domains only; not with an enhanced TLS 1.3 policy).
   * @default - no mutual TLS
   */
  readonly mtls?: GatewayMtlsOptions;
}

/** The `domain` prop of a gateway: a custom domain serving one of its stages. */
export interface GatewayDomainOptions extends GatewayDomainBaseOptions {
  /**
   * The base path under which the API is served (`orders`, or multi-level `v1/orders` on a
   * regional domain with TLS 1.2).
   * @default - the domain's root
   */
  readonly basePath?: string;
  /**
   * The stage the domain serves. Required when the gateway has more than one stage, so that a
   * production hostname never serves another stage by default.
   * @default - the gateway's only stage
   */
  readonly stageName?: string;
}

/** Options of a gateway's mapping onto a shared GatewayDomain. */
export interface GatewayDomainMappingOptions {
  /**
   * The base path, e.g. `v1` or multi-level `orders/v1`.
   * @default - the domain's root
   */
  readonly basePath?: string;
  /**
   * The stage served. Required when the gateway has more than one stage.
   * @default - the gateway's only stage
   */
  readonly stageName?: string;
}

/**
 * At most 200 multi-level API mappings per domain (rule 14). The quota "doesn't include API
 * mapping with single levels, such as /prod" (developer guide, Quotas for HTTP APIs; the REST
 * quota table lists "Multi-level API mappings per domain: 200"), so single-level ones do not count.
 */
export const MAX_DOMAIN_MAPPINGS = 200;
const DOMAIN_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
// Base path segments: letters, digits and `$ - _ . + ! * ' ( )`, the set aws-cdk-lib's
// BasePathMapping accepts (aws-cdk PR #11799, #23362); '~' is kept as earlier versions accepted it.
const BASE_PATH = /^[A-Za-z0-9$_.+!*'()~-]+(\/[A-Za-z0-9$_.+!*'()~-]+)*$/;

/** Rule 17: a custom domain name is a lower-case host name. */
export function domainNameViolation(domainName: string): string | undefined {
  if (Token.isUnresolved(domainName)) return undefined;
  if (domainName !== domainName.toLowerCase()) return 'a custom domain name is lower case';
  return DOMAIN_NAME.test(domainName) && domainName.length <= 253 ? undefined
    : 'a custom domain name is a host name such as api.example.com (at most 253 characters)';
}

/**
 * Rule 17: base paths; multi-level ones only on regional domains with TLS 1.2 or an enhanced
 * policy ("TLS 1.2 or higher"; the developer guide's "Choose a security policy for your custom
 * domain" discusses multi-level mappings with an enhanced policy), never with TLS 1.0.
 */
export function basePathViolation(basePath: string, endpointKind: EndpointKind, securityPolicy: apigateway.SecurityPolicy): string | undefined {
  if (Token.isUnresolved(basePath)) return undefined;
  if (!BASE_PATH.test(basePath)) {
    return 'a base path is one or more segments of letters, digits and $ - _ . + ! * \' ( ) ~, separated by \'/\', with no leading or trailing \'/\'';
  }
  if (basePath.includes('/') && (endpointKind !== EndpointKind.REGIONAL || securityPolicy === apigateway.SecurityPolicy.TLS_1_0)) {
    return 'a multi-level base path needs a regional domain with the TLS_1_2 security policy (or an enhanced one), not TLS_1_0';
  }
  return undefined;
}

/** Rule 17: mutual TLS needs a regional domain and no enhanced (TLS 1.3) policy. */
export function mtlsViolation(endpointKind: EndpointKind, securityPolicy: apigateway.SecurityPolicy): string | undefined {
  if (endpointKind !== EndpointKind.REGIONAL) return 'mutual TLS is available on regional custom domains only';
  if (securityPolicy !== apigateway.SecurityPolicy.TLS_1_2 && securityPolicy !== apigateway.SecurityPolicy.TLS_1_0) {
    return 'mutual TLS cannot be combined with an enhanced security policy; use TLS_1_2';
  }
  return undefined;
}

/**
 * Rule 84: the security policy fits the domain's endpoint kind (edge policies on edge domains,
 * the others on regional and private ones), and an endpoint access mode goes with an enhanced
 * policy only. Checked here so that aws-cdk-lib never throws its own error without the path.
 */
export function checkDomainTls(scope: IConstruct, prop: string, options: GatewayDomainBaseOptions, endpointKind: EndpointKind): void {
  const securityPolicy = options.securityPolicy ?? apigateway.SecurityPolicy.TLS_1_2;
  check(scope, `${prop}.securityPolicy`, securityPolicy, securityPolicyKindViolation(securityPolicy, endpointKind));
  check(scope, `${prop}.endpointAccessMode`, options.endpointAccessMode, endpointAccessModeViolation(securityPolicy, options.endpointAccessMode));
}

/**
 * Creates alias records for a domain when a zone is given: an A record, and an AAAA record only
 * when the domain answers IPv6 (rule 83: edge-optimized or dual-stack; an AAAA alias to an
 * IPv4-only regional domain resolves to nothing).
 */
export function addAliasRecords(scope: Construct, zone: route53.IHostedZone | undefined, domainName: string, target: route53.IAliasRecordTarget,
  ipv6: boolean): void {
  if (!zone) return;
  const { AaaaRecord, ARecord, RecordTarget } = awsRoute53();
  const recordTarget = RecordTarget.fromAlias(target);
  new ARecord(scope, 'DomainAliasA', { zone, recordName: domainName, target: recordTarget });
  if (ipv6) {
    new AaaaRecord(scope, 'DomainAliasAAAA', { zone, recordName: domainName, target: recordTarget });
  }
}

/**
 * The v2 security policy for a v1 one: an AWS::ApiGatewayV2::DomainName takes "TLS_1_0 and
 * TLS_1_2" (CloudFormation DomainNameConfiguration SecurityPolicy). HTTP and WebSocket APIs
 * further need TLS_1_2 (v2ApiSecurityPolicyViolation); a GatewayDomain serving REST APIs only may
 * use TLS_1_0.
 */
export function v2SecurityPolicy(scope: IConstruct, prop: string, policy: apigateway.SecurityPolicy | undefined): apigwv2.SecurityPolicy {
  const value = policy ?? apigateway.SecurityPolicy.TLS_1_2;
  check(scope, `${prop}.securityPolicy`, value,
    value === apigateway.SecurityPolicy.TLS_1_2 || value === apigateway.SecurityPolicy.TLS_1_0 ? undefined
      : 'a regional domain shared through GatewayDomain (AWS::ApiGatewayV2::DomainName) offers TLS_1_0 and TLS_1_2 only '
        + '(CloudFormation DomainNameConfiguration SecurityPolicy); an enhanced policy needs a RestGateway\'s own regional `domain`');
  return value === apigateway.SecurityPolicy.TLS_1_0 ? apigwv2.SecurityPolicy.TLS_1_0 : apigwv2.SecurityPolicy.TLS_1_2;
}

/** Creates a regional v2 domain (HTTP, WebSocket, or a shared GatewayDomain) with its records. */
export function createRegionalDomain(scope: Construct, id: string, prop: string, options: GatewayDomainBaseOptions): apigwv2.DomainName {
  claimDomainName(scope, `${prop}.domainName`, options.domainName, 'public');
  const certificate = resolveDomainCertificate(scope, prop, options, EndpointKind.REGIONAL);
  const domain = new apigwv2.DomainName(scope, id, {
    domainName: options.domainName,
    certificate,
    securityPolicy: v2SecurityPolicy(scope, prop, options.securityPolicy),
    mtls: options.mtls ? { bucket: options.mtls.bucket, key: options.mtls.key, version: options.mtls.version } : undefined,
    // Rendered only when chosen, so that templates without it stay as they were (default IPv4).
    ipAddressType: options.ipAddressType as string as apigwv2.IpAddressType | undefined,
  });
  const { ApiGatewayv2DomainProperties } = awsRoute53Targets();
  addAliasRecords(scope, options.hostedZone, options.domainName,
    new ApiGatewayv2DomainProperties(domain.regionalDomainName, domain.regionalHostedZoneId),
    domainServesIpv6(EndpointKind.REGIONAL, options.ipAddressType));
  return domain;
}

/** Validates a base path of a regional v2 mapping and returns the mapping key. */
export function mappingKey(scope: IConstruct, prop: string, basePath: string | undefined, securityPolicy: apigateway.SecurityPolicy | undefined): string | undefined {
  if (basePath === undefined) return undefined;
  check(scope, `${prop}.basePath`, basePath, basePathViolation(basePath, EndpointKind.REGIONAL, securityPolicy ?? apigateway.SecurityPolicy.TLS_1_2));
  return basePath;
}

/**
 * The stage a custom domain or mapping serves. With several stages the stage must be named: a
 * default to the first stage would let `stages: [dev, prod]` serve dev on the production hostname.
 */
export function resolveDomainStage(scope: IConstruct, prop: string, stageNames: string[], stageName: string | undefined): string {
  check(scope, prop, stageName, stageName === undefined && stageNames.length > 1
    ? `the gateway has ${stageNames.length} stages (${stageNames.join(', ')}): name the stage the domain serves, e.g. stageName: '${stageNames[stageNames.length - 1]}'`
    : undefined);
  return stageName ?? stageNames[0];
}

/**
 * HTTP and WebSocket APIs are served with the TLS_1_2 security policy only: "API Gateway enforces
 * a security policy of TLS_1_2 for all HTTP API endpoints" (developer guide, Security policy for
 * HTTP APIs) and "... for all WebSocket API endpoints" (Security policy for WebSocket APIs); an
 * HTTP API cannot be mapped to a domain with an enhanced policy (Choose a security policy for
 * your custom domain). A TLS_1_0 domain would promise clients a policy the API does not offer.
 */
export function v2ApiSecurityPolicyViolation(policy: apigateway.SecurityPolicy | undefined, apiKind: string): string | undefined {
  const value = policy ?? apigateway.SecurityPolicy.TLS_1_2;
  return value === apigateway.SecurityPolicy.TLS_1_2 ? undefined
    : `${apiKind} custom domains offer the TLS_1_2 security policy only (API Gateway enforces TLS_1_2 for ${apiKind}s)`;
}

/** Properties of a GatewayDomain. */
export interface GatewayDomainProps extends GatewayDomainBaseOptions {
  /**
   * How the domain sends requests to APIs. Checked against what the domain has at synth:
   * API_MAPPING_ONLY with routing rules, or ROUTING_RULE_ONLY with API mappings, is an error.
   * @default - computed from what is added: no routing mode rendered (API Gateway's
   * API_MAPPING_ONLY) without routing rules, ROUTING_RULE_ONLY with rules only,
   * ROUTING_RULE_THEN_API_MAPPING with rules and mappings
   */
  readonly routingMode?: GatewayRoutingMode;
}

/** The API kinds mapped onto each GatewayDomain ('REST API', 'HTTP API', 'WebSocket API'). */
const mappingKinds = new WeakMap<GatewayDomain, Set<string>>();

/** Records the API kind of a mapping onto a GatewayDomain (for rule 85). */
export function recordDomainMappingKind(domain: GatewayDomain, apiKind: string): void {
  const kinds = mappingKinds.get(domain) ?? new Set<string>();
  kinds.add(apiKind);
  mappingKinds.set(domain, kinds);
}

/** The options of a gateway's `domain` prop that describe the domain itself (not its mapping). */
export function domainBaseOptions(options: GatewayDomainOptions): GatewayDomainBaseOptions {
  return {
    domainName: options.domainName,
    hostedZone: options.hostedZone,
    certificate: options.certificate,
    securityPolicy: options.securityPolicy,
    mtls: options.mtls,
    endpointAccessMode: options.endpointAccessMode,
    ipAddressType: options.ipAddressType,
  };
}

/**
 * A regional custom domain shared by several APIs or stages, each under its own base path
 * (`v1` → prod of one API, `v2` → prod of another), or chosen by routing rules (a header such as
 * `Accept-Version: v2*` → prod of a REST API). Map gateways onto it with their
 * `mapDomain(domain, { basePath, stageName })`; add routing rules with `addRoutingRule`.
 */
export class GatewayDomain extends Construct {
  /** The aws-cdk-lib domain. */
  public readonly domain: apigwv2.DomainName;
  /** The domain name. */
  public readonly domainName: string;
  /** The minimum TLS version. */
  public readonly securityPolicy: apigateway.SecurityPolicy;
  /** Which IP addresses can reach the domain (IPv4 unless chosen). */
  public readonly ipAddressType: GatewayIpAddressType;
  private readonly basePaths = new Set<string>();
  private readonly routingRules: DomainRoutingRules;

  constructor(scope: Construct, id: string, props: GatewayDomainProps) {
    super(scope, id);
    checkConstructProps(this, props, GATEWAY_DOMAIN_SPEC, 'a GatewayDomainProps object', true);
    // A shared domain serves many APIs: which stage under which path is each API's mapDomain
    // choice. JavaScript callers can pass these anyway; they would be silently dropped.
    for (const prop of ['basePath', 'stageName']) {
      const value = (props as unknown as { [key: string]: unknown })[prop];
      check(this, `props.${prop}`, value, value === undefined ? undefined
        : `a GatewayDomain has no ${prop}: pass it to each gateway's mapDomain(domain, { basePath, stageName })`);
    }
    this.domainName = props.domainName;
    this.securityPolicy = props.securityPolicy ?? apigateway.SecurityPolicy.TLS_1_2;
    this.ipAddressType = props.ipAddressType ?? GatewayIpAddressType.IPV4;
    this.domain = createRegionalDomain(this, 'Domain', 'props', props);
    this.routingRules = new DomainRoutingRules(this, {
      idPrefix: '', label: 'addRoutingRule', domainNameArn: (this.domain.node.defaultChild as apigwv2.CfnDomainName).attrDomainNameArn,
      privateDomain: false, securityPolicy: this.securityPolicy,
    });
    // Rule 86: the routing mode follows what is added, read when the template is written, so that
    // rules and mappings added after this constructor count. Without routing rules nothing is
    // rendered (API Gateway's default API_MAPPING_ONLY), so existing templates do not change.
    const cfn = this.domain.node.defaultChild as apigwv2.CfnDomainName;
    cfn.routingMode = Lazy.string({
      produce: () => props.routingMode
        ?? this.routingRules.neededMode(this.basePaths.size),
    });
    this.node.addValidation({
      validate: () => {
        const errors: string[] = [];
        const collect = (prop: string, value: unknown, violation: string | undefined) => {
          if (violation !== undefined) errors.push(new GatewayValidationError(this, prop, value, violation).message);
        };
        if (props.routingMode !== undefined) {
          collect('props.routingMode', props.routingMode, routingModeViolation(props.routingMode, this.routingRules.size, this.basePaths.size));
        }
        collect('addRoutingRule', `${this.routingRules.size} routing rule(s)`,
          routingRulesWithMappingKindsViolation(this.routingRules.size, mappingKinds.get(this) ?? new Set()));
        return errors;
      },
    });
  }

  /**
   * Claims a base path for a mapping (used by the gateways' mapDomain): rejects a path used
   * twice, an invalid path and more than 200 multi-level mappings.
   * @returns the mapping key
   */
  public claimBasePath(scope: IConstruct, basePath?: string): string | undefined {
    checkArgs(this, { scope, basePath }, { scope: required(A_CONSTRUCT), basePath: aString() }, 'claimBasePath');
    const key = mappingKey(scope, `mapDomain(${this.node.path})`, basePath, this.securityPolicy);
    const label = key ?? '(root)';
    check(scope, `mapDomain(${this.node.path}).basePath`, label, this.basePaths.has(label)
      ? `the base path is already mapped on ${this.domainName}` : undefined);
    if (key?.includes('/')) {
      const multiLevel = [...this.basePaths].filter(p => p.includes('/')).length + 1;
      check(scope, `mapDomain(${this.node.path})`, `${multiLevel} multi-level mappings`, multiLevel > MAX_DOMAIN_MAPPINGS
        ? `API Gateway allows at most ${MAX_DOMAIN_MAPPINGS} multi-level API mappings per custom domain (single-level ones do not count)` : undefined);
    }
    this.basePaths.add(label);
    return key;
  }

  /**
   * Adds a routing rule (`AWS::ApiGatewayV2::RoutingRule`): requests that match its header and
   * base path conditions go to a stage of a REST API, rules evaluated by priority, lowest first,
   * before any base-path mapping. Routing rules target REST APIs only (regional or
   * edge-optimized); HTTP and WebSocket APIs are served through `mapDomain`. The domain's routing
   * mode follows (see `routingMode`).
   * @param id the construct id of the rule, unique on this domain
   */
  public addRoutingRule(id: string, options: GatewayRoutingRuleOptions): apigwv2.CfnRoutingRule {
    return this.routingRules.add(id, options);
  }
}

/**
 * Maps one stage of an API (REST, HTTP or WebSocket, by id) onto a shared GatewayDomain. The L1
 * is used because aws-cdk-lib's ApiMapping takes only HTTP and WebSocket APIs, while API Gateway
 * maps regional REST APIs through the same resource.
 */
export function mapOntoDomain(scope: Construct, domain: GatewayDomain, apiId: string, stage: IConstruct, stageName: string,
  basePath: string | undefined): apigwv2.CfnApiMapping {
  const key = domain.claimBasePath(scope, basePath);
  const mapping = new apigwv2.CfnApiMapping(scope, `DomainMapping-${domain.node.addr}-${key ?? 'root'}`, {
    apiId,
    domainName: domain.domain.name,
    stage: stageName,
    apiMappingKey: key,
  });
  // The domain is referenced (Ref), the stage only by name: order the mapping after the stage.
  mapping.node.addDependency(stage);
  return mapping;
}

/** How a DomainRoutingRules set names its rules and what its domain is. */
export interface DomainRoutingRulesConfig {
  /** Prefix of the rules' construct ids (unique in the scope). */
  readonly idPrefix: string;
  /** The method name in errors (`addRoutingRule`, `addDomainRoutingRule`). */
  readonly label: string;
  readonly domainNameArn: string;
  /** A private custom domain routes to private REST APIs only; a public one to public APIs only. */
  readonly privateDomain: boolean;
  readonly securityPolicy: apigateway.SecurityPolicy;
}

/**
 * The routing rules of one custom domain (rules 85 and 86): a shared GatewayDomain's, or a
 * RestGateway's own domain's. Checks each rule's target, priority and conditions and makes the
 * `AWS::ApiGatewayV2::RoutingRule` under `scope`.
 */
export class DomainRoutingRules {
  private readonly priorities = new Map<number, string>();

  constructor(private readonly scope: Construct, private readonly config: DomainRoutingRulesConfig) {}

  /** How many rules were added. */
  public get size(): number {
    return this.priorities.size;
  }

  /** The routing mode to render: none without rules (API_MAPPING_ONLY, the default), else the one the rules and mappings need. */
  public neededMode(mappings: number): GatewayRoutingMode | undefined {
    return this.size > 0 ? neededRoutingMode(this.size, mappings) : undefined;
  }

  /** Adds a rule. */
  public add(id: string, options: GatewayRoutingRuleOptions): apigwv2.CfnRoutingRule {
    const scope = this.scope;
    const label = this.config.label;
    checkArgs(scope, { id, options }, ADD_ROUTING_RULE_ARGS, label);
    const prop = `${label}('${id}')`;
    const constructId = `${this.config.idPrefix}${id}`;
    check(scope, `${label} id`, id, /^[A-Za-z0-9-_.]+$/.test(id) ? undefined
      : 'a routing rule id is letters, digits, \'-\', \'_\' and \'.\' (it becomes part of the logical ID)');
    check(scope, `${label} id`, id, scope.node.tryFindChild(constructId) === undefined ? undefined
      : 'the domain already has a rule or construct with this id: give each routing rule its own id');
    const target = routingRuleTargetOf(options.gateway);
    check(scope, `${prop}.gateway`, options.gateway.node.path, target ? undefined
      : 'routing rules send requests to REST APIs only (a RestGateway of this app): HTTP and WebSocket APIs are served through their mapDomain');
    const targetPrivate = target!.endpointKind === EndpointKind.PRIVATE;
    check(scope, `${prop}.gateway`, options.gateway.node.path, targetPrivate === this.config.privateDomain ? undefined
      : this.config.privateDomain ? 'a private custom domain routes to private REST APIs only'
        : 'a public custom domain cannot route to a private REST API; give the private API a private custom domain with its `domain` prop');
    check(scope, `${prop}.priority`, options.priority, routingRulePriorityViolation(options.priority));
    const clash = this.priorities.get(options.priority);
    check(scope, `${prop}.priority`, options.priority, clash === undefined ? undefined
      : `two routing rules of a domain cannot have the same priority: rule '${clash}' has it`);
    const headers = options.headers ?? [];
    check(scope, `${prop}.headers`, headers.map(h => `${h.header}: ${h.valueGlob}`), headers.length <= MAX_ROUTING_RULE_HEADERS ? undefined
      : `a routing rule has at most ${MAX_ROUTING_RULE_HEADERS} header conditions`);
    headers.forEach((h, i) => {
      check(scope, `${prop}.headers[${i}].header`, h.header, routingHeaderNameViolation(h.header));
      check(scope, `${prop}.headers[${i}].valueGlob`, h.valueGlob, routingValueGlobViolation(h.valueGlob));
    });
    if (options.basePath !== undefined) {
      check(scope, `${prop}.basePath`, options.basePath, basePathViolation(options.basePath, EndpointKind.REGIONAL, this.config.securityPolicy));
    }
    const stageName = resolveDomainStage(scope, `${prop}.stageName`, target!.stageNames(), options.stageName);
    const stage = target!.stage(`${prop}.stageName`, stageName);

    const conditions: apigwv2.CfnRoutingRule.ConditionProperty[] = [
      // Two header conditions must both match (AND): each is its own condition.
      ...headers.map(h => ({ matchHeaders: { anyOf: [{ header: h.header, valueGlob: h.valueGlob }] } })),
      ...(options.basePath !== undefined ? [{ matchBasePaths: { anyOf: [options.basePath] } }] : []),
    ];
    const rule = new apigwv2.CfnRoutingRule(scope, constructId, {
      domainNameArn: this.config.domainNameArn,
      priority: options.priority,
      conditions,
      actions: [{ invokeApi: { apiId: (options.gateway as IGateway).apiId, stage: stageName, stripBasePath: options.stripBasePath } }],
    });
    // The API is referenced (Ref), the stage only by name: order the rule after the stage.
    rule.node.addDependency(stage);
    this.priorities.set(options.priority, id);
    return rule;
  }
}
