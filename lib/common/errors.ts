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
 * The error every synth-time rule of this library throws. The message names the construct path,
 * the prop, the offending value and the rule, so that it can be fixed without reading our code.
 */
export class GatewayValidationError extends Error {
  public readonly constructPath: string;
  public readonly prop: string;

  constructor(scope: IConstruct, prop: string, value: unknown, rule: string) {
    super(`${scope.node.path}: ${prop} = ${formatValue(value)} is invalid: ${rule}`);
    this.name = 'GatewayValidationError';
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
 */
export function warn(scope: IConstruct, id: string, message: string): void {
  Annotations.of(scope).addWarningV2(`cdk-api-gateways:${id}`, message);
}
