/**
 * Reading an OpenAPI 3.0 / 3.1 document into the routes a gateway makes: pure functions of the
 * parsed document, shared by the REST and HTTP gateways (lib/rest/openapi.ts, lib/http/openapi.ts
 * do the wiring). The document is validated against the OpenAPI schema (the schemas shipped by
 * @seriousme/openapi-schema-validator, compiled with ajv, synchronously: a construct cannot await
 * a parser); local `$ref`s are resolved here.
 */
import * as path from 'path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { yamlParser } from './lazy';

/**
 * A broken rule of a document: `where` is the document path (`paths./orders/{id}.get`), empty
 * for the document as a whole. The gateway turns it into a GatewayValidationError.
 */
export class OpenApiViolation extends Error {
  constructor(public readonly where: string, public readonly rule: string, public readonly value?: unknown) {
    super(`${where}: ${rule}`);
  }
}

/** An operation's parameter (path-level and operation-level ones merged). */
export interface OpenApiParameter {
  readonly name: string;
  /** `path`, `query`, `header` or `cookie`. */
  readonly in: string;
  readonly required: boolean;
}

/** One security requirement: scheme names and their scopes (all schemes of one requirement apply together). */
export type OpenApiSecurityRequirement = { readonly [scheme: string]: string[] };

/** One operation of the document, as a route. */
export interface OpenApiOperation {
  /** The operation's document path, e.g. `paths./orders/{id}.get`. */
  readonly where: string;
  /** The route key, e.g. `GET /orders/{id}` (`ANY` for `x-amazon-apigateway-any-method`). */
  readonly routeKey: string;
  readonly operationId?: string;
  readonly parameters: OpenApiParameter[];
  /** The `application/json` request body schema, `$ref`s inlined. */
  readonly bodySchema?: { [key: string]: unknown };
  /** Whether the request body is required. */
  readonly bodyRequired: boolean;
  /** Request body media types other than JSON. */
  readonly otherBodyTypes: string[];
  /** The operation's security (or the document's); undefined when neither declares any. */
  readonly security?: OpenApiSecurityRequirement[];
  /** Whether the operation declares callbacks (which API Gateway does not route). */
  readonly callbacks: boolean;
}

/** What a gateway reads of a valid document. */
export interface OpenApiModel {
  /** `3.0` or `3.1`. */
  readonly version: string;
  readonly operations: OpenApiOperation[];
  /** The names of `components.securitySchemes`. */
  readonly securitySchemes: string[];
  /** Why `servers` is ignored, when it says something the gateway does not do (variables, a base path). */
  readonly serversIgnored?: string;
  /** Whether the document has `webhooks` (3.1), which API Gateway does not route. */
  readonly webhooks: boolean;
}

type Json = { [key: string]: unknown };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const ANY_METHOD = 'x-amazon-apigateway-any-method';
/** How many schema validation messages an error shows. */
const MAX_MESSAGES = 3;

