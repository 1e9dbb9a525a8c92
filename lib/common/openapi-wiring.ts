/**
 * What the REST and HTTP gateways share when they make routes from an OpenAPI document: the
 * integration and authorization of each operation, the warnings for what API Gateway ignores, and
 * errors that name the operation's document path.
 */
import { IConstruct } from 'constructs';
import { GatewayValidationError, check, warn } from './errors';
import { OpenApiModel, OpenApiOperation } from './openapi-import';

/**
 * The key of `authorizations` that maps operations whose security says "no authentication"
 * (`security: []` or a `{}` requirement).
 */
export const OPENAPI_NO_SECURITY = 'none';

/** The integrations and authorizations of an `openApi` prop (the gateway's kind). */
export interface OpenApiBindings<I, A> {
  readonly integrations?: { [operationId: string]: I };
  readonly defaultIntegration?: I;
  readonly authorizations?: { [schemeName: string]: A };
}

/** An operation's integration, authorization (undefined: the gateway's default) and scopes. */
export interface BoundOperation<I, A> {
  readonly integration: I;
  readonly authorization?: A;
  readonly scopes: string[];
}

const PROP = 'openApi';

/** Checks that every key of `integrations` and `authorizations` names something in the document. */
export function checkBindingKeys<I, A>(gateway: IConstruct, model: OpenApiModel, bindings: OpenApiBindings<I, A>): void {
  const ids = model.operations.map(o => o.operationId).filter(id => id !== undefined);
  for (const id of Object.keys(bindings.integrations ?? {})) {
    check(gateway, `${PROP}.integrations.${id}`, id, ids.includes(id) ? undefined
      : `no operation of the document has this operationId (operationIds: ${ids.length > 0 ? ids.join(', ') : 'none'})`);
  }
  for (const scheme of Object.keys(bindings.authorizations ?? {})) {
    check(gateway, `${PROP}.authorizations.${scheme}`, scheme, scheme === OPENAPI_NO_SECURITY || model.securitySchemes.includes(scheme) ? undefined
      : `the document has no security scheme of this name (components.securitySchemes: ${model.securitySchemes.join(', ') || 'none'}; `
        + `'${OPENAPI_NO_SECURITY}' maps operations with an empty security requirement)`);
  }
}

/** Binds one operation: its integration (by operationId, else the default) and its authorization. */
export function bindOperation<I, A>(gateway: IConstruct, op: OpenApiOperation, bindings: OpenApiBindings<I, A>): BoundOperation<I, A> {
  const integration = (op.operationId !== undefined ? bindings.integrations?.[op.operationId] : undefined) ?? bindings.defaultIntegration;
  if (integration === undefined) {
    throw new GatewayValidationError(gateway, `${PROP} ${op.where}`, op.operationId ?? op.routeKey,
      op.operationId !== undefined
        ? `the operation has no integration: give openApi.integrations['${op.operationId}'] or openApi.defaultIntegration`
        : 'the operation has no operationId and there is no openApi.defaultIntegration: give it an operationId and an integration, or a default integration');
  }
  const security = op.security;
  if (security === undefined) {
    return { integration, scopes: [] };
  }
  const first = security[0];
  if (security.length > 1) {
    warn(gateway, 'openApiSecurityAlternatives', `${op.where}: the operation accepts ${security.length} alternative security requirements; `
      + 'API Gateway applies one authorization per route, so the first one is used');
  }
  const schemes = first === undefined ? [] : Object.keys(first);
  if (schemes.length === 0) {
    const none = bindings.authorizations?.[OPENAPI_NO_SECURITY];
    if (none === undefined) {
      warn(gateway, 'openApiNoSecurity', `${op.where}: the operation declares no authentication (security: [] or {}), but the gateway's `
        + `defaultAuthorization applies; map openApi.authorizations['${OPENAPI_NO_SECURITY}'] (for example to none()) to follow the document`);
    }
    return { integration, authorization: none, scopes: [] };
  }
  if (schemes.length > 1) {
    throw new GatewayValidationError(gateway, `${PROP} ${op.where}.security`, schemes.join(' + '),
      'a security requirement with several schemes (all required together) cannot be expressed: API Gateway applies one authorization per route');
  }
  const scheme = schemes[0];
  const authorization = bindings.authorizations?.[scheme];
  if (authorization === undefined) {
    throw new GatewayValidationError(gateway, `${PROP} ${op.where}.security`, scheme,
      `the security scheme has no authorization: give openApi.authorizations['${scheme}']`);
  }
  return { integration, authorization, scopes: first[scheme] ?? [] };
}

/** Warns once per document about what API Gateway does not do with it. */
export function warnIgnoredFeatures(gateway: IConstruct, model: OpenApiModel): void {
  if (model.serversIgnored) warn(gateway, 'openApiServers', model.serversIgnored);
  if (model.webhooks) warn(gateway, 'openApiWebhooks', 'the document\'s webhooks are ignored: they describe requests the API sends, which API Gateway does not route');
  const withCallbacks = model.operations.filter(o => o.callbacks).map(o => o.where);
  if (withCallbacks.length > 0) {
    warn(gateway, 'openApiCallbacks', `callbacks are ignored (${withCallbacks.join(', ')}): they describe requests the API sends, which API Gateway does not route`);
  }
}

/**
 * Makes the route of each operation with `add`; an error of the route names the operation's
 * document path beside the rule.
 */
export function addOperations(gateway: IConstruct, model: OpenApiModel, add: (op: OpenApiOperation) => void): void {
  for (const op of model.operations) {
    try {
      add(op);
    } catch (e) {
      if (e instanceof GatewayValidationError && !e.prop.startsWith(PROP)) {
        const rule = /is invalid: ([\s\S]*)$/.exec(e.message)?.[1] ?? e.message;
        throw new GatewayValidationError(gateway, `${PROP} ${op.where} (${e.prop})`, op.routeKey, rule);
      }
      throw e;
    }
  }
}
