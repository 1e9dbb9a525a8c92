/**
 * Non-proxy (custom) REST integrations: request mapping templates, integration responses chosen
 * by selection pattern, content handling, and the method responses (with models made from JSON
 * schemas) a non-proxy method needs. The pure rules are plain functions; `restMapping` wires them
 * into an integration's `bind`, `restMethodResponses` and `checkIntegrationResponses` into a route.
 *
 * Sources: "Set up an integration response in API Gateway"; the API Gateway API Reference for
 * IntegrationResponse ("The status code must map to an existing MethodResponse",
 * https://docs.aws.amazon.com/apigateway/latest/api/API_IntegrationResponse.html) and
 * PutMethodResponse (status code pattern `[1-5]\d\d`; header names `method.response.header.{name}`,
 * https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethodResponse.html).
 */
import { IResolvable, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct, IConstruct } from 'constructs';
import { check, GatewayValidationError } from '../common/errors';
import { InputCheck, InputSpec, aBoolean, aString, aStruct, checkInput, describeType, listOf, mapOf, notHere, oneOf, required } from '../common/input';
import type { RestIntegrationBindOptions } from './integration';

/**
 * How a non-proxy (custom) integration maps the request to the backend and the backend's
 * response to the method's responses. A proxy integration passes both through unchanged, so these
 * options apply only with `proxy: false` (and to mock integrations).
 */
export interface RestMappingOptions {
  /**
   * Velocity mapping templates that build the backend request, by the request's content type,
   * e.g. `{ 'application/json': '{ "orderId": "$input.params(\'id\')" }' }`. Keys are media
   * types such as `application/json`.
   * @default - none: the body is passed through as `passthroughBehavior` says
   */
  readonly requestTemplates?: { [contentType: string]: string };
  /**
   * What API Gateway does with a request whose content type has no template.
   * @default - API Gateway's default, apigateway.PassthroughBehavior.WHEN_NO_MATCH (passed through unmapped)
   */
  readonly passthroughBehavior?: apigateway.PassthroughBehavior;
  /**
   * How the request body is converted (base64 text to binary or back) before it reaches the
   * backend.
   * @default - passed through without conversion
   */
  readonly contentHandling?: apigateway.ContentHandling;
  /**
   * The backend's responses mapped to the method's: each chosen by its `selectionPattern` (a
   * regular expression matched against a Lambda function's error message, or an HTTP backend's
   * status code; the one without a pattern is the default), with its status code, response
   * headers and templates. Each status code becomes a method response of the route (merged with
   * the route's `methodResponses`), and each `method.response.header.NAME` it sets is declared.
   * @default - one default response: status 200, the backend's body passed through
   */
  readonly integrationResponses?: apigateway.IntegrationResponse[];
}

/** A response a REST route's method declares: its status code, headers and body models. */
export interface RestMethodResponse {
  /** The status code, a string of three digits from 100 to 599, e.g. `'200'`. */
  readonly statusCode: string;
  /**
   * Response headers the method returns, `method.response.header.NAME`, each flagged required
   * or not. An integration response sets them in its `responseParameters`.
   * @default - only the headers the route's integration responses set (not required)
   */
  readonly responseParameters?: { [name: string]: boolean };
  /**
   * The JSON schema of the response body, by content type (a media type such as
   * `application/json`). The gateway makes a model from each schema (an
   * `AWS::ApiGateway::Model` of the API) and declares it as the response's model.
   * @default - no response models
   */
  readonly responseSchemas?: { [contentType: string]: apigateway.JsonSchema };
}

// ---------------------------------------------------------------------------------------------
// Rules (pure functions returning the violated rule, or undefined).

/**
 * Why a method or integration response status code is invalid, or undefined. API Gateway's
 * pattern is `[1-5]\d\d` (PutMethodResponse, PutIntegrationResponse). A token is not decided.
 */
