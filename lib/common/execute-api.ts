/**
 * execute-api ARNs and the grants built on them, for every API kind: the resource name is
 * `STAGE/METHOD/PATH` for REST and HTTP APIs, `STAGE/ROUTE_KEY` for WebSocket APIs.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { parseRouteKeyFor } from './route-key';

/** `arn:PARTITION:execute-api:REGION:ACCOUNT:API_ID/RESOURCE_NAME` in the stack of `scope`. */
export function executeApiArn(scope: IConstruct, apiId: string, resourceName: string): string {
  return Stack.of(scope).formatArn({
    service: 'execute-api',
    resource: apiId,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    resourceName,
  });
}

/** Grants one execute-api action (`execute-api:Invoke`, `execute-api:ManageConnections`) on one ARN. */
export function grantExecuteApi(grantee: iam.IGrantable, action: string, resourceArn: string): iam.Grant {
  return iam.Grant.addToPrincipal({ grantee, actions: [action], resourceArns: [resourceArn] });
}

/** A gateway whose routes are `METHOD /path` (REST, HTTP). */
export interface MethodArnSource extends IConstruct {
  /** The execute-api ARN of a method, path and stage. */
  arnForExecuteApi(method?: string, path?: string, stageName?: string): string;
}

/** What `grantInvoke` is limited to (GatewayGrantInvokeOptions). */
export interface RouteGrantOptions {
  readonly routeKey?: string;
  readonly stageName?: string;
}

/**
 * Grants `execute-api:Invoke` on one route (or every route) of one stage (or every stage): `ANY`
 * and each path parameter become `*`. `literalRouteKeys` (HTTP's `$default`) stand for themselves
 * in the ARN.
 */
export function grantInvokeRoute(gateway: MethodArnSource, grantee: iam.IGrantable, options: RouteGrantOptions,
  literalRouteKeys: string[] = []): iam.Grant {
  let method = '*';
  let path = '/*';
  if (options.routeKey !== undefined && literalRouteKeys.includes(options.routeKey)) {
    method = options.routeKey;
  } else if (options.routeKey !== undefined) {
    const parsed = parseRouteKeyFor(gateway, 'grantInvoke routeKey', options.routeKey);
    method = parsed.method === 'ANY' ? '*' : parsed.method;
    path = parsed.path.replace(/\{[^}]+\}/g, '*');
  }
  return grantExecuteApi(grantee, 'execute-api:Invoke', gateway.arnForExecuteApi(method, path, options.stageName ?? '*'));
}
