/**
 * fast-check arbitraries for the public API, derived from the jsii assembly (`.jsii`): every
 * struct (required and optional members, inherited ones included), enum, collection and class
 * (static factories, or `(scope, id, props)` constructors) is generated from its type reference,
 * so a prop added to the library is generated the day it lands. Hand-written arbitraries only
 * where a value needs meaning (MEANINGFUL below: route keys, stage names, domain names,
 * durations and numbers near each documented limit), and aws-cdk-lib resources from RESOURCES.
 *
 * With `invalid: true` every node may also be what a JavaScript caller could pass: a wrong type,
 * `null`, an unknown enum string, an unresolved token where a literal is expected, a required
 * member left out.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import fc from 'fast-check';
import { RESOURCES } from './resources';
import { CallOnGateway, GatewaySpec, Spec } from './spec';

/* eslint-disable @typescript-eslint/no-explicit-any -- jsii assembly JSON is untyped */

export interface TypeRef {
  readonly primitive?: 'string' | 'number' | 'boolean' | 'any' | 'json' | 'date';
  readonly fqn?: string;
  readonly collection?: { readonly kind: 'array' | 'map'; readonly elementtype: TypeRef };
  readonly union?: { readonly types: TypeRef[] };
}
interface Member { readonly name: string; readonly optional?: boolean; readonly type: TypeRef; readonly static?: boolean }
interface Method { readonly name: string; readonly static?: boolean; readonly parameters?: Member[]; readonly returns?: { readonly type: TypeRef } }
interface JsiiType {
  readonly fqn: string; readonly kind: 'class' | 'interface' | 'enum'; readonly datatype?: boolean; readonly abstract?: boolean;
  readonly interfaces?: string[]; readonly base?: string; readonly properties?: Member[]; readonly methods?: Method[];
  readonly members?: { readonly name: string }[]; readonly initializer?: { readonly parameters?: Member[] };
}
export interface Assembly { readonly name: string; readonly types: { [fqn: string]: JsiiType } }

/** The library's assembly, as `npm run build` wrote it. */
export function loadAssembly(file: string = path.join(__dirname, '..', '..', '.jsii')): Assembly {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Assembly;
}

/** The runtime object of an aws-cdk-lib fqn (`aws-cdk-lib.aws_apigateway.MethodLoggingLevel`). */
export function cdkObject(fqn: string): any {
  const parts = fqn.split('.').slice(1);
  let obj: any = cdk;
  for (const p of parts) obj = obj?.[p];
  return obj;
}

/** Members of an aws-cdk-lib enum (TS enum object) or enum-like class (static instances). */
export function cdkMembers(fqn: string): string[] | undefined {
  const obj = cdkObject(fqn);
  if (obj === undefined || obj === null) return undefined;
  if (typeof obj === 'object') {
    return Object.keys(obj).filter(k => !/^\d+$/.test(k));
  }
  if (typeof obj === 'function') {
    const members = Object.getOwnPropertyNames(obj).filter(k => {
      try {
        return obj[k] instanceof obj;
      } catch {
        return false;
      }
    });
    return members.length > 0 ? members : undefined;
  }
  return undefined;
}

type Gen = (options: JsiiArbitraries) => fc.Arbitrary<Spec>;

/** Set while a valid-only generator builds a MEANINGFUL arbitrary: `pick` then gives the first value. */
let validOnly = false;

/**
 * One of `values` (in valid-only mode: the first), the first (a valid, typical one) half the time: the rest are near or across a
 * limit. Shrinking goes to the first.
 */
