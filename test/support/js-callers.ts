/**
 * Helpers for tests that call the library as JavaScript, Python or Java callers do (jsii): the
 * TypeScript types do not protect them, so every bad value must end in a GatewayValidationError.
 */
import { GatewayValidationError } from '../../lib';

/** A value as a JavaScript caller would pass it: TypeScript's types do not apply. */
export function js<T>(value: unknown): T {
  return value as T;
}

/** Runs `fn`, which must throw, and returns what it threw. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

/** Asserts that `fn` throws a GatewayValidationError (never a TypeError) whose message matches. */
export function expectGatewayError(fn: () => unknown, message: RegExp): void {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(GatewayValidationError);
  expect(error).not.toBeInstanceOf(TypeError);
  expect((error as GatewayValidationError).message).toMatch(message);
}
