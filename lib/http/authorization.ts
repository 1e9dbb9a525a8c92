import { Duration, Names, Stack, Token } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { check } from '../common/errors';
import { executeApiArn } from '../common/execute-api';
import { lambdaInvocationUri } from '../common/lambda-invocation';
import { newInvokePermission } from '../common/lambda-permissions';
import { authorizerTtlViolation, countViolation } from '../common/rules';
import { checkHttpFactoryInput } from './input';

/** JWT audiences per authorizer (rule 16). */
export const MAX_JWT_AUDIENCES = 50;
/** Authorization scopes per route (rule 16). */
export const MAX_HTTP_ROUTE_SCOPES = 10;

/** How an HTTP API route is authorized. */
export enum HttpAuthorizationKind {
  /** No authorization: anyone may call the route. */
  NONE = 'NONE',
  /** AWS IAM (SigV4-signed requests). */
  IAM = 'AWS_IAM',
  /** A JWT authorizer (any OpenID Connect issuer, or a Cognito user pool). */
  JWT = 'JWT',
  /** A Lambda REQUEST authorizer (HTTP APIs have no TOKEN authorizers: a request-type one reads any headers). */
  LAMBDA_REQUEST = 'CUSTOM',
}

/** Options of a JWT or Cognito authorization. */
export interface HttpJwtAuthorizationOptions {
  /**
   * OAuth scopes the access token must carry, for every route using this authorization
   * (a route's `authorizationScopes` replaces them). At most 10.
   * @default - no scopes: any valid token of the issuer and audiences
   */
  readonly scopes?: string[];
  /**
   * Where the token is read (a list, like every identity source list of this library).
   * @default ['$request.header.Authorization']
   */
  readonly identitySources?: string[];
}

/** Options of a Lambda authorizer. */
export interface HttpLambdaAuthorizationOptions {
  /**
   * Request values the authorizer reads, e.g. `$request.header.Authorization`. They also form
   * the results-cache key, so at least one is required while results are cached.
   * @default ['$request.header.Authorization']
   */
  readonly identitySources?: string[];
  /**
   * How long API Gateway caches the authorizer's answer: 0 to 3600 s; 0 turns caching off.
   * @default Duration.minutes(5)
   */
  readonly resultsCacheTtl?: Duration;
  /**
   * Whether the authorizer answers with the simple `{ isAuthorized: boolean }` format
   * (payload 2.0) rather than an IAM policy.
   * @default true
   */
  readonly simpleResponses?: boolean;
}

/** What a route gets from its authorization. */
export interface HttpAuthorizationConfig {
  /** The aws-cdk-lib route authorizer. */
  readonly authorizer: apigwv2.IHttpRouteAuthorizer;
  /** The kind of authorization. */
  readonly kind: HttpAuthorizationKind;
  /**
   * The created authorizer resource (JWT and Lambda only).
   * @default - none
   */
  readonly authorizerResource?: apigwv2.HttpAuthorizer;
  /**
   * Default OAuth scopes (JWT only).
   * @default - none
   */
  readonly scopes?: string[];
}

/**
 * Authorization of an HttpGateway route: `HttpAuthorization.iam()` (the gateway default),
 * `.jwt(issuer, audiences)`, `.cognito(userPool, clients)`, `.lambdaRequest(fn)` or `.none()`.
 * One authorizer is created per gateway however many routes share the same object.
 */
export class HttpAuthorization {
  /** No authorization. Must be chosen explicitly; fails cdk-nag AwsSolutions-APIG4 and Control Tower CT.APIGATEWAY.PR.5. */
  public static none(): HttpAuthorization {
    return new HttpAuthorization(HttpAuthorizationKind.NONE);
  }

  /** IAM authorization: callers sign requests with SigV4; grant them with `grantInvoke`. */
  public static iam(): HttpAuthorization {
    return new HttpAuthorization(HttpAuthorizationKind.IAM);
  }