/** Parses JSON or YAML text into an object; throws an Error stating the problem. */
export function parseOpenApiText(text: string): Json {
  let doc: unknown;
  try {
    doc = /^\s*\{/.test(text) ? JSON.parse(text) : yamlParser().parse(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new Error(`the document is neither JSON nor YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!isObject(doc)) {
    throw new Error('the document is not a JSON or YAML object (an OpenAPI document starts with `openapi: 3.x`)');
  }
  return doc;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const validators = new Map<string, ValidateFunction>();

/** The OpenAPI schema validator of a version (compiled once per process: about half a second). */
function validatorFor(version: string): ValidateFunction {
  let validate = validators.get(version);
  if (!validate) {
    const schemas = path.join(path.dirname(require.resolve('@seriousme/openapi-schema-validator/package.json')), 'schemas');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const schema = require(path.join(schemas, `v${version}`, 'schema.json'));
    const options = { strict: false, validateFormats: false, allErrors: false };
    /* eslint-disable @typescript-eslint/no-require-imports */
    const ajv = version === '3.0'
      ? new (require('ajv-draft-04').default)(options)
      : new (require('ajv/dist/2020').default)(options);
    /* eslint-enable @typescript-eslint/no-require-imports */
    validate = ajv.compile(schema) as ValidateFunction;
    validators.set(version, validate);
  }
  return validate;
}

/** `/paths/~1orders~1{id}/get` as `paths./orders/{id}.get`. */
export function documentPath(pointer: string): string {
  return pointer.split('/').slice(1).map(s => s.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
}

function schemaMessages(errors: ErrorObject[]): string {
  const shown = errors.slice(0, MAX_MESSAGES).map(e => `${documentPath(e.instancePath) || '(document)'} ${e.message}`
    + (e.params && 'additionalProperty' in e.params ? ` '${e.params.additionalProperty}'` : ''));
  return shown.join('; ') + (errors.length > MAX_MESSAGES ? ` (and ${errors.length - MAX_MESSAGES} more)` : '');
}

/** Checks a parsed document against the OpenAPI schema of its version; returns the version. */
export function validateOpenApi(doc: Json): string {
  const declared = doc.openapi;
  const version = typeof declared === 'string' ? /^3\.[01](?=\.|$)/.exec(declared)?.[0] : undefined;
  if (version === undefined) {
    throw new OpenApiViolation('openapi', `only OpenAPI 3.0 and 3.1 documents are supported${doc.swagger !== undefined ? ' (convert a Swagger 2.0 document first)' : ''}`,
      declared ?? doc.swagger ?? '(missing)');
  }
  const validate = validatorFor(version);
  if (!validate(doc)) {
    throw new OpenApiViolation('', `not a valid OpenAPI ${version} document: ${schemaMessages(validate.errors ?? [])}`);
  }
  return version;
}

/** Resolves local `$ref`s of one node (chains too); other `$ref`s and cycles are violations. */
export class RefResolver {
  constructor(private readonly doc: Json) {}

  /** The node a `$ref` points to (the node itself when it has none). */
  public deref(node: unknown, where: string): unknown {
    const seen: string[] = [];
    while (isObject(node) && typeof node.$ref === 'string') {
      const ref = node.$ref;
      if (!ref.startsWith('#/')) {
        throw new OpenApiViolation(where, 'only local $refs (#/components/...) are resolved; bundle external references into the document first', ref);
      }
      if (seen.includes(ref)) {
        throw new OpenApiViolation(where, `the $ref chain ${[...seen, ref].join(' -> ')} is circular`, ref);
      }
      seen.push(ref);
      node = this.target(ref, where);
    }
    return node;
  }

  /** A schema with every `$ref` inlined; a recursive schema is a violation (API Gateway models cannot express it inline). */
  public inline(schema: unknown, where: string, stack: string[] = []): unknown {
    if (Array.isArray(schema)) return schema.map(s => this.inline(s, where, stack));
    if (!isObject(schema)) return schema;
    if (typeof schema.$ref === 'string') {
      const ref = schema.$ref;
      if (stack.includes(ref)) {
        throw new OpenApiViolation(where, `the schema is recursive (${[...stack, ref].join(' -> ')}); a request model cannot be recursive once inlined`, ref);
      }
      const siblings = Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$ref'));
      const target = this.inline(this.deref({ $ref: ref }, where), where, [...stack, ref]);
      // 3.1 allows keywords beside $ref; they apply together with the target.
      return Object.keys(siblings).length === 0 ? target : { allOf: [target, this.inline(siblings, where, stack)] };
    }
    const out: Json = {};
    for (const [k, v] of Object.entries(schema)) {
      // `properties` maps names to schemas: a property may be called `$ref` without being one.
      out[k] = k === 'properties' || k === 'patternProperties' || k === '$defs' || k === 'definitions'
        ? Object.fromEntries(Object.entries(isObject(v) ? v : {}).map(([name, s]) => [name, this.inline(s, where, stack)]))
        : k === 'example' || k === 'examples' || k === 'const' || k === 'enum' || k === 'default' ? v : this.inline(v, where, stack);
    }
    return out;
  }

  private target(ref: string, where: string): unknown {
    let node: unknown = this.doc;
    for (const raw of ref.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      node = isObject(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined;
      if (node === undefined) {
        throw new OpenApiViolation(where, 'the $ref points to nothing in the document', ref);
      }
    }
    return node;
  }
}

/** Reads the routes of a parsed document (validated here first). */
export function readOpenApiModel(doc: Json): OpenApiModel {
  const version = validateOpenApi(doc);
  const refs = new RefResolver(doc);
  const components = isObject(doc.components) ? doc.components : {};
  const securitySchemes = Object.keys(isObject(components.securitySchemes) ? components.securitySchemes : {});
  const docSecurity = Array.isArray(doc.security) ? doc.security as OpenApiSecurityRequirement[] : undefined;
  const operations: OpenApiOperation[] = [];
  for (const [routePath, rawItem] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    const itemWhere = `paths.${routePath}`;
    const item = refs.deref(rawItem, itemWhere);
    if (!isObject(item)) continue;
    const shared = parametersOf(refs, item.parameters, `${itemWhere}.parameters`);
    for (const method of [...METHODS, ANY_METHOD]) {
      const op = item[method];
      if (!isObject(op)) continue;
      const where = `${itemWhere}.${method}`;
      if (method === 'trace') {
        throw new OpenApiViolation(where, 'API Gateway cannot route the TRACE method (routes are ANY, GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS)', 'trace');
      }
      const own = parametersOf(refs, op.parameters, `${where}.parameters`);
      const parameters = [...shared.filter(p => !own.some(o => o.name === p.name && o.in === p.in)), ...own];
      checkPathParameters(routePath, parameters, where);
      const body = requestBodyOf(refs, op.requestBody, `${where}.requestBody`);
      operations.push({
        where,
        routeKey: `${method === ANY_METHOD ? 'ANY' : method.toUpperCase()} ${routePath}`,
        operationId: typeof op.operationId === 'string' ? op.operationId : undefined,
        parameters,
        ...body,
        security: Array.isArray(op.security) ? op.security as OpenApiSecurityRequirement[] : docSecurity,
        callbacks: isObject(op.callbacks) && Object.keys(op.callbacks).length > 0,
      });
    }
  }
  const ids = new Map<string, string>();
  for (const op of operations) {
    if (op.operationId === undefined) continue;
    const other = ids.get(op.operationId);
    if (other) throw new OpenApiViolation(op.where, `the operationId is also the operationId of ${other} (operationIds are unique)`, op.operationId);
    ids.set(op.operationId, op.where);
  }
  for (const op of operations) {
    for (const requirement of op.security ?? []) {
      for (const scheme of Object.keys(requirement)) {
        if (!securitySchemes.includes(scheme)) {
          throw new OpenApiViolation(`${op.where}.security`, `unknown security scheme: components.securitySchemes has ${securitySchemes.length > 0 ? securitySchemes.join(', ') : 'none'}`, scheme);
        }
      }
    }
  }
  return {
    version,
    operations,
    securitySchemes,
    serversIgnored: serversIgnored(doc.servers),
    webhooks: isObject(doc.webhooks) && Object.keys(doc.webhooks).length > 0,
  };
}

function parametersOf(refs: RefResolver, raw: unknown, where: string): OpenApiParameter[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((p, i) => {
    const param = refs.deref(p, `${where}[${i}]`) as Json;
    return { name: String(param.name), in: String(param.in), required: param.required === true || param.in === 'path' };
  });
}

function checkPathParameters(routePath: string, parameters: OpenApiParameter[], where: string): void {
  const templated = [...routePath.matchAll(/\{([^}]+?)\+?\}/g)].map(m => m[1]);
  const declared = parameters.filter(p => p.in === 'path').map(p => p.name);
  const undeclared = templated.find(t => !declared.includes(t));
  if (undeclared !== undefined) {
    throw new OpenApiViolation(where, `the path parameter {${undeclared}} is not declared in parameters (in: path)`, undeclared);
  }
  const extra = declared.find(d => !templated.includes(d));
  if (extra !== undefined) {
    throw new OpenApiViolation(where, `the path parameter '${extra}' is not in the path template`, extra);
  }
}

function requestBodyOf(refs: RefResolver, raw: unknown, where: string): Pick<OpenApiOperation, 'bodySchema' | 'bodyRequired' | 'otherBodyTypes'> {
  const body = refs.deref(raw, where);
  if (!isObject(body)) return { bodyRequired: false, otherBodyTypes: [] };
  const content = isObject(body.content) ? body.content : {};
  const json = Object.keys(content).find(t => /^application\/json\s*(;|$)/i.test(t));
  const media = json === undefined ? undefined : content[json];
  const schema = isObject(media) && media.schema !== undefined ? refs.inline(media.schema, `${where}.content.${json}.schema`) : undefined;
  return {
    bodySchema: isObject(schema) ? schema : undefined,
    bodyRequired: body.required === true,
    otherBodyTypes: Object.keys(content).filter(t => t !== json),
  };
}

function serversIgnored(servers: unknown): string | undefined {
  if (!Array.isArray(servers)) return undefined;
  const withVariables = servers.some(s => isObject(s) && isObject(s.variables) && Object.keys(s.variables).length > 0);
  const basePath = servers.map(s => (isObject(s) && typeof s.url === 'string' ? s.url : ''))
    .map(u => u.replace(/^[a-z]+:\/\/[^/]*/i, '')).find(p => p !== '' && p !== '/');
  if (!withVariables && basePath === undefined) return undefined;
  return `the document's servers${withVariables ? ' (and their variables)' : ''} are ignored: the gateway's URL is its stage's URL or custom domain`
    + (basePath !== undefined ? `, and routes are not prefixed with the server path '${basePath}' (map a custom domain with a base path instead)` : '');
}
