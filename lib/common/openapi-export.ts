/**
 * OpenAPI export (issue 17, export half): the contract of an API built in code, written into the
 * cloud assembly as one OpenAPI 3.0.3 JSON document per gateway and stage during synthesis.
 *
 * The gateways' collectors (lib/rest/openapi-export.ts, lib/http/openapi-export.ts) read the
 * synthesized L1 properties of the routes (CfnMethod / CfnRoute, CfnAuthorizer, CfnModel) and
 * describe each route with the plain values below; `openApiDocument` turns them into the
 * document. Nothing here changes the routes or their logical ids.
 *
 * Why 3.0.3 and not 3.1: API Gateway imports OpenAPI 3.0 (not 3.1), REST models are JSON Schema
 * draft 4, whose `exclusiveMinimum: true` form is the 3.0 Schema Object's and not 3.1's, and
 * every client generator reads 3.0.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CfnResource, Reference, Stack, Token, Tokenization, attachCustomSynthesis } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';

/** The OpenAPI version written. */
export const OPENAPI_VERSION = '3.0.3';
/** `info.version` of an exported document. */
export const DEFAULT_API_VERSION = '1.0.0';
/** The default of the `{apiId}` server variable (the id is known after the first deployment). */
export const API_ID_PLACEHOLDER = 'API_ID';
/** The default of the `{region}` server variable of an environment-agnostic stack. */
export const DEFAULT_REGION_PLACEHOLDER = 'us-east-1';

/** A JSON value of the document. */
export type Json = { [key: string]: unknown };

/** A security scheme a route uses: its name in `components.securitySchemes` and its definition. */
export interface ExportedSecurity {
  readonly name: string;
  readonly scheme: Json;
  /** OAuth scopes the route requires (openIdConnect / oauth2 schemes only). */
  readonly scopes: string[];
}

/** A query or header parameter of a route. */
export interface ExportedParameter {
  readonly name: string;
  readonly in: 'query' | 'header';
  readonly required: boolean;
  /** A multi-valued query string or header (an array of strings). */
  readonly multiValued: boolean;
}

/** A response a route declares. */
export interface ExportedResponse {
  readonly statusCode: string;
  readonly schema?: Json;
}

/** One route, in the terms of the document. */
export interface ExportedRoute {
  /** The route key ('GET /orders/{id}', or '$default'). */
  readonly routeKey: string;
  /** Upper-case method, or 'ANY'. */
  readonly method: string;
  /** The OpenAPI path ('/orders/{id}', '/{proxy+}', '/$default'). */
  readonly path: string;
  /** Path parameter names (greedy ones without '+'), in order. */
  readonly pathParameters: string[];
  readonly parameters: ExportedParameter[];
  /** The JSON schema of an `application/json` request body. */
  readonly requestSchema?: Json;
  readonly responses: ExportedResponse[];
  readonly operationId?: string;
  /** What the route requires, all at once (an empty list: a public route). */
  readonly security: ExportedSecurity[];
}

/** What the document says of the API. */
export interface ExportedApi {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
  readonly servers: Json[];
  readonly routes: ExportedRoute[];
}

/** Keywords of the OpenAPI 3.0 Schema Object (anything else of a JSON Schema model is dropped). */
const SCHEMA_KEYWORDS = new Set([
  'title', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern',
  'maxItems', 'minItems', 'uniqueItems', 'maxProperties', 'minProperties', 'required', 'enum', 'type', 'not', 'allOf', 'oneOf',
  'anyOf', 'items', 'properties', 'additionalProperties', 'description', 'format', 'default', 'nullable', 'discriminator',
  'readOnly', 'writeOnly', 'example', 'externalDocs', 'deprecated', '$ref',
]);

/**
 * A JSON Schema (draft 4, as REST models are written) as an OpenAPI 3.0 Schema Object: keywords
 * 3.0 does not know (`$schema`, `id`, `definitions`, `patternProperties`, ...) are dropped and a
 * `type` list with 'null' becomes `nullable`.
 */