export function statusCodeViolation(statusCode: string): string | undefined {
  if (Token.isUnresolved(statusCode)) return undefined;
  return /^[1-5]\d\d$/.test(statusCode) ? undefined
    : 'a status code is a string of three digits from 100 to 599, such as \'200\'';
}

/**
 * Why a content type key (of request templates, response templates or response models) is not a
 * media type, or undefined: `type/subtype` of RFC 6838 section 4.2 restricted names (letters,
 * digits and `! # $ & - ^ _ . +`, starting with a letter or digit; no parameters, no wildcards).
 */
export function mediaTypeViolation(contentType: string): string | undefined {
  if (Token.isUnresolved(contentType)) return undefined;
  const name = '[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}';
  return new RegExp(`^${name}/${name}$`).test(contentType) ? undefined
    : 'a content type is a media type such as application/json (type/subtype as RFC 6838 section 4.2 names them, without parameters)';
}

/**
 * The pattern as a JavaScript RegExp can compile it: the Java-only constructs API Gateway
 * accepts and JavaScript rejects (possessive quantifiers `a*+`, atomic groups `(?>...)`) are
 * turned into their nearest JavaScript form. Only used to decide whether the pattern compiles.
 */
function asJavaScriptPattern(pattern: string): string {
  return pattern
    .replace(/\(\?>/g, '(?:')
    .replace(/([*+?}])\+/g, '$1');
}

/**
 * Why an integration response's selection pattern is not a valid regular expression, or
 * undefined. API Gateway compiles it as a Java regular expression; this check compiles it as a
 * JavaScript RegExp instead (after mapping possessive quantifiers and atomic groups), which
 * accepts nearly the same syntax: an approximation.
 */
export function selectionPatternViolation(pattern: string): string | undefined {
  if (Token.isUnresolved(pattern)) return undefined;
  try {
    new RegExp(asJavaScriptPattern(pattern));
    return undefined;
  } catch (e) {
    return `a selection pattern is a regular expression (API Gateway compiles it as a Java regex; this check compiles it as a JavaScript RegExp, an approximation, which failed: ${(e as Error).message})`;
  }
}

/**
 * Why a method response header parameter name is invalid, or undefined:
 * `method.response.header.NAME` with NAME an HTTP header name (RFC 9110 token characters).
 */
export function responseHeaderViolation(name: string): string | undefined {
  if (Token.isUnresolved(name)) return undefined;
  return /^method\.response\.header\.[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name) ? undefined
    : 'a response parameter is a response header, method.response.header.NAME (NAME an HTTP header name)';
}

// ---------------------------------------------------------------------------------------------
// Run-time input checks for JavaScript and jsii callers (see lib/common/input.ts).

const INTEGRATION_RESPONSE = aStruct({
  statusCode: required(aString()),
  selectionPattern: aString(),
  contentHandling: oneOf(() => apigateway.ContentHandling, 'apigateway.ContentHandling'),
  responseParameters: mapOf(aString()),
  responseTemplates: mapOf(aString()),
}, 'an apigateway.IntegrationResponse object');

/** The input checks of RestMappingOptions' members (the factories' options include them). */
export const MAPPING_SPEC: InputSpec = {
  requestTemplates: mapOf(aString()),
  passthroughBehavior: oneOf(() => apigateway.PassthroughBehavior, 'apigateway.PassthroughBehavior'),
  contentHandling: oneOf(() => apigateway.ContentHandling, 'apigateway.ContentHandling'),
  integrationResponses: listOf(INTEGRATION_RESPONSE),
};

/** The input check of `proxy` on the Lambda and HTTP factories' options. */
export const PROXY_SPEC: InputSpec = { proxy: aBoolean };

/** A JSON schema object (not an `apigateway.Model`: the gateway makes the model from the schema). */
const A_RESPONSE_SCHEMA: InputCheck = {
  what: 'an apigateway.JsonSchema object',
  check(where, prop, value) {
    if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      checkInput(where, prop, value, `a response model is made from a JSON schema: expected an apigateway.JsonSchema object, got ${describeType(value)}`);
    }
    checkInput(where, prop, value, value !== undefined && 'modelId' in (value as object)
      ? 'give the model\'s JSON schema: the gateway makes the response model from it' : undefined);
  },
};

