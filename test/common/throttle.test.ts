import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { DEFAULT_STAGE_THROTTLE, validateThrottle } from '../../lib/common/throttle';

function scope(): { stack: Stack; api: Construct } {
  const stack = new Stack(new App(), 'Stack');
  return { stack, api: new Construct(stack, 'Api') };
}

describe('DEFAULT_STAGE_THROTTLE', () => {
  test('is the account default, 10,000 rps and burst 5,000', () => {
    expect(DEFAULT_STAGE_THROTTLE).toEqual({ rateLimit: 10000, burstLimit: 5000 });
  });
});

describe('validateThrottle', () => {
  test('accepts values within the account defaults without warnings', () => {
    // GIVEN
    const { stack, api } = scope();

    // WHEN
    validateThrottle(api, 'stages[0].throttle', { rateLimit: 123.5, burstLimit: 77 });

    // THEN
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toHaveLength(0);
  });

  test('accepts an undefined throttle', () => {
    // GIVEN
    const { stack, api } = scope();

    // WHEN
    validateThrottle(api, 'stages[0].throttle', undefined);

    // THEN
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toHaveLength(0);
  });

  test.each([
    [{ rateLimit: -1 }, /Stack\/Api: stages\[2\]\.throttle\.rateLimit = -1 is invalid: .*non-negative number/],
    [{ rateLimit: Number.NaN }, /throttle\.rateLimit = NaN is invalid/],
    [{ burstLimit: 2.5 }, /Stack\/Api: stages\[2\]\.throttle\.burstLimit = 2\.5 is invalid: .*whole number/],
    [{ burstLimit: -3 }, /throttle\.burstLimit = -3 is invalid/],
  ])('rejects %j', (throttle, message) => {
    // GIVEN
    const { api } = scope();

    // THEN
    expect(() => validateThrottle(api, 'stages[2].throttle', throttle)).toThrow(message);
  });

  test('warns when the rate exceeds the account default', () => {
    // GIVEN
    const { stack, api } = scope();

    // WHEN
    validateThrottle(api, 'stages[1].throttle', { rateLimit: 12345 });

    // THEN
    Annotations.fromStack(stack).hasWarning('/Stack/Api',
      Match.stringLikeRegexp('stages\\[1\\]\\.throttle\\.rateLimit 12345 exceeds the account default of 10000'));
  });

  test('warns when the burst exceeds the account default', () => {
    // GIVEN
    const { stack, api } = scope();

    // WHEN
    validateThrottle(api, 'stages[1].throttle', { burstLimit: 6789 });

    // THEN
    Annotations.fromStack(stack).hasWarning('/Stack/Api',
      Match.stringLikeRegexp('stages\\[1\\]\\.throttle\\.burstLimit 6789 exceeds the account default burst of 5000'));
  });
});
