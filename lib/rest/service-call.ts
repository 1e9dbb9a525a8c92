/**
 * What every REST AWS-service integration shares (issue 16): the rules, the VTL rendering of
 * GatewayValues, the responses, and the bound AWS integration (see service-integrations.ts for
 * the options and the sources relied on).
 */
import { Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { IDependable } from 'constructs';
import { GatewayValidationError } from '../common/errors';
import { lazyValue } from '../common/lazy';
import { parseRouteKey } from '../common/route-key';
import { AwsService, GatewayValue, ServiceRoles } from '../common/service-integrations';
// Type-only where possible: integration.ts imports the service files, which read its values at bind time only.
import type { RestIntegrationBindOptions, RestIntegrationConfig, RestIntegrationOptions } from './integration';
import { validateRestTimeout } from './integration';

// ---------------------------------------------------------------------------------------------
// Rules (pure functions returning the violated rule, or undefined)

/** API Gateway's mapping-template quota: 300 KB, not adjustable. */
export const MAX_MAPPING_TEMPLATE_BYTES = 300 * 1024;

/** Why a mapping template is too large, or undefined. */
export function mappingTemplateSizeViolation(template: string): string | undefined {
  const bytes = Buffer.byteLength(template, 'utf8');
  return bytes > MAX_MAPPING_TEMPLATE_BYTES
    ? `a mapping template is at most 300 KB (${MAX_MAPPING_TEMPLATE_BYTES} bytes; API Gateway quota "Maximum mapping template size", not adjustable); this one is ${bytes} bytes`
    : undefined;
}

export const FIXED_AT_SYNTH = 'a mapping is fixed at synth time; it cannot hold a deploy-time token: give a literal string';

/** Why a value the route fixes is not a literal string (a token), or undefined. */
export function literalViolation(text: string): string | undefined {
  return Token.isUnresolved(text) ? FIXED_AT_SYNTH : undefined;
}

/** Why a DynamoDB attribute name cannot be used in a mapping, or undefined. */
export function attributeNameViolation(name: string): string | undefined {
  if (Token.isUnresolved(name)) return FIXED_AT_SYNTH;
  return /^[A-Za-z0-9_.-]{1,255}$/.test(name) ? undefined
    : 'an attribute name here is 1 to 255 letters, digits, \'_\', \'.\' and \'-\' (DynamoDB allows more, but a mapping template would read other characters as code)';
}

/** Why a DynamoDB index name is not valid, or undefined (3 to 255 characters of a-z, A-Z, 0-9, `_`, `-`, `.`). */
export function indexNameViolation(name: string): string | undefined {
  if (Token.isUnresolved(name)) return FIXED_AT_SYNTH;
  return /^[A-Za-z0-9_.-]{3,255}$/.test(name) ? undefined : 'an index name is 3 to 255 letters, digits, \'_\', \'-\' and \'.\'';
}

/** Why a Query limit is not usable, or undefined. */
export function queryLimitViolation(limit: number): string | undefined {
  if (Token.isUnresolved(limit)) return FIXED_AT_SYNTH;
  return Number.isInteger(limit) && limit >= 1 && limit <= 1000 ? undefined
    : 'a query limit is a whole number from 1 to 1,000 (the response mapping\'s #foreach runs at most 1,000 times)';
}

/** Why an S3 key prefix is not usable, or undefined (S3's "safe characters" for object keys). */
export function s3KeyPrefixViolation(prefix: string): string | undefined {
  if (Token.isUnresolved(prefix)) return FIXED_AT_SYNTH;
  return /^[A-Za-z0-9!_.*'()-][A-Za-z0-9!_.*'()/-]{0,511}$/.test(prefix) ? undefined
    : 'a key prefix is 1 to 512 of S3\'s safe characters (letters, digits, ! - _ . * \' ( ) and /), not starting with /';
}

// ---------------------------------------------------------------------------------------------
// GatewayValue rendering (VTL)

type ValueKind = 'body' | 'bodyField' | 'literal' | 'text';

export function kindOf(value: GatewayValue): ValueKind {
  if (value._isLiteral) return 'literal';
  const vtl = value._vtl('REST');
  if (vtl === '$input.body') return 'body';
  return vtl.startsWith('$input.path(') ? 'bodyField' : 'text';
}

/** The VTL of the value's JSON text: `$input.json('$')` for the body, `$input.json('$.a')` for a field. */
export function jsonOf(value: GatewayValue): string {
  return kindOf(value) === 'body' ? '$input.json(\'$\')' : value._vtl('REST').replace('$input.path(', '$input.json(');
}

export const UNQUOTE = String.raw`.replaceAll("\\'","'")`;

/** VTL escaping `expr` for a JSON string (quiet: nothing when it is null). */
export function escaped(expr: string): string {
  return `$!util.escapeJavaScript(${expr})${UNQUOTE}`;
}

/** Escapes a literal text for a JSON string. */
export function jsonEscaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** The value as the content of a JSON string (its text). */
export function stringContent(value: GatewayValue): string {
  return value._isLiteral ? jsonEscaped(value._vtl('REST')) : escaped(value._vtl('REST'));
}

/**
 * The value as the content of a JSON string holding JSON (Step Functions input, EventBridge
 * detail): the body or a field as JSON, any other value as a JSON string.
 */
export function embeddedJsonContent(value: GatewayValue): string {
  switch (kindOf(value)) {
    case 'body':
    case 'bodyField':
      return escaped(jsonOf(value));
    case 'literal':
      // A literal input or detail is JSON text (service-rules checks it).
      return jsonEscaped(value._vtl('REST'));
    case 'text':
      return `\\"${escaped(escaped(value._vtl('REST')).replace(/^\$!/, '$'))}\\"`;
  }
}

/** The value as a form-urlencoded parameter value (SQS). */
export function urlEncoded(value: GatewayValue): string {
  switch (kindOf(value)) {
    case 'literal': return encodeURIComponent(value._vtl('REST'));
    case 'bodyField': return `$util.urlEncode(${jsonOf(value)})`;
    default: return `$util.urlEncode(${value._vtl('REST')})`;
  }
}

/** The value base64-encoded (Kinesis data). */
export function base64Of(value: GatewayValue): string {
  switch (kindOf(value)) {
    case 'literal': return Buffer.from(value._vtl('REST'), 'utf8').toString('base64');
    case 'bodyField': return `$util.base64Encode(${jsonOf(value)})`;
    default: return `$util.base64Encode(${value._vtl('REST')})`;
  }
}

/**
 * The integration request parameter reading the value (S3 keys): `method.request.path.id`,
 * `context.requestId`, `'text'`.
 */
export function requestParameterOf(value: GatewayValue): string | undefined {
  const vtl = value._vtl('REST');
  if (value._isLiteral) return vtl.includes('\'') ? undefined : `'${vtl}'`;
  const param = /^\$input\.params\(\)\.(path|querystring|header)\.get\('(.+)'\)$/.exec(vtl);
  if (param) return `method.request.${param[1]}.${param[2]}`;
  if (vtl.startsWith('$context.')) return vtl.slice(1);
  if (vtl.startsWith('$stageVariables.')) return vtl.slice(1);
  return undefined;
}


// ---------------------------------------------------------------------------------------------
// Responses

export const JSON_TYPE = 'application/json';
export const message = (text: string) => JSON.stringify({ message: text });

/**
 * The 4XX answer of a service that names its error (`__type` of the AWS JSON protocols, or
 * `Error.Code`): throttling is 429, a conflict 409, the route's own misconfiguration (a missing
 * resource, a denied key) 500, anything else 400. The service's message is never passed on: it
 * can name resources, keys and account ids the client should not see.
 */
export const CLASSIFIED_4XX = [
  '#set($error = $input.path(\'$\'))',
  '#set($type = "$!error.get(\'__type\')$!error.get(\'Error\').get(\'Code\')")',
  '#if($type.contains(\'Throttl\') || $type.contains(\'ThroughputExceeded\') || $type.contains(\'LimitExceeded\'))',
  '#set($context.responseOverride.status = 429)',
  message('Too many requests'),
  '#elseif($type.contains(\'ConditionalCheckFailed\') || $type.contains(\'ExecutionAlreadyExists\') || $type.contains(\'TransactionConflict\'))',
  '#set($context.responseOverride.status = 409)',
  message('Conflict'),
  '#elseif($type.contains(\'NotFound\') || $type.contains(\'DoesNotExist\') || $type.contains(\'NonExistent\') || $type.contains(\'AccessDenied\') '
    + '|| $type.contains(\'KMS\') || $type.contains(\'Kms\') || $type.contains(\'NotAuthorized\') || $type.contains(\'UnrecognizedClient\') '
    + '|| $type.contains(\'InvalidArn\') || $type.contains(\'Deleting\'))',
  '#set($context.responseOverride.status = 500)',
  message('Internal server error'),
  '#else',
  message('Bad request'),
  '#end',
].join('\n');

/** Every 4XX but 403: `4(0[0-24-9]|[1-9]\d)`. */
export const CLIENT_ERRORS = '4(0[0-24-9]|[1-9]\\d)';

/**
 * The error integration responses: 403 (the role may not: our fault) → 500, other 4XX → 400
 * (classified when the service names its error), 5XX → 500. Each answers a generic message.
 */
export function errorResponses(classify: boolean, notFound = false): apigateway.IntegrationResponse[] {
  const json = (body: string) => ({ [JSON_TYPE]: body });
  return [
    notFound
      // S3 answers 403, not 404, for a missing key when the caller may not list the bucket (the
      // role may not: s3:ListBucket would reveal the bucket's keys).
      ? { selectionPattern: '40[34]', statusCode: '404', responseTemplates: json(message('Not found')) }
      : { selectionPattern: '403', statusCode: '500', responseTemplates: json(message('Internal server error')) },
    { selectionPattern: notFound ? '4(0[0-25-9]|[1-9]\\d)' : CLIENT_ERRORS, statusCode: '400', responseTemplates: json(classify ? CLASSIFIED_4XX : message('Bad request')) },
    { selectionPattern: '5\\d{2}', statusCode: '500', responseTemplates: json(message('Internal server error')) },
  ];
}

export function methodResponses(statuses: string[], headers: string[] = []): apigateway.MethodResponse[] {
  return statuses.map(statusCode => ({
    statusCode,
    responseParameters: statusCode === '200' && headers.length > 0
      ? Object.fromEntries(headers.map(h => [`method.response.header.${h}`, true])) : undefined,
  }));
}

export function ok(template: string, responseParameters?: { [k: string]: string }): apigateway.IntegrationResponse {
  return { statusCode: '200', responseTemplates: { [JSON_TYPE]: template }, responseParameters };
}

// ---------------------------------------------------------------------------------------------
// The integration every service call is

/** An AWS integration that makes its method depend on the role's policy (created on first use). */
const dependentAwsIntegration = lazyValue(() => class DependentAwsIntegration extends apigateway.AwsIntegration {
  private readonly dependencies: IDependable[];

  constructor(props: apigateway.AwsIntegrationProps, dependencies: IDependable[]) {
    super(props);
    this.dependencies = dependencies;
  }

  public bind(method: apigateway.Method): apigateway.IntegrationConfig {
    // API Gateway may call the service as soon as the method is deployed: the role's permissions
    // must exist by then.
    method.node.addDependency(...this.dependencies);
    return super.bind(method);
  }
});

/** One service call, as the factories describe it. */
interface ServiceCall {
  /** The request values the mapping reads, by option (a path parameter must be the route's). */
  readonly values: ValuesRead;
  readonly service: AwsService;
  /** The service of the integration URI (`sqs`, `states`...). */
  readonly uriService: string;
  readonly action?: string;
  readonly path?: string;
  readonly httpMethod: string;
  readonly actions: string[];
  readonly resources: string[];
  readonly key?: kms.IKey;
  readonly keyActions?: string[];
  /** Static or mapped integration request parameters. */
  readonly requestParameters?: { [name: string]: string };
  /** Method request parameters the mapping reads (declared, not required). */
  readonly methodRequestParameters?: { [name: string]: boolean };
  /** The default request template (none: the body passes through, for S3). */
  readonly requestTemplate?: string;
  readonly integrationResponses: apigateway.IntegrationResponse[];
  readonly methodResponses: apigateway.MethodResponse[];
}

/** The request values a mapping reads, by the option that gave them (for the path-parameter check). */
type ValuesRead = Array<[prop: string, value: GatewayValue | undefined]>;

/** The values of an attribute map, named `prefix.attribute`. */
export function valuesOf(prefix: string, map: { [attribute: string]: GatewayValue } | undefined): ValuesRead {
  return Object.entries(map ?? {}).map(([name, value]) => [`${prefix}.${name}`, value]);
}

/** Throws when a mapping reads a path parameter the route does not declare. */
export function checkPathParameters(options: RestIntegrationBindOptions, values: ValuesRead): void {
  const declared = parseRouteKey(options.routeKey).pathParameters;
  for (const [prop, value] of values) {
    const name = value?._pathParameter;
    if (name !== undefined && !declared.includes(name)) {
      throw new GatewayValidationError(options.scope, `route '${options.routeKey}' ${prop}`, value!.toString(),
        `the route has no path parameter {${name}}`
        + (declared.length > 0 ? ` (it has ${declared.map(p => `{${p}}`).join(', ')})` : ' (it has none)')
        + '; a mapping reads only path parameters its route declares');
    }
  }
}

/** Binds a service call to a route: the role's grant, the AWS integration and the method responses. */
export function bindCall(options: RestIntegrationBindOptions, timeoutOptions: RestIntegrationOptions, call: ServiceCall,
  userTemplate: string | undefined): RestIntegrationConfig {
  checkPathParameters(options, call.values);
  const timeout = validateRestTimeout(options, timeoutOptions.timeout);
  const template = userTemplate ?? call.requestTemplate;
  if (template !== undefined) {
    const violation = mappingTemplateSizeViolation(template);
    if (violation) {
      throw new GatewayValidationError(options.scope, `route '${options.routeKey}' ${userTemplate !== undefined ? 'requestTemplate' : 'request mapping'}`,
        `${Buffer.byteLength(template, 'utf8')} bytes`, violation);
    }
  }
  const role = ServiceRoles.of(options.gateway).grant(call.service, call.actions, call.resources, call.key, call.keyActions ?? []);
  const policy = role.node.tryFindChild('DefaultPolicy');
  const AwsIntegration = dependentAwsIntegration();
  const integration = new AwsIntegration({
    service: call.uriService,
    action: call.action,
    path: call.path,
    integrationHttpMethod: call.httpMethod,
    options: {
      credentialsRole: role,
      timeout,
      cacheKeyParameters: options.cacheKeyParameters,
      requestParameters: call.requestParameters,
      requestTemplates: template !== undefined ? { [JSON_TYPE]: template } : undefined,
      // Without a template (S3) the body passes through unchanged; with one, a request of another
      // content type is refused (415) rather than sent to the service unmapped.
      passthroughBehavior: template !== undefined ? apigateway.PassthroughBehavior.NEVER : apigateway.PassthroughBehavior.WHEN_NO_TEMPLATES,
      integrationResponses: call.integrationResponses,
    },
  }, policy ? [policy] : []);
  return { integration, methodResponses: call.methodResponses, requestParameters: call.methodRequestParameters };
}

export function factoryError(factory: string, prop: string, value: unknown, violation: string | undefined): void {
  if (violation !== undefined) {
    throw GatewayValidationError.forFactory(factory, prop, value, violation);
  }
}

export function checkTemplate(factory: string, template: string | undefined): void {
  if (template === undefined) return;
  factoryError(factory, 'options.requestTemplate', template.length > 80 ? `${template.slice(0, 80)}...` : template,
    template.trim() === '' ? 'a request template is not empty' : mappingTemplateSizeViolation(template));
}


export function checkNotBody(factory: string, prop: string, value: GatewayValue | undefined, rule: string): void {
  factoryError(factory, prop, value?.toString(), value !== undefined && kindOf(value) === 'body' ? rule : undefined);
}