/** The input check of a route's `methodResponses` option. */
export const METHOD_RESPONSES: InputCheck = listOf(aStruct({
  statusCode: required(aString()),
  responseParameters: mapOf(aBoolean),
  responseSchemas: mapOf(A_RESPONSE_SCHEMA),
  // aws-cdk-lib's MethodResponse member, which a RestMethodResponse would silently drop.
  responseModels: notHere('a route\'s method response gives responseSchemas (JSON schemas by content type): the gateway makes the models'),
}, 'a RestMethodResponse object'));

// ---------------------------------------------------------------------------------------------
// Integrations: the mapping options of one route's integration.

/** What `restMapping` adds to an integration. */
export interface RestMappingConfig {
  /** The aws-cdk-lib integration options of the mapping (none for a proxy integration). */
  readonly options: apigateway.IntegrationOptions;
  /** The method responses the integration responses need (none for a proxy integration). */
  readonly methodResponses?: apigateway.MethodResponse[];
}

/** The defaults a kind of integration gives its mapping (the mock's request template and response). */
export interface RestMappingDefaults {
  readonly requestTemplates?: { [contentType: string]: string };
  readonly integrationResponses?: apigateway.IntegrationResponse[];
}

/**
 * The mapping defaults of a mock integration: a request template rendering its status code, and
 * one default integration response with its JSON body. Its short-form options contradict the
 * mapping options that replace what they feed.
 */
export function mockMappingDefaults(bind: RestIntegrationBindOptions, mapping: RestMappingOptions & { statusCode?: number; responseBody?: string },
  statusCode: number, body: string): RestMappingDefaults {
  const prop = `route '${bind.routeKey}' mock`;
  check(bind.scope, `${prop} statusCode`, mapping.statusCode, mapping.statusCode !== undefined && mapping.requestTemplates !== undefined
    ? 'statusCode is rendered by the default request template, which requestTemplates replace; render the status code in your template' : undefined);
  check(bind.scope, `${prop} responseBody`, mapping.responseBody, mapping.responseBody !== undefined && mapping.integrationResponses !== undefined
    ? 'responseBody is the default integration response\'s template, which integrationResponses replace; give the body in their responseTemplates' : undefined);
  return {
    requestTemplates: { 'application/json': JSON.stringify({ statusCode }) },
    integrationResponses: [{ statusCode: String(statusCode), responseTemplates: { 'application/json': body } }],
  };
}

const MAPPING_MEMBERS = ['requestTemplates', 'passthroughBehavior', 'contentHandling', 'integrationResponses'] as const;

/**
 * Validates a route integration's mapping options and returns its aws-cdk-lib options and the
 * method responses its integration responses need. A proxy integration takes none of them.
 * @param label the factory, in error props (`route 'GET /x' lambdaFunction requestTemplates`)
 */
export function restMapping(bind: RestIntegrationBindOptions, label: string, mapping: RestMappingOptions, proxy: boolean,
  defaults: RestMappingDefaults = {}): RestMappingConfig {
  const prop = `route '${bind.routeKey}' ${label}`;
  if (proxy) {
    for (const member of MAPPING_MEMBERS) {
      check(bind.scope, `${prop} ${member}`, mapping[member], mapping[member] === undefined ? undefined
        : `${member} shapes a non-proxy integration; a proxy integration passes the request and the response through unchanged. Set proxy: false to map them`);
    }
    return { options: {} };
  }
  const requestTemplates = mapping.requestTemplates ?? defaults.requestTemplates;
  for (const contentType of Object.keys(mapping.requestTemplates ?? {})) {
    check(bind.scope, `${prop} requestTemplates`, contentType, mediaTypeViolation(contentType));
  }
  const integrationResponses = mapping.integrationResponses ?? defaults.integrationResponses ?? [{ statusCode: '200' }];
  validateIntegrationResponses(bind.scope, `${prop} integrationResponses`, integrationResponses);
  return {
    options: {
      requestTemplates,
      passthroughBehavior: mapping.passthroughBehavior,
      contentHandling: mapping.contentHandling,
      integrationResponses,
    },
    methodResponses: methodResponsesFor(integrationResponses),
  };
}