export function toOpenApiSchema(schema: unknown): Json {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return {};
  const out: Json = {};
  for (const [key, value] of Object.entries(schema as Json)) {
    if (!SCHEMA_KEYWORDS.has(key) && !key.startsWith('x-')) continue;
    switch (key) {
      case 'type':
        if (Array.isArray(value)) {
          const types = value.filter(t => t !== 'null');
          if (types.length < value.length) out.nullable = true;
          if (types.length === 1) out.type = types[0];
          else if (types.length > 1) out.anyOf = types.map(t => ({ type: t }));
        } else {
          out.type = value;
        }
        break;
      case 'properties':
        out.properties = Object.fromEntries(Object.entries((value ?? {}) as Json).map(([k, v]) => [k, toOpenApiSchema(v)]));
        break;
      case 'items':
        out.items = Array.isArray(value) ? toOpenApiSchema(value[0]) : toOpenApiSchema(value);
        break;
      case 'not':
        out.not = toOpenApiSchema(value);
        break;
      case 'allOf': case 'oneOf': case 'anyOf':
        out[key] = Array.isArray(value) ? value.map(toOpenApiSchema) : [];
        break;
      case 'additionalProperties':
        out.additionalProperties = typeof value === 'boolean' ? value : toOpenApiSchema(value);
        break;
      case 'required':
        // Draft 3's boolean `required` has no 3.0 meaning.
        if (Array.isArray(value) && value.length > 0) out.required = value;
        break;
      default:
        out[key] = value;
    }
  }
  return out;
}

/**
 * A stable operation id derived from a route: `GET /orders/{id}` → `getOrdersById`,
 * `ANY /{proxy+}` → `anyByProxy`, `GET /` → `getRoot`, `$default` → `defaultRoute`.
 */
export function derivedOperationId(method: string, routePath: string): string {
  if (routePath === '/$default') return 'defaultRoute';
  const words = routePath.split('/').filter(s => s !== '').map(segment => {
    const param = /^\{(.+?)\+?\}$/.exec(segment);
    return param ? `By${pascal(param[1])}` : pascal(segment);
  });
  return `${method.toLowerCase()}${words.length > 0 ? words.join('') : 'Root'}`;
}

function pascal(text: string): string {
  return text.split(/[^A-Za-z0-9]+/).filter(w => w !== '').map(w => w[0].toUpperCase() + w.slice(1)).join('');
}

/** A security scheme name: the characters OpenAPI allows in a component key. */
export function schemeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** IAM (SigV4-signed requests), as API Gateway writes it. */
export const SIGV4_SCHEME: ExportedSecurity = {
  name: 'sigv4',
  scheme: { 'type': 'apiKey', 'name': 'Authorization', 'in': 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' },
  scopes: [],
};

/** A REST API key (`apiKeyRequired`). */
export const API_KEY_SCHEME: ExportedSecurity = {
  name: 'api_key',
  scheme: { type: 'apiKey', name: 'x-api-key', in: 'header' },
  scopes: [],
};

/**
 * Where a Lambda authorizer reads its identity, as an `apiKey` scheme's `in` and `name`: the
 * first header or query string source of `method.request.header.X` / `$request.header.X`
 * (the Authorization header when there is none, e.g. only `context.sourceIp`).
 */
export function identityLocation(identitySources: string[]): { in: 'header' | 'query'; name: string } {
  for (const source of identitySources) {
    const m = /^(?:method\.request|\$request)\.(header|querystring)\.(.+)$/.exec(source.trim());
    if (m) return { in: m[1] === 'header' ? 'header' : 'query', name: m[2] };
  }
  return { in: 'header', name: 'Authorization' };
}

/** The OpenAPI methods an `ANY` route is not written as (it is one `x-amazon-apigateway-any-method`). */
const ANY_METHOD_KEY = 'x-amazon-apigateway-any-method';

/** What the export reads of any gateway's API and stage, whatever its kind. */
export interface ExportedGateway {
  /** The gateway (its id is the title when the API's name is not literal). */
  readonly gateway: IConstruct;
  /** The API's L1 (its `name` and `description` become the title and description). */
  readonly cfnApi: IConstruct & { readonly name?: unknown; readonly description?: unknown };
  /** The API id (a token until deploy time). */
  readonly apiId: string;
  /** The stage's L1 (custom domains mapped to it become servers). */
  readonly cfnStage: IConstruct;
  readonly stageName: string;
  /** The stage's path in the execute-api URL, or undefined for HTTP's `$default` stage. */
  readonly stagePath?: string;
  readonly routes: ExportedRoute[];
}

/** The document of one gateway stage: title, description and servers read the same for every kind. */
export function gatewayOpenApiDocument(g: ExportedGateway): Json {
  const title = resolved<unknown>(g.cfnApi, g.cfnApi.name);
  const description = resolved<unknown>(g.cfnApi, g.cfnApi.description);
  return openApiDocument({
    title: typeof title === 'string' ? title : g.gateway.node.id,
    version: DEFAULT_API_VERSION,
    description: typeof description === 'string' ? description : undefined,
    servers: [
      ...domainServers(g.gateway, g.cfnApi, g.cfnStage, g.stageName),
      executeApiServer(g.gateway, g.apiId, g.stagePath),
    ],
    routes: g.routes,
  });
}

/** The OpenAPI document of an API. */
export function openApiDocument(api: ExportedApi): Json {
  const paths: { [path: string]: Json } = {};
  const schemes: { [name: string]: Json } = {};
  const usedIds = new Set<string>();
  for (const route of api.routes) {
    const operation: Json = {};
    let operationId = route.operationId ?? derivedOperationId(route.method, route.path);
    for (let i = 2; usedIds.has(operationId); i++) {
      operationId = `${route.operationId ?? derivedOperationId(route.method, route.path)}${i}`;
    }
    usedIds.add(operationId);
    operation.operationId = operationId;
    operation.summary = route.routeKey;
    const parameters: Json[] = route.pathParameters.map(name => ({
      name: route.path.includes(`{${name}+}`) ? `${name}+` : name, in: 'path', required: true, schema: { type: 'string' },
    }));
    for (const p of route.parameters) {
      parameters.push({
        name: p.name,
        in: p.in,
        required: p.required,
        schema: p.multiValued ? { type: 'array', items: { type: 'string' } } : { type: 'string' },
      });
    }
    if (parameters.length > 0) operation.parameters = parameters;
    if (route.requestSchema) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: route.requestSchema } } };
    }
    operation.responses = route.responses.length === 0
      ? { default: { description: 'The integration\'s response' } }
      : Object.fromEntries(route.responses.map(r => [r.statusCode, {
        description: `Status ${r.statusCode}`,
        ...r.schema ? { content: { 'application/json': { schema: r.schema } } } : {},
      }]));
    if (route.security.length > 0) {
      operation.security = [Object.fromEntries(route.security.map(s => [s.name, s.scopes]))];
      for (const s of route.security) schemes[s.name] = s.scheme;
    } else {
      // Explicitly public, whatever a reader's default.
      operation.security = [];
    }
    const item = paths[route.path] ??= {};
    item[route.method === 'ANY' ? ANY_METHOD_KEY : route.method.toLowerCase()] = operation;
  }
  return {
    openapi: OPENAPI_VERSION,
    info: { title: api.title, version: api.version, ...api.description ? { description: api.description } : {} },
    servers: api.servers,
    paths: Object.fromEntries(Object.keys(paths).sort().map(p => [p, paths[p]])),
    components: { securitySchemes: Object.fromEntries(Object.keys(schemes).sort().map(n => [n, schemes[n]])) },
  };
}

