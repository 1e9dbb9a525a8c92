import { App, Annotations as CoreAnnotations, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { RestGateway, RestIntegration } from '../../lib';
import { GatewayValidationError, check, formatValue, warn } from '../../lib/common/errors';
import { aliasSetup } from '../support/fixtures';

describe('formatValue', () => {
  test.each([
    ['a string, quoted', 'my stage', '"my stage"'],
    ['a string with a quote, escaped', 'a"b', '"a\\"b"'],
    ['a number', 42, '42'],
    ['a fractional number', 1.5, '1.5'],
    ['undefined', undefined, 'undefined'],
    ['a boolean', true, 'true'],
    ['null', null, 'null'],
    ['an array, as compact JSON', ['a', 1], '["a",1]'],
    ['an object, as compact JSON', { rateLimit: 7, burstLimit: 3 }, '{"rateLimit":7,"burstLimit":3}'],
  ])('renders %s', (_what, value, expected) => {
    expect(formatValue(value)).toBe(expected);
  });

  test('names string tokens instead of printing their encoding', () => {
    expect(formatValue(Token.asString({ Ref: 'Name' }))).toBe('<token>');
  });

  test('names number tokens instead of printing their encoding', () => {
    expect(formatValue(Token.asNumber({ Ref: 'Size' }))).toBe('<token>');
  });

  test('falls back to String() for values JSON cannot render', () => {
    // GIVEN
    const circular: { [k: string]: unknown } = { toString: () => 'circular thing' };
    circular.self = circular;

    // THEN
    expect(formatValue(circular)).toBe('circular thing');
  });
});

describe('GatewayValidationError', () => {
  test('message names the construct path, the prop, the value and the rule', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const scope = new Construct(stack, 'Orders');

    // WHEN
    const error = new GatewayValidationError(scope, 'stages[1].stageName', 'my stage', 'a stage name is letters');

    // THEN
    expect(error.message).toBe('Stack/Orders: stages[1].stageName = "my stage" is invalid: a stage name is letters');
    expect(error.name).toBe('GatewayValidationError');
    expect(error.constructPath).toBe('Stack/Orders');
    expect(error.prop).toBe('stages[1].stageName');
    expect(error).toBeInstanceOf(Error);
  });

  test('renders numbers unquoted', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Numbers');

    // WHEN
    const error = new GatewayValidationError(stack, 'throttle.burstLimit', 1.5, 'a whole number');

    // THEN
    expect(error.message).toBe('Numbers: throttle.burstLimit = 1.5 is invalid: a whole number');
  });
});

describe('check', () => {
  test('throws a GatewayValidationError when a rule is violated', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Checked');

    // THEN
    expect(() => check(stack, 'cache.ttl', '3601 s', 'a TTL is at most 3600')).toThrow(GatewayValidationError);
    expect(() => check(stack, 'cache.ttl', '3601 s', 'a TTL is at most 3600'))
      .toThrow('Checked: cache.ttl = "3601 s" is invalid: a TTL is at most 3600');
  });

  test('returns when there is no violation', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Valid');

    // THEN
    expect(check(stack, 'cache.ttl', '300 s', undefined)).toBeUndefined();
  });
});

describe('warn', () => {
  test('adds an acknowledgeable warning with the library prefix', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Warned');
    const scope = new Construct(stack, 'Api');

    // WHEN
    warn(scope, 'someRule', 'something to look at');

    // THEN
    const warnings = Annotations.fromStack(stack).findWarning('/Warned/Api', Match.stringLikeRegexp('something to look at'));
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0].entry.data)).toContain('cdk-api-gateways:someRule');
  });
});

describe('acknowledging a synth-time warning on the gateway itself', () => {
  // aws-cdk-lib 2.257 honours an earlier acknowledgement only on an ancestor of the warning's
  // construct; warn() also reads the construct's own acknowledgements.
  function gatewayWithWarnings(ackOn: 'gateway' | 'sibling' | 'none') {
    const { stack, fn: handler, prod } = aliasSetup();
    const gateway = new RestGateway(stack, 'Orders', {
      stages: [{ stageName: 'prod', lambdaAliases: { lambdaAlias: prod }, aliasTrafficShifting: {} }],
    });
    gateway.addRoute('GET /orders', RestIntegration.lambdaAlias(handler));
    const sibling = new RestGateway(stack, 'Other', {});
    sibling.addRoute('GET /x', RestIntegration.mock());
    if (ackOn !== 'none') {
      CoreAnnotations.of(ackOn === 'gateway' ? gateway : sibling).acknowledgeWarning('cdk-api-gateways:executionLoggingRole', 'the account has the role');
    }
    const found = (id: string, path: string) => Annotations.fromStack(stack).findWarning(path, Match.stringLikeRegexp(id)).length;
    return { found };
  }

  test('the acknowledged warning is gone; the other warnings stay', () => {
    const { found } = gatewayWithWarnings('gateway');
    expect(found('executionLoggingRole', '/Stack/Orders')).toBe(0);
    expect(found('trafficShiftingWithoutAlarms', '/Stack/Orders')).toBe(1);
    expect(found('executionLoggingRole', '/Stack/Other')).toBe(1);
  });

  test('without it, or on another construct, the warning is there', () => {
    expect(gatewayWithWarnings('none').found('executionLoggingRole', '/Stack/Orders')).toBe(1);
    expect(gatewayWithWarnings('sibling').found('executionLoggingRole', '/Stack/Orders')).toBe(1);
  });
});