/**
 * Checks integration responses: status codes, media types of templates, header names of
 * parameters, selection patterns that compile and are not repeated (at most one default).
 */
export function validateIntegrationResponses(scope: IConstruct, prop: string, responses: apigateway.IntegrationResponse[]): void {
  const patterns = new Map<string, number>();
  responses.forEach((response, i) => {
    const at = `${prop}[${i}]`;
    check(scope, `${at}.statusCode`, response.statusCode, statusCodeViolation(response.statusCode));
    for (const contentType of Object.keys(response.responseTemplates ?? {})) {
      check(scope, `${at}.responseTemplates`, contentType, mediaTypeViolation(contentType));
    }
    for (const name of Object.keys(response.responseParameters ?? {})) {
      check(scope, `${at}.responseParameters`, name, responseHeaderViolation(name));
    }
    const pattern = response.selectionPattern ?? '';
    if (pattern !== '') {
      check(scope, `${at}.selectionPattern`, pattern, selectionPatternViolation(pattern));
    }
    if (Token.isUnresolved(pattern)) return;
    const first = patterns.get(pattern);
    check(scope, pattern === '' ? `${at}` : `${at}.selectionPattern`, pattern === '' ? response : pattern, first === undefined ? undefined
      : pattern === '' ? `integrationResponses[${first}] is already the default response (no selectionPattern); there is at most one`
        : `integrationResponses[${first}] has the same selection pattern; the second would never be chosen`);
    patterns.set(pattern, i);
  });
}

/**
 * The method responses integration responses need: one per status code, declaring (not
 * required) every header an integration response of that status sets.
 */
export function methodResponsesFor(responses: apigateway.IntegrationResponse[]): apigateway.MethodResponse[] {
  const byStatus = new Map<string, { [name: string]: boolean }>();
  for (const response of responses) {
    const parameters = byStatus.get(response.statusCode) ?? {};
    for (const name of Object.keys(response.responseParameters ?? {})) {
      parameters[name] = false;
    }
    byStatus.set(response.statusCode, parameters);
  }
  return [...byStatus].map(([statusCode, parameters]) => Object.keys(parameters).length > 0
    ? { statusCode, responseParameters: parameters }
    : { statusCode });
}

// ---------------------------------------------------------------------------------------------
// Routes: the method responses of one route, and the check of its integration responses.

/**
 * The method responses of a route: those its integration needs, merged by status code with those
 * the route declares (a header both declare takes the route's required flag; a content type both
 * give a different model is an error). Makes a model from each response schema of the route.
 * Returns the integration's own list unchanged when the route declares none.
 * @param gateway errors name its path
 * @param scope the route's scope, where the models are made
 */
