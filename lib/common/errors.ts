import { Annotations, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Renders a user-supplied value for an error message: strings quoted, tokens named as such,
 * objects as compact JSON.
 */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') {
    return Token.isUnresolved(value) ? '<token>' : JSON.stringify(value);
  }
  if (typeof value === 'number') {
    return Token.isUnresolved(value) ? '<token>' : String(value);
  }
  if (value === undefined) {
    return 'undefined';
  }
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * The hidden base of GatewayValidationError. jsii cannot model the built-in `Error` as a base
 * class of an exported type (JSII3004), so this class has no `extends` clause for jsii to see;
 * its prototype is linked to `Error.prototype` below, so instances are `instanceof Error` and
 * carry a message, a name and a stack like any error.
 */
class ErrorBase {
  /** The error's name. */
  public readonly name: string;
  /** The error's message. */
  public readonly message: string;
  /** The call stack where the error was made. */
  public readonly stack?: string;

  constructor(name: string, message: string) {
    this.name = name;
    this.message = message;
    Error.captureStackTrace(this, new.target);
  }
}
Object.setPrototypeOf(ErrorBase.prototype, Error.prototype);

/**
 * The error every synth-time rule of this library throws. The message names the construct path,
 * the prop, the offending value and the rule, so that it can be fixed without reading our code.
 * It is an `Error` (`instanceof Error` and `instanceof GatewayValidationError` both hold).
 */
export class GatewayValidationError extends ErrorBase {
  /**
   * The error of a static factory (`RestIntegration.lambdaFunction(...)`), which runs before any
   * construct exists: the factory's name stands in for the construct path.
   * @param factory the factory, e.g. `RestIntegration.lambdaFunction`
   * @param prop the argument or option, e.g. `handler` or `options.timeout`
   * @param value the value given
   * @param rule the rule the value breaks
   */
  public static forFactory(factory: string, prop: string, value: unknown, rule: string): GatewayValidationError {
    return new GatewayValidationError({ node: { path: factory } } as unknown as IConstruct, prop, value, rule);
  }

  /** The path of the construct whose input broke the rule (or the static factory's name). */
  public readonly constructPath: string;
  /** The prop (or argument) that broke the rule. */
  public readonly prop: string;

  constructor(scope: IConstruct, prop: string, value: unknown, rule: string) {
    super('GatewayValidationError', `${scope.node.path}: ${prop} = ${formatValue(value)} is invalid: ${rule}`);
    this.constructPath = scope.node.path;
    this.prop = prop;
  }
}

/**
 * Throws a GatewayValidationError when `violation` is defined. Rules are pure functions that
 * return the violated rule's text (or undefined); this wires them to a construct.
 */
export function check(scope: IConstruct, prop: string, value: unknown, violation: string | undefined): void {
  if (violation !== undefined) {
    throw new GatewayValidationError(scope, prop, value, violation);
  }
}

/**
 * Adds an acknowledgeable warning (id prefixed with `cdk-api-gateways:`).
 *
 * Many of the library's warnings are added while the app synthesizes (by aspects and
 * validations), after the user's `Annotations.of(gateway).acknowledgeWarning(id)`. aws-cdk-lib
 * 2.257 honours such an earlier acknowledgement only when it was made on an ancestor of the
 * warning's construct, not on the construct itself (`Acknowledgements.has` searches the parents'
 * paths only), so a gateway's own acknowledgement would not silence its synth-time warnings. The
 * acknowledgement registry aws-cdk-lib keeps on the app is therefore also read for the construct's
 * own path.
 */
export function warn(scope: IConstruct, id: string, message: string): void {
  const fullId = `cdk-api-gateways:${id}`;
  if (acknowledgedOnItself(scope, fullId)) return;
  Annotations.of(scope).addWarningV2(fullId, message);
}

/** aws-cdk-lib's acknowledgement registry, kept on the app under this global symbol. */
const ACKNOWLEDGEMENTS = Symbol.for('@aws-cdk/core.Acknowledgements');

/** Whether `Annotations.of(scope).acknowledgeWarning(id)` was called on the construct itself. */
function acknowledgedOnItself(scope: IConstruct, id: string): boolean {
  const registry = (scope.node.root as unknown as { [key: symbol]: unknown })[ACKNOWLEDGEMENTS] as { acks?: unknown } | undefined;
  const acks = registry?.acks;
  if (!(acks instanceof Map)) return false;
  const ids = acks.get(scope.node.path.replace(/^\//, ''));
  return ids instanceof Set && ids.has(id);
}
