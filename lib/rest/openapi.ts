/**
 * A RestGateway's routes from an OpenAPI document (the `openApi` prop): one route per operation,
 * with required query and header parameters and the JSON request body schema validated by the
 * gateway's request validator, and the operationId as the method's operation name.
 */
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { IConstruct } from 'constructs';
import { GatewayValidationError, check, warn } from '../common/errors';
import { GatewayOpenApiDocument } from '../common/openapi-document';
import { OpenApiOperation } from '../common/openapi-import';
import { addOperations, bindOperation, checkBindingKeys, warnIgnoredFeatures } from '../common/openapi-wiring';
import { parseRouteKey } from '../common/route-key';
import { RestAuthorization } from './authorization';
import { RestIntegration } from './integration';
import { restPathPartViolation } from './path-rules';
import { RestRouteOptions } from './props';

/** A RestGateway made from an OpenAPI 3.0 or 3.1 document (contract first). */
export interface RestOpenApiOptions {
  /** The document: one route is made for each of its operations. */
  readonly document: GatewayOpenApiDocument;
  /**
   * The integration of each operation, by operationId. A key that is no operationId of the
   * document is an error.
   * @default - every operation uses `defaultIntegration`
   */
  readonly integrations?: { [operationId: string]: RestIntegration };
  /**
   * The integration of operations that `integrations` does not name. An operation with neither
   * is an error.
   * @default - none: every operation needs an entry in `integrations`
   */
  readonly defaultIntegration?: RestIntegration;
  /**
   * The authorization of each security scheme of the document (`components.securitySchemes`),
   * by scheme name; operations take the one their `security` (or the document's) names. The key
   * `none` maps operations whose security is empty (`security: []`): without it they take the
   * gateway's `defaultAuthorization`, with a warning. Operations that declare no security take
   * the gateway's `defaultAuthorization`.
   * @default - no scheme is mapped: an operation whose security names a scheme is an error
   */
  readonly authorizations?: { [schemeName: string]: RestAuthorization };
}

/** Draft 2019-09 / 2020-12 keywords (OpenAPI 3.1 schemas) that API Gateway's draft-4 models do not know. */
const UNSUPPORTED_KEYWORDS = ['const', 'if', 'then', 'else', 'prefixItems', 'dependentRequired', 'dependentSchemas',
  'unevaluatedProperties', 'unevaluatedItems', 'contains', 'propertyNames', '$defs', '$anchor', '$dynamicRef', 'contentSchema'];
/** OpenAPI annotations a validator ignores: dropped from models. */
const ANNOTATIONS = ['example', 'examples', 'xml', 'externalDocs', 'deprecated', 'readOnly', 'writeOnly', 'contentMediaType', 'contentEncoding', '$comment'];

/**
 * An OpenAPI schema as an API Gateway model schema (JSON Schema draft 4): `nullable` becomes a
 * `null` type, numeric `exclusiveMinimum`/`exclusiveMaximum` (3.1) the draft-4 form, annotations
 * are dropped; a `discriminator` or a keyword newer than draft 4 is a violation.
 */
export function restModelSchema(schema: unknown, where: string): { schema?: unknown; violation?: string } {
  let violation: string | undefined;
  const convert = (node: unknown, at: string, isMap = false): unknown => {
    if (Array.isArray(node)) return node.map((n, i) => convert(n, `${at}[${i}]`));
    if (typeof node !== 'object' || node === null) return node;
    const out: { [key: string]: unknown } = {};
    for (const [k, v] of Object.entries(node)) {
      if (isMap) {
        out[k] = convert(v, `${at}.${k}`);
        continue;
      }
      if (k === 'discriminator') {
        violation ??= `${at}: a discriminator cannot be validated by an API Gateway model (JSON Schema draft 4 has no discriminator); use oneOf with a distinguishing enum property`;
      } else if (UNSUPPORTED_KEYWORDS.includes(k)) {
        violation ??= `${at}: '${k}' is not a JSON Schema draft 4 keyword, which API Gateway models use`;
      }
      if (ANNOTATIONS.includes(k) || k === 'nullable') continue;
      if ((k === 'exclusiveMinimum' || k === 'exclusiveMaximum') && typeof v === 'number') {
        out[k === 'exclusiveMinimum' ? 'minimum' : 'maximum'] = v;
        out[k] = true;
        continue;
      }
      out[k] = k === 'enum' || k === 'default' ? v : convert(v, `${at}.${k}`, k === 'properties' || k === 'patternProperties');
    }
    if ((node as { nullable?: unknown }).nullable === true && out.type !== undefined) {
      out.type = [...(Array.isArray(out.type) ? out.type : [out.type]), 'null'];
    }
    return out;
  };
  const converted = convert(schema, where);
  return violation !== undefined ? { violation } : { schema: converted };
}

/** The route options of one operation (without its authorization). */
function routeOptionsOf(gateway: IConstruct, op: OpenApiOperation): RestRouteOptions {
  const requestParameters: { [name: string]: boolean } = {};
  for (const p of op.parameters) {
    if (p.in === 'query') requestParameters[`method.request.querystring.${p.name}`] = p.required;
    if (p.in === 'header') requestParameters[`method.request.header.${p.name}`] = p.required;
    if (p.in === 'cookie') {
      warn(gateway, 'openApiCookieParameter', `${op.where}: the cookie parameter '${p.name}' is not validated: a REST API declares and validates `
        + 'path, query and header parameters only (read the Cookie header in the integration)');
    }
  }
  let requestSchema: apigateway.JsonSchema | undefined;
  if (op.bodySchema) {
    const converted = restModelSchema(op.bodySchema, `${op.where}.requestBody`);
    if (converted.violation !== undefined) {
      throw new GatewayValidationError(gateway, `openApi ${op.where}.requestBody`, op.operationId ?? op.routeKey, converted.violation);
    }
    requestSchema = converted.schema as apigateway.JsonSchema;
  }
  if (op.otherBodyTypes.length > 0) {
    warn(gateway, 'openApiBodyNotValidated', `${op.where}: request bodies of type ${op.otherBodyTypes.join(', ')} are not validated `
      + '(the gateway validates application/json bodies against the schema)');
  }
  return {
    requestParameters: Object.keys(requestParameters).length > 0 ? requestParameters : undefined,
    requestSchema,
    operationName: op.operationId,
  };
}

/** Makes the routes of the document with `addRoute` (the gateway's). */
export function importRestOpenApi(gateway: IConstruct, options: RestOpenApiOptions,
  addRoute: (routeKey: string, integration: RestIntegration, options: RestRouteOptions) => void): void {
  const model = options.document._model(gateway, 'openApi.document');
  checkBindingKeys(gateway, model, options);
  warnIgnoredFeatures(gateway, model);
  addOperations(gateway, model, op => {
    let parseViolation: string | undefined;
    try {
      parseViolation = restPathPartViolation(parseRouteKey(op.routeKey).path);
    } catch (e) {
      parseViolation = (e as Error).message;
    }
    check(gateway, `openApi ${op.where}`, op.routeKey, parseViolation === undefined ? undefined : `API Gateway cannot route this path: ${parseViolation}`);
    const bound = bindOperation(gateway, op, options);
    if (bound.scopes.length > 0) {
      warn(gateway, 'openApiScopes', `${op.where}: the scopes ${bound.scopes.join(', ')} of the security requirement are not added to the route: `
        + 'a REST route\'s OAuth scopes are those of its RestAuthorization.cognito(pools, { scopes })');
    }
    addRoute(op.routeKey, bound.integration, { ...routeOptionsOf(gateway, op), authorization: bound.authorization });
  });
}