function pick<T>(...values: T[]): fc.Arbitrary<T> {
  if (validOnly) return fc.constant(values[0]);
  return fc.oneof({ arbitrary: fc.constant(values[0]), weight: Math.max(1, values.length - 1) },
    ...values.slice(1).map(v => ({ arbitrary: fc.constant(v), weight: 1 })));
}
const seconds = (...values: number[]) => pick(...values).map(n => ({ $: 'duration', unit: 'seconds', amount: n }));
const millis = (...values: number[]) => pick(...values).map(n => ({ $: 'duration', unit: 'millis', amount: n }));
const strings = (...values: string[]) => pick(...values);
const numbers = (...values: number[]) => pick(...values);
const LONG = (n: number) => 'a'.repeat(n);
const STAGE_NAMES = strings('prod', 'dev', 'prod', 'v1_beta-2', '$default', 'my stage', '', LONG(128), LONG(129));
const VARIABLE_NAMES = strings('backend', 'fnAlias', 'version', 'bad-name', '', LONG(64), LONG(65));
const THROTTLE = numbers(0, 1, 100, 5000, 10000, -1, 1.5, 1e9);

/**
 * Values that need meaning, by `<Struct>.<member>`, `<Class>.<method>.<param>`, or `*.<member>` for
 * a member name in any struct; `.key` suffix: the keys of a map.
 */