/**
 * The server of a stage's execute-api URL: `https://{apiId}.execute-api.{region}.amazonaws.com/{stage}`
 * (no `/{stage}` for an HTTP API's `$default` stage), with the API id and region literal when
 * known at synthesis and variables with defaults when they resolve only at deploy time.
 */
export function executeApiServer(scope: IConstruct, apiId: string, stageName: string | undefined): Json {
  const region = Stack.of(scope).region;
  const knownRegion = Token.isUnresolved(region) ? undefined : region;
  const suffix = knownRegion?.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return {
    url: `https://{apiId}.execute-api.{region}.${suffix}${stageName === undefined ? '' : '/{stage}'}`,
    description: 'The execute-api endpoint of the stage',
    variables: {
      apiId: {
        default: Token.isUnresolved(apiId) ? API_ID_PLACEHOLDER : apiId,
        description: 'The API id (the gateway\'s apiId), known after the first deployment',
      },
      region: {
        default: knownRegion ?? DEFAULT_REGION_PLACEHOLDER,
        description: knownRegion ? 'The region of the stack' : 'The region the stack is deployed to',
      },
      ...stageName === undefined ? {} : { stage: { default: stageName, enum: [stageName], description: 'The stage' } },
    },
  };
}

/** The server of a custom domain serving the stage: `https://<domain>/<basePath>`. */
export function customDomainServer(domainName: string, basePath: string | undefined): Json {
  const base = basePath && basePath !== '(none)' ? `/${basePath.replace(/^\/+|\/+$/g, '')}` : '';
  return { url: `https://${domainName}${base}`, description: 'A custom domain serving the stage' };
}

/**
 * Servers of the custom domains mapped to a stage (a gateway's `domain` prop, `mapDomain` onto a
 * GatewayDomain, or aws-cdk-lib mappings made by hand), when their names are literal.
 */