  /**
   * A JWT authorizer for any OpenID Connect issuer.
   * @param issuer the issuer URL, e.g. `https://example.auth0.com/`
   * @param audiences accepted `aud` (or `client_id`) values; 1 to 50
   */
  public static jwt(issuer: string, audiences: string[], options: HttpJwtAuthorizationOptions = {}): HttpAuthorization {
    checkHttpFactoryInput('HttpAuthorization.jwt', { issuer, audiences, options });
    return new HttpAuthorization(HttpAuthorizationKind.JWT, { issuer, audiences, jwtOptions: options });
  }

  /**
   * A JWT authorizer for a Cognito user pool: the issuer is the pool, the audiences its app clients.
   * @param userPool the user pool issuing the tokens
   * @param clients the app clients whose tokens are accepted; 1 to 50
   */
  public static cognito(userPool: cognito.IUserPool, clients: cognito.IUserPoolClient[],
    options: HttpJwtAuthorizationOptions = {}): HttpAuthorization {
    checkHttpFactoryInput('HttpAuthorization.cognito', { userPool, clients, options });
    return new HttpAuthorization(HttpAuthorizationKind.JWT, { userPool, clients, jwtOptions: options });
  }

  /**
   * A Lambda REQUEST authorizer. Options are optional: by default it reads
   * `$request.header.Authorization`, answers with simple responses and its results are cached 5 minutes.
   */
  public static lambdaRequest(handler: lambda.IFunction, options: HttpLambdaAuthorizationOptions = {}): HttpAuthorization {
    checkHttpFactoryInput('HttpAuthorization.lambdaRequest', { handler, options });
    return new HttpAuthorization(HttpAuthorizationKind.LAMBDA_REQUEST, { handler, lambdaOptions: options });
  }

  private readonly bound = new Map<Construct, HttpAuthorizationConfig>();

  private constructor(
    /** The kind of authorization. */
    public readonly kind: HttpAuthorizationKind,
    private readonly settings: AuthorizationSettings = {},
  ) {}

  /**
   * Builds (once per gateway) what a route needs.
   * @internal
   */
  public _bind(gateway: Construct, httpApi: apigwv2.IHttpApi, authorizerScope: () => Construct): HttpAuthorizationConfig {
    const existing = this.bound.get(gateway);
    if (existing) return existing;
    const config = this.build(gateway, httpApi, authorizerScope);
    this.bound.set(gateway, config);
    return config;
  }

  private build(gateway: Construct, httpApi: apigwv2.IHttpApi, authorizerScope: () => Construct): HttpAuthorizationConfig {
    switch (this.kind) {
      case HttpAuthorizationKind.NONE:
        return { kind: this.kind, authorizer: new apigwv2.HttpNoneAuthorizer() };
      case HttpAuthorizationKind.IAM:
        return { kind: this.kind, authorizer: new FixedAuthorizer('AWS_IAM') };
      case HttpAuthorizationKind.JWT:
        return this.buildJwt(gateway, httpApi, authorizerScope());
      default:
        return this.buildLambda(gateway, httpApi, authorizerScope());
    }
  }

  private buildJwt(gateway: Construct, httpApi: apigwv2.IHttpApi, scope: Construct): HttpAuthorizationConfig {
    const s = this.settings;
    const options = s.jwtOptions ?? {};
    let issuer: string;
    let audiences: string[];
    let id: string;
    if (s.userPool) {
      const pool = s.userPool;
      issuer = `https://cognito-idp.${Stack.of(pool).region}.amazonaws.com/${pool.userPoolId}`;
      audiences = (s.clients ?? []).map(c => c.userPoolClientId);
      id = `Cognito-${Names.nodeUniqueId(pool.node)}`;
      check(gateway, 'HttpAuthorization.cognito clients', '[]', audiences.length === 0 ? 'give at least one app client' : undefined);
    } else {
      issuer = s.issuer!;
      audiences = s.audiences ?? [];
      id = 'Jwt';
      check(gateway, 'HttpAuthorization.jwt issuer', issuer,
        Token.isUnresolved(issuer) || /^https:\/\/\S+$/.test(issuer) ? undefined : 'a JWT issuer is an https:// URL');
      check(gateway, 'HttpAuthorization.jwt audiences', '[]', audiences.length === 0 ? 'give at least one audience' : undefined);
    }
    check(gateway, 'HttpAuthorization audiences', `${audiences.length} audiences`,
      countViolation(audiences.length, MAX_JWT_AUDIENCES, 'audiences per JWT authorizer'));
    if (options.scopes) {
      check(gateway, 'HttpAuthorization scopes', `${options.scopes.length} scopes`,
        countViolation(options.scopes.length, MAX_HTTP_ROUTE_SCOPES, 'authorization scopes per route'));
    }
    const resource = new apigwv2.HttpAuthorizer(scope, uniqueChildId(scope, id), {
      httpApi,
      type: apigwv2.HttpAuthorizerType.JWT,
      identitySource: options.identitySources ?? ['$request.header.Authorization'],
      jwtIssuer: issuer,
      jwtAudience: audiences,
    });
    return {
      kind: this.kind,
      authorizer: new FixedAuthorizer('JWT', resource.authorizerId),
      authorizerResource: resource,
      scopes: options.scopes,
    };
  }

