import { createHash } from 'crypto';
import { Duration, Names } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { check } from '../common/errors';
import { addSourceAccount } from '../common/lambda-permissions';
import { authorizerTtlViolation } from '../common/rules';
import { checkRestFactoryInput } from './input';
import { GatewayValidationError } from '../common/errors';

/** How a REST route is authorized. */
export enum RestAuthorizationKind {
  /** No authorization: anyone may call the route. */
  NONE = 'NONE',
  /** AWS IAM (SigV4-signed requests). */
  IAM = 'AWS_IAM',
  /** Amazon Cognito user pools. */
  COGNITO = 'COGNITO_USER_POOLS',
  /** A Lambda authorizer reading one token. */
  LAMBDA_TOKEN = 'LAMBDA_TOKEN',
  /** A Lambda authorizer reading request parameters. */
  LAMBDA_REQUEST = 'LAMBDA_REQUEST',
}

/** Options of a Cognito user pool authorization. */
export interface RestCognitoAuthorizationOptions {
  /**
   * OAuth scopes the access token must carry (then send the access token, not the ID token).
   * @default - none: any valid ID token of the pools
   */
  readonly scopes?: string[];
  /**
   * Where the token is read. One source, not a list (`identitySources` elsewhere): a Cognito
   * authorizer reads the token from exactly one header.
   * @default 'method.request.header.Authorization'
   */
  readonly identitySource?: string;
}

/** Options of a Lambda TOKEN authorizer. */
export interface RestLambdaTokenAuthorizationOptions {
  /**
   * Where the token is read. One source, not a list (`identitySources` of REQUEST authorizers):
   * a TOKEN authorizer reads exactly one header.
   * @default 'method.request.header.Authorization'
   */
  readonly identitySource?: string;
  /**
   * A regular expression the token must match before the Lambda is called.
   * @default - none
   */
  readonly validationRegex?: string;
  /**
   * How long API Gateway caches the authorizer's policy: 0 to 3600 s.
   * @default Duration.minutes(5)
   */
  readonly resultsCacheTtl?: Duration;
}

/** Options of a Lambda REQUEST authorizer. */
export interface RestLambdaRequestAuthorizationOptions {
  /**
   * Request parameters the authorizer reads, e.g. `apigateway.IdentitySource.header('X-Tenant')`.
   * At least one is needed when results are cached: they form the cache key.
   * @default ['method.request.header.Authorization']
   */
  readonly identitySources?: string[];
  /**
   * How long API Gateway caches the authorizer's policy: 0 to 3600 s.
   * @default Duration.minutes(5)
   */
  readonly resultsCacheTtl?: Duration;
}

/** What a route's method gets from its authorization. */
export interface RestAuthorizationConfig {
  /** The method's authorization type. */
  readonly authorizationType: apigateway.AuthorizationType;
  /**
   * The authorizer.
   * @default - none
   */
  readonly authorizer?: apigateway.IAuthorizer;
  /**
   * OAuth scopes.
   * @default - none
   */
  readonly scopes?: string[];
  /**
   * Where the authorizer reads the caller's identity (`method.request.header.Authorization`,
   * `context.sourceIp`, ...): what a cache key needs so that two callers never share a cached
   * response. Empty for IAM, whose identity (a SigV4 signature) is not one request parameter.
   * @default - none: the route is public (NONE)
   */
  readonly identitySources?: string[];
}

/** The header Cognito and Lambda TOKEN authorizers read by default (aws-cdk-lib's default too). */
const DEFAULT_IDENTITY_SOURCE = 'method.request.header.Authorization';

/** Authorizers made on each gateway, by their settings (see RestAuthorization.configKey). */
const GATEWAY_AUTHORIZERS = new WeakMap<Construct, Map<string, apigateway.IAuthorizer>>();

/**
 * Authorization of a RestGateway route: `RestAuthorization.iam()` (the gateway default),
 * `.cognito(pools)`, `.lambdaToken(fn)`, `.lambdaRequest(fn, ...)` or `.none()`.
 * One authorizer is created per gateway for each distinct setting, however many routes and
 * RestAuthorization objects use it: `cognito(pools, { scopes: ['orders/read'] })` and
 * `cognito(pools, { scopes: ['orders/write'] })` share one authorizer, each route keeping its
 * scopes; two Lambda authorizations of one function with different identity sources, type or TTL
 * are two authorizers.
 */
export class RestAuthorization {
  /** No authorization. Must be chosen explicitly; fails cdk-nag AwsSolutions-APIG4. */
  public static none(): RestAuthorization {
    return new RestAuthorization(RestAuthorizationKind.NONE);
  }

  /** IAM authorization: callers sign requests with SigV4; grant them with `grantInvoke`. */
  public static iam(): RestAuthorization {
    return new RestAuthorization(RestAuthorizationKind.IAM);
  }

