/**
 * An HttpGateway's routes from an OpenAPI document (the `openApi` prop): one route per operation,
 * with the operationId as the route's operation name and the security requirement's scopes as
 * its authorization scopes. HTTP APIs do not validate requests: declared required parameters and
 * body schemas are reported in one warning.
 */
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { IConstruct } from 'constructs';
import { check, warn } from '../common/errors';
import { GatewayOpenApiDocument } from '../common/openapi-document';
import { addOperations, bindOperation, checkBindingKeys, warnIgnoredFeatures } from '../common/openapi-wiring';
import { parseRouteKey } from '../common/route-key';
import { HttpAuthorization } from './authorization';
import { HttpIntegration } from './integration';
import { HttpRouteOptions } from './props';

/** An HttpGateway made from an OpenAPI 3.0 or 3.1 document (contract first). */
export interface HttpOpenApiOptions {
  /** The document: one route is made for each of its operations. */
  readonly document: GatewayOpenApiDocument;
  /**
   * The integration of each operation, by operationId. A key that is no operationId of the
   * document is an error.
   * @default - every operation uses `defaultIntegration`
   */
  readonly integrations?: { [operationId: string]: HttpIntegration };
  /**
   * The integration of operations that `integrations` does not name. An operation with neither
   * is an error.
   * @default - none: every operation needs an entry in `integrations`
   */
  readonly defaultIntegration?: HttpIntegration;
  /**
   * The authorization of each security scheme of the document (`components.securitySchemes`),
   * by scheme name; operations take the one their `security` (or the document's) names, with its
   * scopes as the route's authorization scopes. The key `none` maps operations whose security is
   * empty (`security: []`): without it they take the gateway's `defaultAuthorization`, with a
   * warning. Operations that declare no security take the gateway's `defaultAuthorization`.
   * @default - no scheme is mapped: an operation whose security names a scheme is an error
   */
  readonly authorizations?: { [schemeName: string]: HttpAuthorization };
}

/** Makes the routes of the document with `addRoute` (the gateway's). */
export function importHttpOpenApi(gateway: IConstruct, options: HttpOpenApiOptions,
  addRoute: (routeKey: string, integration: HttpIntegration, options: HttpRouteOptions) => apigwv2.HttpRoute): void {
  const model = options.document._model(gateway, 'openApi.document');
  checkBindingKeys(gateway, model, options);
  warnIgnoredFeatures(gateway, model);
  const unvalidated = model.operations
    .filter(op => op.bodySchema !== undefined || op.parameters.some(p => p.in !== 'path' && p.required))
    .map(op => op.where);
  if (unvalidated.length > 0) {
    warn(gateway, 'openApiNotValidated', `HTTP APIs do not validate requests: the required parameters and request body schemas of ${unvalidated.join(', ')} `
      + 'are not enforced by the gateway (validate in the integration, or use a RestGateway, which validates them)');
  }
  addOperations(gateway, model, op => {
    let parseViolation: string | undefined;
    try {
      parseRouteKey(op.routeKey);
    } catch (e) {
      parseViolation = (e as Error).message;
    }
    check(gateway, `openApi ${op.where}`, op.routeKey, parseViolation === undefined ? undefined : `API Gateway cannot route this path: ${parseViolation}`);
    const bound = bindOperation(gateway, op, options);
    const route = addRoute(op.routeKey, bound.integration, {
      authorization: bound.authorization,
      authorizationScopes: bound.scopes.length > 0 ? bound.scopes : undefined,
    });
    if (op.operationId !== undefined) {
      (route.node.defaultChild as apigwv2.CfnRoute).operationName = op.operationId;
    }
  });
}