export function restMethodResponses(gateway: IConstruct, scope: Construct, routeKey: string, restApi: apigateway.IRestApi,
  declared: RestMethodResponse[] | undefined, fromIntegration: apigateway.MethodResponse[] | undefined): apigateway.MethodResponse[] | undefined {
  if (declared === undefined || declared.length === 0) return fromIntegration;
  const prop = `route '${routeKey}' methodResponses`;
  const merged = new Map<string, apigateway.MethodResponse>();
  for (const response of fromIntegration ?? []) {
    merged.set(response.statusCode, response);
  }
  const seen = new Set<string>();
  declared.forEach((response, i) => {
    const at = `${prop}[${i}]`;
    check(gateway, `${at}.statusCode`, response.statusCode, statusCodeViolation(response.statusCode));
    check(gateway, `${at}.statusCode`, response.statusCode, seen.has(response.statusCode)
      ? 'the route already declares a method response with this status code; give each status code once' : undefined);
    seen.add(response.statusCode);
    for (const name of Object.keys(response.responseParameters ?? {})) {
      check(gateway, `${at}.responseParameters`, name, responseHeaderViolation(name));
    }
    const models: { [contentType: string]: apigateway.IModel } = {};
    for (const [contentType, schema] of Object.entries(response.responseSchemas ?? {})) {
      check(gateway, `${at}.responseSchemas`, contentType, mediaTypeViolation(contentType));
      check(gateway, `${at}.responseSchemas.${contentType}`, schema, schema === undefined || schema === null
        ? 'a response model is made from a JSON schema: give one for this content type' : undefined);
      models[contentType] = new apigateway.Model(scope, `ResponseModel${response.statusCode}-${contentType.replace(/\//g, '|')}`, {
        restApi,
        contentType,
        schema,
        description: `The ${contentType} body of '${routeKey}' responses with status ${response.statusCode}`,
      });
    }
    const existing = merged.get(response.statusCode);
    for (const [contentType, model] of Object.entries(existing?.responseModels ?? {})) {
      check(gateway, `${at}.responseSchemas`, contentType, contentType in models && models[contentType] !== model
        ? `the route's integration already declares a ${contentType} model for status ${response.statusCode}; the two conflict` : undefined);
      models[contentType] ??= model;
    }
    const parameters = { ...existing?.responseParameters, ...response.responseParameters };
    merged.set(response.statusCode, {
      statusCode: response.statusCode,
      responseParameters: Object.keys(parameters).length > 0 ? parameters : undefined,
      responseModels: Object.keys(models).length > 0 ? models : undefined,
    });
  });
  return [...merged.values()];
}

/**
 * The integration of a method as rendered into its `AWS::ApiGateway::Method` (any integration,
 * a custom one's too), or undefined when it is a token.
 */
export function renderedIntegration(method: apigateway.Method): apigateway.CfnMethod.IntegrationProperty | undefined {
  const integration = (method.node.defaultChild as apigateway.CfnMethod).integration;
  return integration === undefined || Token.isUnresolved(integration) ? undefined : integration as apigateway.CfnMethod.IntegrationProperty;
}

/**
 * Checks that every integration response of a method (its integration may be a custom one) has a
 * method response with its status code, declaring each header it sets: otherwise the deployment
 * fails (the API Gateway API Reference, IntegrationResponse: "The status code must map to an
 * existing MethodResponse").
 */
export function checkIntegrationResponses(gateway: IConstruct, routeKey: string, method: apigateway.Method,
  methodResponses: apigateway.MethodResponse[] | undefined): void {
  const responses = renderedIntegration(method)?.integrationResponses;
  if (responses === undefined || Token.isUnresolved(responses)) return;
  (responses as Array<apigateway.CfnMethod.IntegrationResponseProperty | IResolvable>).forEach((r, i) => {
    if (Token.isUnresolved(r)) return;
    const response = r as apigateway.CfnMethod.IntegrationResponseProperty;
    if (Token.isUnresolved(response.statusCode)) return;
    const declared = methodResponses?.find(m => m.statusCode === response.statusCode);
    const prop = `route '${routeKey}' integration responses[${i}]`;
    if (declared === undefined) {
      throw new GatewayValidationError(gateway, `${prop}.statusCode`, response.statusCode,
        'an integration response\'s status code needs a method response with that status code; declare it in the route\'s methodResponses '
        + 'or in the integration\'s bind() result');
    }
    for (const name of Object.keys(response.responseParameters ?? {})) {
      check(gateway, `${prop}.responseParameters`, name, declared.responseParameters && name in declared.responseParameters ? undefined
        : `the method response ${response.statusCode} does not declare this header; add it to its responseParameters`);
    }
  });
}