  /** Cognito user pools authorization. */
  public static cognito(userPools: cognito.IUserPool[], options: RestCognitoAuthorizationOptions = {}): RestAuthorization {
    checkRestFactoryInput('RestAuthorization.cognito', { userPools, options });
    // A pool listed twice becomes a duplicate ProviderARNs entry, which CloudFormation rejects.
    const repeated = userPools.find((pool, i) => userPools.indexOf(pool) !== i);
    if (repeated !== undefined) {
      throw GatewayValidationError.forFactory('RestAuthorization.cognito', 'userPools', repeated.node.path,
        'each user pool is listed once (an authorizer\'s provider ARNs must be unique)');
    }
    return new RestAuthorization(RestAuthorizationKind.COGNITO, userPools, undefined, options);
  }

  /** A Lambda TOKEN authorizer. */
  public static lambdaToken(handler: lambda.IFunction, options: RestLambdaTokenAuthorizationOptions = {}): RestAuthorization {
    checkRestFactoryInput('RestAuthorization.lambdaToken', { handler, options });
    return new RestAuthorization(RestAuthorizationKind.LAMBDA_TOKEN, undefined, handler, undefined, options);
  }

  /**
   * A Lambda REQUEST authorizer. Without options it reads the `Authorization` header and caches
   * results for 5 minutes.
   */
  public static lambdaRequest(handler: lambda.IFunction, options: RestLambdaRequestAuthorizationOptions = {}): RestAuthorization {
    checkRestFactoryInput('RestAuthorization.lambdaRequest', { handler, options });
    return new RestAuthorization(RestAuthorizationKind.LAMBDA_REQUEST, undefined, handler, undefined, undefined, options);
  }

  private readonly authorizers = new Map<Construct, apigateway.IAuthorizer>();

  private constructor(
    /** The kind of authorization. */
    public readonly kind: RestAuthorizationKind,
    private readonly userPools?: cognito.IUserPool[],
    private readonly handler?: lambda.IFunction,
    private readonly cognitoOptions?: RestCognitoAuthorizationOptions,
    private readonly tokenOptions?: RestLambdaTokenAuthorizationOptions,
    private readonly requestOptions?: RestLambdaRequestAuthorizationOptions,
  ) {}

  /**
   * Builds (once per gateway) what a method needs.
   * @internal
   */
  public _bind(gateway: Construct, authorizerScope: Construct): RestAuthorizationConfig {
    switch (this.kind) {
      case RestAuthorizationKind.NONE:
        return { authorizationType: apigateway.AuthorizationType.NONE };
      case RestAuthorizationKind.IAM:
        return { authorizationType: apigateway.AuthorizationType.IAM, identitySources: this._identitySources() };
      case RestAuthorizationKind.COGNITO:
        return {
          authorizationType: apigateway.AuthorizationType.COGNITO,
          authorizer: this.authorizerFor(gateway, authorizerScope),
          scopes: this.cognitoOptions?.scopes,
          identitySources: this._identitySources(),
        };
      default:
        return {
          authorizationType: apigateway.AuthorizationType.CUSTOM,
          authorizer: this.authorizerFor(gateway, authorizerScope),
          identitySources: this._identitySources(),
        };
    }
  }

  /**
   * Where the caller's identity is read (see RestAuthorizationConfig.identitySources), without
   * creating an authorizer. Undefined for NONE, empty for IAM.
   * @internal
   */
  public _identitySources(): string[] | undefined {
    switch (this.kind) {
      case RestAuthorizationKind.NONE:
        return undefined;
      case RestAuthorizationKind.IAM:
        return [];
      case RestAuthorizationKind.COGNITO:
        return [this.cognitoOptions?.identitySource ?? DEFAULT_IDENTITY_SOURCE];
      case RestAuthorizationKind.LAMBDA_TOKEN:
        return [this.tokenOptions?.identitySource ?? DEFAULT_IDENTITY_SOURCE];
      default:
        return [...this.requestIdentitySources()];
    }
  }

  /** A REQUEST authorizer's identity sources (the Authorization header unless given). */
  private requestIdentitySources(): string[] {
    return this.requestOptions?.identitySources ?? [DEFAULT_IDENTITY_SOURCE];
  }

  /** @internal true when this authorization has created an authorizer for the gateway. */
  public _hasAuthorizerFor(gateway: Construct): boolean {
    return this.authorizers.has(gateway);
  }

