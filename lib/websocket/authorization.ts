import { Names } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { check } from '../common/errors';
import { awsApigatewayv2Authorizers } from '../common/lazy';
import { checkWebSocketFactoryInput } from './input';
import { webSocketIdentitySourceViolation } from './route-key';

/** The identity source of a Lambda REQUEST authorizer when none is given (aws-cdk-lib's default). */
const DEFAULT_IDENTITY_SOURCE = 'route.request.header.Authorization';

/** How a WebSocket connection is authorized. */
export enum WebSocketAuthorizationKind {
  /** No authorization: anyone may connect. */
  NONE = 'NONE',
  /** AWS IAM: the connection request is SigV4-signed. */
  IAM = 'AWS_IAM',
  /** A Lambda REQUEST authorizer. */
  LAMBDA_REQUEST = 'CUSTOM',
}

/** Options of a Lambda REQUEST authorizer on `$connect`. */
export interface WebSocketLambdaRequestAuthorizationOptions {
  /**
   * Where the credentials are read, at least one: `route.request.header.NAME`,
   * `route.request.querystring.NAME` (browsers cannot set headers on a WebSocket), `stageVariables.NAME`
   * or `context.NAME`. A connection request missing one is refused with 401 without calling the Lambda.
   * @default ['route.request.header.Authorization'] - aws-cdk-lib's default; browsers cannot set it, so
   * browser clients need a query string source
   */
  readonly identitySources?: string[];
  /**
   * The authorizer's name.
   * @default - derived from the construct path
   */
  readonly authorizerName?: string;
}

/**
 * Authorization of a WebSocketGateway connection. API Gateway authorizes WebSocket APIs only when
 * the connection is made, on the `$connect` route: `WebSocketAuthorization.iam()` (the default),
 * `.lambdaRequest(fn, { identitySources })` or `.none()`.
 */
export class WebSocketAuthorization {
  /** No authorization. Must be chosen explicitly; fails cdk-nag AwsSolutions-APIG4. */
  public static none(): WebSocketAuthorization {
    return new WebSocketAuthorization(WebSocketAuthorizationKind.NONE);
  }

  /** IAM authorization: clients sign the connection request with SigV4; grant them with `grantInvoke`. */
  public static iam(): WebSocketAuthorization {
    return new WebSocketAuthorization(WebSocketAuthorizationKind.IAM);
  }

  /**
   * A Lambda REQUEST authorizer reading the given identity sources (by default the
   * `Authorization` header of the connection request).
   */
  public static lambdaRequest(handler: lambda.IFunction, options: WebSocketLambdaRequestAuthorizationOptions = {}): WebSocketAuthorization {
    checkWebSocketFactoryInput('WebSocketAuthorization.lambdaRequest', { handler, options });
    return new WebSocketAuthorization(WebSocketAuthorizationKind.LAMBDA_REQUEST, handler, options);
  }

  private constructor(
    /** The kind of authorization. */
    public readonly kind: WebSocketAuthorizationKind,
    private readonly handler?: lambda.IFunction,
    private readonly requestOptions?: WebSocketLambdaRequestAuthorizationOptions,
  ) {}

  /**
   * Validates the options and makes the aws-cdk-lib authorizer for one `$connect` route.
   * @internal
   */
  public _bind(scope: IConstruct, prop: string): apigwv2.IWebSocketRouteAuthorizer | undefined {
    switch (this.kind) {
      case WebSocketAuthorizationKind.NONE:
        return undefined;
      case WebSocketAuthorizationKind.IAM: {
        const { WebSocketIamAuthorizer } = awsApigatewayv2Authorizers();
        return new WebSocketIamAuthorizer();
      }
      default: {
        const handler = this.handler!;
        const sources = this.requestOptions?.identitySources ?? [DEFAULT_IDENTITY_SOURCE];
        check(scope, `${prop}.identitySources`, sources, sources.length === 0
          ? 'a WebSocket REQUEST authorizer needs at least one identity source (requests without it are refused before the Lambda runs)'
          : undefined);
        sources.forEach((s, i) => check(scope, `${prop}.identitySources[${i}]`, s, webSocketIdentitySourceViolation(s)));
        const { WebSocketLambdaAuthorizer } = awsApigatewayv2Authorizers();
        return new WebSocketLambdaAuthorizer(`Authorizer-${Names.nodeUniqueId(handler.node)}`, handler, {
          identitySource: sources,
          authorizerName: this.requestOptions?.authorizerName,
        });
      }
    }
  }
}