export function domainServers(gateway: IConstruct, cfnApi: IConstruct, cfnStage: IConstruct, stageName: string): Json[] {
  const servers: Json[] = [];
  // Matched by CloudFormation type, not instanceof: a REST app need not load aws-apigatewayv2's L1s.
  for (const c of gateway.node.root.node.findAll()) {
    if (!CfnResource.isCfnResource(c) || !MAPPING_TYPES.has(c.cfnResourceType)) continue;
    const m = c as unknown as { [prop: string]: string | undefined };
    const [api, stage, domain, basePath] = c.cfnResourceType === 'AWS::ApiGatewayV2::ApiMapping'
      ? [m.apiId, m.stage, m.domainName, m.apiMappingKey]
      : [m.restApiId, m.stage, c.cfnResourceType === 'AWS::ApiGateway::BasePathMappingV2' ? m.domainNameArn : m.domainName, m.basePath];
    if (referencedConstruct(api) !== cfnApi) continue;
    if (stage !== stageName && (stage === undefined || referencedConstruct(stage) !== cfnStage)) continue;
    const target = referencedConstruct(domain);
    const name = target !== undefined && CfnResource.isCfnResource(target) && DOMAIN_TYPES.has(target.cfnResourceType)
      ? (target as unknown as { domainName?: string }).domainName : domain;
    if (typeof name === 'string' && !Token.isUnresolved(name)) servers.push(customDomainServer(name, basePath));
  }
  return servers;
}

/** The mappings of a stage onto a custom domain, by CloudFormation type. */
const MAPPING_TYPES = new Set(['AWS::ApiGatewayV2::ApiMapping', 'AWS::ApiGateway::BasePathMapping', 'AWS::ApiGateway::BasePathMappingV2']);
/** The custom domains, by CloudFormation type. */
const DOMAIN_TYPES = new Set(['AWS::ApiGatewayV2::DomainName', 'AWS::ApiGateway::DomainName', 'AWS::ApiGateway::DomainNameV2']);

/** The construct a token string refers to (`resource.ref`, `model.modelId`, ...), or undefined. */
export function referencedConstruct(value: unknown): IConstruct | undefined {
  if (typeof value !== 'string' || !Token.isUnresolved(value)) return undefined;
  const token = Tokenization.reverse(value, { failConcat: false });
  return token !== undefined && Reference.isReference(token) ? token.target : undefined;
}

/**
 * A string that may hold tokens, for the document: a region token becomes `{region}`, the URL
 * suffix `amazonaws.com`, and any other token `{<name>}` after the construct it refers to.
 */
export function placeholderString(scope: IConstruct, value: string): string {
  if (!Token.isUnresolved(value)) return value;
  const stack = Stack.of(scope);
  return Tokenization.reverseString(value).mapTokens({
    mapToken: token => {
      const resolved = stack.resolve(token) as unknown;
      const ref = (resolved as Json | undefined)?.Ref;
      if (ref === 'AWS::Region') return Token.isUnresolved(stack.region) ? '{region}' : stack.region;
      if (ref === 'AWS::URLSuffix') return 'amazonaws.com';
      if (ref === 'AWS::AccountId') return '{accountId}';
      if (Reference.isReference(token)) {
        const target = token.target;
        const owner = target.node.id === 'Resource' && target.node.scope ? target.node.scope.node.id : target.node.id;
        return `{${schemeName(owner)}}`;
      }
      return '{value}';
    },
  }).join({
    join: (left, right) => `${left}${right}`,
  }) as string;
}

/** A value of an L1 property, resolved in the construct's stack. */
export function resolved<T>(scope: IConstruct, value: unknown): T {
  return Stack.of(scope).resolve(value) as T;
}

/**
 * The file of a gateway's stage in the cloud assembly: `<StackName>.<gateway path in its stack,
 * '/' → '-'>.<stage>.openapi.json` (characters other than letters, digits, `._$-` become '_').
 */
export function openApiFileName(gateway: IConstruct, stageName: string): string {
  // A gateway in a nested stack is named after the top-level stack holding it.
  let stack = Stack.of(gateway);
  while (stack.nestedStackParent) stack = stack.nestedStackParent;
  const inStack = gateway.node.scopes.slice(stack.node.scopes.length).map(c => c.node.id).join('-');
  const clean = (text: string) => text.replace(/[^A-Za-z0-9._$-]/g, '_');
  const stackName = Token.isUnresolved(stack.stackName) ? stack.artifactId : stack.stackName;
  return `${clean(stackName)}.${clean(inStack)}.${clean(stageName)}.openapi.json`;
}

/**
 * Writes a gateway's documents during synthesis, one per stage. Attached to a child construct
 * (`OpenApiExport`, no resources, so no logical id changes): a construct has one custom synthesis,
 * and the gateway's is taken by its route stacks.
 */
export function attachOpenApiExport(gateway: Construct, stageNames: () => string[], document: (stageName: string) => Json): void {
  const holder = new Construct(gateway, 'OpenApiExport');
  attachCustomSynthesis(holder, {
    onSynthesize: session => {
      for (const stageName of stageNames()) {
        const file = path.join(session.outdir, openApiFileName(gateway, stageName));
        fs.writeFileSync(file, `${JSON.stringify(document(stageName), undefined, 2)}\n`);
      }
    },
  });
}