export const MEANINGFUL: { [key: string]: Gen } = {
  'RestGateway.addRoute.routeKey': () => strings('GET /items', 'POST /items', 'GET /items/{id}', 'ANY /{proxy+}', 'GET /', 'DELETE /items/{id}', 'get /items', 'GET items', 'GET /a b', ''),
  'HttpGateway.addRoute.routeKey': () => strings('GET /items', 'POST /items', 'GET /items/{id}', 'ANY /{proxy+}', '$default', 'GET /', 'get /items', 'GET items', ''),
  'WebSocketGateway.addRoute.routeKey': () => strings('$connect', '$disconnect', '$default', 'sendMessage', 'sendMessage', 'bad key!', ''),
  '*.stageName': () => STAGE_NAMES,
  '*.variables.key': () => VARIABLE_NAMES,
  '*.variables': () => fc.dictionary(VARIABLE_NAMES, strings('https://backend.example.com', 'live', 'a b', '', LONG(512), LONG(513)), { maxKeys: 3 }),
  '*.lambdaAliases.key': () => VARIABLE_NAMES,
  '*.stageVariable': () => VARIABLE_NAMES,
  'RestCanaryOptions.percentTraffic': () => numbers(0, 10, 50, 100, -1, 100.5, Number.NaN),
  '*.domainName': () => strings('api.example.com', 'orders.api.example.com', 'API.Example.com', 'bad domain', '', `${LONG(64)}.example.com`),
  '*.basePath': () => strings('v1', 'orders/v1', '', '/v1', 'v 1', '(none)'),
  '*.burstLimit': () => THROTTLE,
  '*.rateLimit': () => THROTTLE,
  'UsagePlanQuota.limit': () => numbers(0, 1, 1000, -1, 2.5),
  'UsagePlanQuota.offset': () => numbers(0, 1, 6, 7, 30, -1),
  '*.timeout': () => fc.oneof(millis(49, 50, 29000, 29001, 30000, 30001), seconds(1, 29, 30, 31)),
  '*.ttl': () => fc.oneof(seconds(0, 1, 300, 3600, 3601), millis(1500)),
  '*.resultsCacheTtl': () => fc.oneof(seconds(0, 300, 3600, 3601), millis(1500)),
  '*.maxAge': () => seconds(0, 600, 86400, 86401),
  'RestMockIntegrationOptions.statusCode': () => numbers(100, 200, 404, 599, 99, 600, 200.5),
  // REST AWS-service integrations (issue 16): values near and across each rule.
  'RestEventBridgePutEventsOptions.source': () => strings('com.example.orders', 'orders/api', 'aws.orders', 'my orders', ''),
  'RestEventBridgePutEventsOptions.detailType': () => strings('Order Placed', 'd'.repeat(128), 'd'.repeat(129), 'a"b', ''),
  'RestS3ObjectOptions.keyPrefix': () => strings('public/', 'uploads/incoming/', '/public/', 'a b/'),
  'RestDynamoDbQueryOptions.limit': () => numbers(1, 100, 1000, 0, 1001, 2.5),
  'RestDynamoDbQueryOptions.indexName': () => strings('byStatus', 'ix', 'bad name'),
  'RestDynamoDbKeyValue.name': () => strings('id', 'pk', 'bad name'),
  'RestMethodResponse.statusCode': () => strings('200', '404', '201', '599', '600', '20'),
  'RestMethodResponse.responseParameters.key': () => strings('method.response.header.X-Request-Id', 'method.response.header.Location', 'X-Request-Id'),
  '*.requestTemplates.key': () => strings('application/json', 'application/xml', 'json', 'text/*'),
  '*.responseSchemas.key': () => strings('application/json', 'application/problem+json', 'json'),
  '*.webAclArn': () => strings('arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/orders/0123abcd-12ab-34cd-56ef-1234567890ab', 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/orders/0123abcd', 'not-an-arn'),
  'HttpGateway.addWebAcl.webAclArn': () => strings('arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/orders/0123abcd-12ab-34cd-56ef-1234567890ab', 'not-an-arn'),
  '*.http.url': () => strings('https://backend.example.com/items', 'https://${stageVariables.backend}/items', 'http://backend.example.com', 'not a url', ''),
  '*.url': () => strings('https://backend.example.com/items', 'http://backend.internal', 'not a url'),
  '*.apiName': () => strings('orders', 'Orders API', '', LONG(1025)),
  '*.description': () => strings('The orders API', '', LONG(1025)),
  'GatewayCorsOptions.allowOrigins': () => pick<Spec>(['*'], ['https://example.com'], [], ['https://a.example.com', 'https://b.example.com']),
  '*.allowMethods': () => pick<Spec>(['GET'], ['GET', 'POST'], ['*'], ['FETCH']),
  '*.allowHeaders': () => pick<Spec>(['Content-Type'], ['*'], []),
  '*.binaryMediaTypes': () => pick<Spec>(['image/png'], ['*/*'], ['not a type']),
  'RestGatewayProps.minCompressionSize': () => pick<Spec>(0, 1024, 10485760, 10485761).map(n => ({ $: 'size', unit: 'bytes', amount: n })),
  '*.identitySource': () => strings('method.request.header.Authorization', 'header.Authorization', ''),
  '*.identitySources': () => pick<Spec>(['method.request.header.Authorization'], ['$request.header.Authorization'], ['route.request.header.Auth'], ['route.request.querystring.token'], [], ['bad']),
  '*.validationRegex': () => strings('^Bearer [-0-9a-zA-Z._]*$', '(['),
  '*.jwt.issuer': () => strings('https://issuer.example.com', 'http://issuer.example.com', 'not a url'),
  '*.jwt.audiences': () => pick<Spec>(['orders'], [], ['a', 'b']),
  '*.scopes': () => pick<Spec>(['orders/read'], [], ['a b']),
  '*.authorizationScopes': () => pick<Spec>(['orders/read'], []),
  '*.apiKeys': () => pick<Spec>(['Key1'], ['Key1', 'Key2'], ['Missing'], []),
  '*.addApiKey.name': () => strings('Key1', 'Key2', 'bad key!', '', LONG(65)),
  '*.addApiKey.id': () => strings('Key1'),
  '*.addUsagePlan.name': () => strings('Basic', 'Premium', 'bad plan!', ''),
  '*.addUsagePlan.id': () => strings('Basic'),
  '*.addApiKeyToPlan.planName': () => strings('Basic', 'Premium', 'Missing'),
  '*.addApiKeyToPlan.keyName': () => strings('Key1', 'Key2', 'Missing'),
  '*.routeThrottles.key': () => strings('GET /items', 'POST /items', '$connect', 'sendMessage', 'GET /missing'),
  '*.routeSelectionExpression': () => strings('$request.body.action', '$request.body.type', 'action'),
  '*.keyParameters': () => pick<Spec>(['method.request.querystring.page'], ['method.request.header.Accept'], ['page']),
  '*.requestParameters.key': () => strings('method.request.querystring.page', 'method.request.header.Accept', 'page'),
  '*.messageGroupId': () => strings('$context.connectionId', 'group-1'),
  '*.messageBody': () => strings('$input.body', '{"action":"$context.routeKey"}'),
  '*.key': () => strings('truststore.pem'),
  'AccessLogOptions.format': () => strings('{"requestId":"$context.requestId"}', '$context.requestId', 'plain text', ''),
  '*.secureServerName': () => strings('backend.example.com', ''),
  '*.valueSecretField': () => strings('apiKey', ''),
  '*.authorizerName': () => strings('connect-auth', 'bad name!', ''),
  '*.operationName': () => strings('listItems', 'List items', ''),
  '*.responseBody': () => strings('{"ok":true}', ''),
  // Routing rules (issue 19): values near and across each rule.
  '*.addDomainRoutingRule.id': () => strings('Beta', 'Canary', ''),
  'GatewayRoutingRuleOptions.priority': () => numbers(1, 100, 1000000, 0, 1000001, 2.5),
  'GatewayRoutingHeader.header': () => strings('Accept-Version', 'x-tenant', 'x-*', ''),
  'GatewayRoutingHeader.valueGlob': () => strings('v2*', '*-beta', 'image/webp', 'v*2', ''),
};

export interface JsiiArbitrariesOptions {
  /** Generate values a JavaScript caller could pass as well (wrong types, unknown enum strings ...). */
  readonly invalid: boolean;
}

const LIB = 'cdk-api-gateways.';

/** Arbitraries from the assembly's type references. */
export class JsiiArbitraries {
  /** fqns met with no way to generate them (optional members with them are left out). */
  public readonly uncovered = new Set<string>();
  private readonly cache = new Map<string, fc.Arbitrary<Spec>>();

  constructor(public readonly assembly: Assembly, public readonly options: JsiiArbitrariesOptions) {}

  /** A gateway class: its props and a sequence of calls, beginning with one `addRoute`. */
  public gateway(fqn: string): fc.Arbitrary<GatewaySpec> {
    const type = this.type(fqn);
    const short = fqn.slice(LIB.length);
    const propsParam = (type.initializer?.parameters ?? []).find(p => p.name === 'props')!;
    const props = this.optional(this.typeRef(propsParam.type, { owner: short, member: 'props' }), propsParam.optional ?? false);
    const callables = (type.methods ?? []).filter(m => !m.static && /^(add|map)/.test(m.name));
    const call = (m: Method): fc.Arbitrary<CallOnGateway> =>
      fc.tuple(...(m.parameters ?? []).map(p =>
        this.optional(this.typeRef(p.type, { owner: `${short}.${m.name}`, member: p.name }), p.optional ?? false)))
        .map(args => ({ method: m.name, args: trimTrailingUndefined(args) }));
    const addRoute = call(callables.find(m => m.name === 'addRoute')!);
    const anyCall = fc.oneof(...callables.map(m => ({ arbitrary: call(m), weight: m.name === 'addRoute' ? 3 : 1 })));
    return fc.record({ props, first: addRoute, rest: fc.array(anyCall, { maxLength: 4 }) })
      .map(({ props: p, first, rest }) => ({ fqn, props: p, calls: [first, ...rest] }));
  }

  /** An arbitrary for a type reference; `where` names the struct/method and member for MEANINGFUL. */
  public typeRef(ref: TypeRef, where: { owner: string; member: string }): fc.Arbitrary<Spec> {
    const meaningful = this.meaningful(where);
    if (meaningful) return this.withInvalid(meaningful, ref);
    if (ref.primitive) return this.withInvalid(this.primitive(ref.primitive), ref);
    if (ref.collection) {
      const elem = this.typeRef(ref.collection.elementtype, { owner: where.owner, member: `${where.member}[]` });
      const arb = ref.collection.kind === 'array'
        ? fc.array(elem, { maxLength: 3 })
        : fc.dictionary(this.meaningful({ owner: where.owner, member: `${where.member}.key` }) ?? strings('a', 'b', 'key'), elem, { maxKeys: 3 });
      return this.withInvalid(arb, ref);
    }
    if (ref.fqn) return this.withInvalid(this.named(ref.fqn), ref);
    if (ref.union) return fc.oneof(...ref.union.types.map(t => this.typeRef(t, where)));
    return fc.constant(undefined);
  }

  /** A named type: one of ours from the assembly, or one of aws-cdk-lib's. */
  private named(fqn: string): fc.Arbitrary<Spec> {
    const cached = this.cache.get(fqn);
    if (cached) return cached;
    const built = this.build(fqn);
    this.cache.set(fqn, built);
    return built;
  }

  private build(fqn: string): fc.Arbitrary<Spec> {
    if (RESOURCES[fqn]) {
      return fc.constantFrom(...Object.keys(RESOURCES[fqn])).map(variant => ({ $: 'ref', fqn, variant }));
    }
    if (fqn === 'aws-cdk-lib.Duration') return fc.oneof(seconds(0, 1, 30, 300), millis(50, 1500));
    if (fqn === 'aws-cdk-lib.Size') return fc.constantFrom(0, 1024).map(n => ({ $: 'size', unit: 'bytes', amount: n }));
    const type = this.assembly.types[fqn];
    if (type) return this.ours(type);
    const members = cdkMembers(fqn);
    if (members) return fc.constantFrom(...members).map(name => ({ $: 'member', fqn, name }));
    this.uncovered.add(fqn);
    return fc.constant(undefined);
  }

  private ours(type: JsiiType): fc.Arbitrary<Spec> {
    const short = type.fqn.slice(LIB.length);
    if (type.kind === 'enum') {
      return fc.constantFrom(...type.members!.map(m => m.name)).map(name => ({ $: 'member', fqn: type.fqn, name }));
    }
    if (type.kind === 'interface' && type.datatype) {
      const members = this.structMembers(type);
      const entries = members.map(m => {
        const value = this.typeRef(m.type, { owner: short, member: m.name });
        if (!m.optional) {
          // A required member, left out now and then by a JavaScript caller.
          return this.options.invalid
            ? fc.oneof({ arbitrary: value, weight: 30 }, { arbitrary: fc.constant(undefined), weight: 1 })
            : value;
        }
        return this.optional(value, true);
      });
      return fc.tuple(...entries).map(values => {
        const out: { [k: string]: Spec } = {};
        members.forEach((m, i) => {
          if (values[i] !== undefined) out[m.name] = values[i];
        });
        return out;
      });
    }
    if (type.kind === 'class') {
      const factories = (type.methods ?? []).filter(m => m.static && m.returns?.type.fqn === type.fqn);
      if (factories.length > 0) {
        return fc.oneof(...factories.map(m =>
          fc.tuple(...(m.parameters ?? []).map(p =>
            this.optional(this.typeRef(p.type, { owner: `${short}.${m.name}`, member: p.name }), p.optional ?? false)))
            .map(args => ({ $: 'call', fqn: type.fqn, method: m.name, args: trimTrailingUndefined(args) }))));
      }
      const params = type.initializer?.parameters ?? [];
      if (params.length === 3 && params[0].name === 'scope' && params[1].name === 'id') {
        return this.typeRef(params[2].type, { owner: short, member: 'props' }).map(props => ({ $: 'new', fqn: type.fqn, props }));
      }
    }
    this.uncovered.add(type.fqn);
    return fc.constant(undefined);
  }

  /** A struct's members, inherited ones included (jsii lists only its own). */
  public structMembers(type: JsiiType): Member[] {
    const own = type.properties ?? [];
    const inherited = (type.interfaces ?? []).flatMap(i => this.structMembers(this.type(i)));
    return [...inherited.filter(m => !own.some(o => o.name === m.name)), ...own];
  }

  public type(fqn: string): JsiiType {
    const t = this.assembly.types[fqn];
    if (!t) throw new Error(`${fqn} is not in the assembly`);
    return t;
  }

  private meaningful(where: { owner: string; member: string }): fc.Arbitrary<Spec> | undefined {
    const method = where.owner.includes('.') ? where.owner.split('.').pop() : undefined;
    const gen = MEANINGFUL[`${where.owner}.${where.member}`]
      ?? (method ? MEANINGFUL[`*.${method}.${where.member}`] : undefined)
      ?? MEANINGFUL[`*.${where.member}`];
    if (!gen) return undefined;
    validOnly = !this.options.invalid;
    try {
      return gen(this);
    } finally {
      validOnly = false;
    }
  }

  private primitive(kind: string): fc.Arbitrary<Spec> {
    switch (kind) {
      case 'string': return this.options.invalid ? fc.oneof(strings('orders', 'a', 'Hello World', ''), fc.string({ maxLength: 6 })) : fc.constantFrom('orders', 'a');
      case 'number': return this.options.invalid ? numbers(1, 0, 10, 100, -1, 0.5) : fc.constantFrom(1, 10, 100);
      case 'boolean': return fc.boolean();
      default: return fc.constant(undefined);
    }
  }

  /** `undefined` three times in four for an optional value (shrinking goes there first). */
  private optional(arb: fc.Arbitrary<Spec>, optional: boolean): fc.Arbitrary<Spec> {
    return optional ? fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 1 }) : arb;
  }

  /** In invalid mode: now and then what a JavaScript caller could pass instead. */
  private withInvalid(valid: fc.Arbitrary<Spec>, ref: TypeRef): fc.Arbitrary<Spec> {
    if (!this.options.invalid) return valid;
    return fc.oneof({ arbitrary: valid, weight: 25 }, { arbitrary: this.invalidFor(ref), weight: 1 });
  }

  private invalidFor(ref: TypeRef): fc.Arbitrary<Spec> {
    const common: Spec[] = [null];
    if (ref.primitive === 'string') return fc.constantFrom<Spec>(...common, 42, true, { $: 'token', type: 'string' });
    if (ref.primitive === 'number') return fc.constantFrom<Spec>(...common, '5', Number.NaN, Number.POSITIVE_INFINITY, { $: 'token', type: 'number' });
    if (ref.primitive === 'boolean') return fc.constantFrom<Spec>(...common, 'true', 1);
    if (ref.collection?.kind === 'array') return fc.constantFrom<Spec>(...common, 'x', { a: 1 }, { $: 'token', type: 'list' });
    if (ref.collection?.kind === 'map') return fc.constantFrom<Spec>(...common, 'x', [1]);
    if (ref.fqn === 'aws-cdk-lib.Duration') return fc.constantFrom<Spec>(...common, 30, '30s', { $: 'duration', unit: 'seconds', amount: { $: 'token', type: 'number' } });
    if (ref.fqn === 'aws-cdk-lib.Size') return fc.constantFrom<Spec>(...common, 1024);
    const type = ref.fqn ? this.assembly.types[ref.fqn] : undefined;
    if (type?.kind === 'enum' || (!type && ref.fqn && !RESOURCES[ref.fqn] && cdkMembers(ref.fqn))) {
      return fc.constantFrom<Spec>(...common, 'UNKNOWN_MEMBER', 7, { $: 'token', type: 'string' });
    }
    return fc.constantFrom<Spec>(...common, 'x', 42, {}, []);
  }
}