  private buildLambda(gateway: Construct, httpApi: apigwv2.IHttpApi, scope: Construct): HttpAuthorizationConfig {
    const handler = this.settings.handler!;
    const options = this.settings.lambdaOptions ?? {};
    const ttl = options.resultsCacheTtl ?? Duration.minutes(5);
    const identitySources = options.identitySources ?? ['$request.header.Authorization'];
    const simple = options.simpleResponses ?? true;
    check(gateway, 'HttpAuthorization.lambdaRequest resultsCacheTtl', `${ttl.toSeconds({ integral: false })} s`, authorizerTtlViolation(ttl.toSeconds({ integral: false })));
    check(gateway, 'HttpAuthorization.lambdaRequest identitySources', identitySources,
      ttl.toSeconds({ integral: false }) > 0 && identitySources.length === 0
        ? 'a Lambda authorizer with a results cache needs at least one identity source (the cache key)' : undefined);
    const resource = new apigwv2.HttpAuthorizer(scope, uniqueChildId(scope, `Lambda-${Names.nodeUniqueId(handler.node)}`), {
      httpApi,
      type: apigwv2.HttpAuthorizerType.LAMBDA,
      identitySource: identitySources,
      authorizerUri: lambdaInvocationUri(scope, handler.functionArn),
      enableSimpleResponses: simple ? true : undefined,
      payloadFormatVersion: simple ? apigwv2.AuthorizerPayloadVersion.VERSION_2_0 : apigwv2.AuthorizerPayloadVersion.VERSION_1_0,
      resultsCacheTtl: ttl,
    });
    // Our own permission rather than HttpLambdaAuthorizer's: it carries SourceAccount
    // (Control Tower CT.LAMBDA.PR.2) and is scoped to this one authorizer.
    newInvokePermission(scope, `${resource.node.id}-Permission`, handler.functionArn,
      executeApiArn(scope, httpApi.apiId, `authorizers/${resource.authorizerId}`));
    return {
      kind: this.kind,
      authorizer: new FixedAuthorizer('CUSTOM', resource.authorizerId),
      authorizerResource: resource,
    };
  }
}

interface AuthorizationSettings {
  readonly issuer?: string;
  readonly audiences?: string[];
  readonly userPool?: cognito.IUserPool;
  readonly clients?: cognito.IUserPoolClient[];
  readonly jwtOptions?: HttpJwtAuthorizationOptions;
  readonly handler?: lambda.IFunction;
  readonly lambdaOptions?: HttpLambdaAuthorizationOptions;
}

/** A route authorizer whose resource the gateway already made. */
class FixedAuthorizer implements apigwv2.IHttpRouteAuthorizer {
  constructor(private readonly authorizationType: string, private readonly authorizerId?: string) {}

  public bind(_options: apigwv2.HttpRouteAuthorizerBindOptions): apigwv2.HttpRouteAuthorizerConfig {
    return { authorizationType: this.authorizationType, authorizerId: this.authorizerId };
  }
}

function uniqueChildId(scope: Construct, id: string): string {
  let candidate = id;
  for (let i = 2; scope.node.tryFindChild(candidate); i++) {
    candidate = `${id}-${i}`;
  }
  return candidate;
}