  private authorizerFor(gateway: Construct, scope: Construct): apigateway.IAuthorizer {
    const existing = this.authorizers.get(gateway);
    if (existing) return existing;
    // Another RestAuthorization object with the same authorizer settings (pools or function, type,
    // identity source, TTL) shares its authorizer: OAuth scopes are a property of each method
    // (AuthorizationScopes), not of the authorizer, so routes with different scopes share one
    // Cognito authorizer. A different identity source, type or TTL is a different authorizer.
    let byConfig = GATEWAY_AUTHORIZERS.get(gateway);
    if (!byConfig) {
      byConfig = new Map();
      GATEWAY_AUTHORIZERS.set(gateway, byConfig);
    }
    const key = this.configKey();
    let authorizer = byConfig.get(key);
    if (!authorizer) {
      authorizer = this.newAuthorizer(scope, this.uniqueAuthorizerId(scope, key));
      byConfig.set(key, authorizer);
    }
    this.authorizers.set(gateway, authorizer);
    return authorizer;
  }

  /** What makes two authorizers different: everything the AWS::ApiGateway::Authorizer carries. */
  private configKey(): string {
    const ttl = (d: Duration | undefined) => String((d ?? Duration.minutes(5)).toSeconds({ integral: false }));
    switch (this.kind) {
      case RestAuthorizationKind.COGNITO:
        return JSON.stringify([this.authorizerId(), this.cognitoOptions?.identitySource ?? DEFAULT_IDENTITY_SOURCE]);
      case RestAuthorizationKind.LAMBDA_TOKEN:
        return JSON.stringify([this.authorizerId(), this.tokenOptions?.identitySource ?? DEFAULT_IDENTITY_SOURCE,
          this.tokenOptions?.validationRegex ?? '', ttl(this.tokenOptions?.resultsCacheTtl)]);
      default:
        return JSON.stringify([this.authorizerId(), this.requestIdentitySources(), ttl(this.requestOptions?.resultsCacheTtl)]);
    }
  }

  /**
   * The first authorizer of a function or pools keeps the construct id it always had (so its
   * logical ID is stable); another one with different settings gets a suffix derived from them.
   */
  private uniqueAuthorizerId(scope: Construct, key: string): string {
    const id = this.authorizerId();
    if (!scope.node.tryFindChild(id)) return id;
    return `${id}-${createHash('sha256').update(key).digest('hex').slice(0, 8).toUpperCase()}`;
  }

  private authorizerId(): string {
    if (this.kind === RestAuthorizationKind.COGNITO) {
      return `Cognito-${(this.userPools ?? []).map(p => Names.nodeUniqueId(p.node)).join('-')}`;
    }
    return `${this.kind === RestAuthorizationKind.LAMBDA_TOKEN ? 'Token' : 'Request'}-${Names.nodeUniqueId(this.handler!.node)}`;
  }

  private newAuthorizer(scope: Construct, id: string): apigateway.IAuthorizer {
    if (this.kind === RestAuthorizationKind.COGNITO) {
      const pools = this.userPools ?? [];
      check(scope, 'RestAuthorization.cognito userPools', '[]', pools.length === 0 ? 'give at least one user pool' : undefined);
      return new apigateway.CognitoUserPoolsAuthorizer(scope, id, {
        cognitoUserPools: pools,
        identitySource: this.cognitoOptions?.identitySource,
      });
    }
    const handler = this.handler!;
    let authorizer: apigateway.TokenAuthorizer | apigateway.RequestAuthorizer;
    if (this.kind === RestAuthorizationKind.LAMBDA_TOKEN) {
      const ttl = this.tokenOptions?.resultsCacheTtl ?? Duration.minutes(5);
      check(scope, 'RestAuthorization.lambdaToken resultsCacheTtl', `${ttl.toSeconds({ integral: false })} s`, authorizerTtlViolation(ttl.toSeconds({ integral: false })));
      authorizer = new apigateway.TokenAuthorizer(scope, id, {
        handler,
        identitySource: this.tokenOptions?.identitySource,
        validationRegex: this.tokenOptions?.validationRegex,
        resultsCacheTtl: ttl,
      });
    } else {
      const opts = this.requestOptions!;
      const ttl = opts.resultsCacheTtl ?? Duration.minutes(5);
      check(scope, 'RestAuthorization.lambdaRequest resultsCacheTtl', `${ttl.toSeconds({ integral: false })} s`, authorizerTtlViolation(ttl.toSeconds({ integral: false })));
      const identitySources = this.requestIdentitySources();
      check(scope, 'RestAuthorization.lambdaRequest identitySources', identitySources,
        ttl.toSeconds({ integral: false }) > 0 && identitySources.length === 0
          ? 'a REQUEST authorizer with a results cache needs at least one identity source (the cache key)' : undefined);
      authorizer = new apigateway.RequestAuthorizer(scope, id, {
        handler,
        identitySources,
        resultsCacheTtl: ttl,
      });
    }
    // aws-cdk-lib grants the authorizer's invoke permission without SourceAccount; add it
    // (Control Tower CT.LAMBDA.PR.2).
    const permission = handler.node.tryFindChild(`${Names.uniqueId(authorizer)}:Permissions`);
    if (permission instanceof lambda.CfnPermission) {
      addSourceAccount(permission, authorizer);
    }
    return authorizer;
  }
}
