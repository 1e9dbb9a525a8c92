import { Duration } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { check } from './errors';
import { corsCredentialsViolation } from './rules';

/**
 * Cross-origin resource sharing, the same shape on every gateway.
 */
export interface GatewayCorsOptions {
  /** Origins allowed to call the API, for example `['https://app.example.com']`. `['*']` allows any. */
  readonly allowOrigins: string[];
  /**
   * Methods allowed in a cross-origin request.
   * @default - GET, POST, PUT, PATCH, DELETE, HEAD
   */
  readonly allowMethods?: string[];
  /**
   * Request headers allowed in a cross-origin request.
   * @default - Content-Type, Authorization, X-Amz-Date, X-Api-Key, X-Amz-Security-Token
   */
  readonly allowHeaders?: string[];
  /**
   * Response headers a browser may read.
   * @default - none
   */
  readonly exposeHeaders?: string[];
  /**
   * Whether credentials (cookies, authorization headers) may be sent. Not allowed with origin `*`.
   * @default false
   */
  readonly allowCredentials?: boolean;
  /**
   * How long a browser may cache the preflight response.
   * @default Duration.minutes(10)
   */
  readonly maxAge?: Duration;
}

/** Methods allowed by default. */
export const DEFAULT_CORS_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];
/** Headers allowed by default. */
export const DEFAULT_CORS_HEADERS = ['Content-Type', 'Authorization', 'X-Amz-Date', 'X-Api-Key', 'X-Amz-Security-Token'];

/** Validates CORS options (rule 20). */
export function validateCors(scope: IConstruct, prop: string, cors: GatewayCorsOptions | undefined): void {
  if (!cors) return;
  check(scope, `${prop}.allowOrigins`, cors.allowOrigins,
    cors.allowOrigins.length === 0 ? 'list at least one origin' : undefined);
  check(scope, `${prop}.allowCredentials`, cors.allowCredentials,
    corsCredentialsViolation(cors.allowOrigins, cors.allowCredentials ?? false));
}
