/**
 * What `grantInvoke` is limited to, on every gateway. REST and HTTP route keys are
 * `METHOD /path` (`ANY` and each path parameter become `*` in the ARN; HTTP also takes
 * `$default`); WebSocket grants are on `$connect`, the only route API Gateway authorizes.
 */
export interface GatewayGrantInvokeOptions {
  /**
   * Only this route, e.g. `GET /orders/{id}` (WebSocket: `$connect`).
   * @default - every route (WebSocket: `$connect`)
   */
  readonly routeKey?: string;
  /**
   * Only this stage.
   * @default - every stage
   */
  readonly stageName?: string;
}