function trimTrailingUndefined(args: Spec[]): Spec[] {
  const out = [...args];
  while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
  return out;
}

/** The gateway classes of the assembly (each class with an `addRoute` method and a constructor). */
export function gatewayClasses(assembly: Assembly): string[] {
  return Object.values(assembly.types)
    .filter(t => t.kind === 'class' && !t.abstract && t.initializer && (t.methods ?? []).some(m => m.name === 'addRoute'))
    .map(t => t.fqn)
    .sort();
}

/** A generated app: one to three gateways, each of a different class. */
export function appArbitrary(assembly: Assembly, options: JsiiArbitrariesOptions): { arbitrary: fc.Arbitrary<{ gateways: GatewaySpec[] }>; arbitraries: JsiiArbitraries } {
  const arbitraries = new JsiiArbitraries(assembly, options);
  const gateways = gatewayClasses(assembly).map(fqn => arbitraries.gateway(fqn));
  // Each gateway kind present with probability 1/3, at least one (shrinking removes whole gateways).
  const arbitrary = fc.tuple(...gateways.map(g => fc.option(g, { nil: undefined, freq: 3 })))
    .filter(gs => gs.some(g => g !== undefined))
    .map(gs => ({ gateways: gs.filter((g): g is GatewaySpec => g !== undefined) }));
  return { arbitrary, arbitraries };
}
