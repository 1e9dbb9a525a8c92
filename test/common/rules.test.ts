import { Token } from 'aws-cdk-lib';
import * as commonRules from '../../lib/common/rules';
import * as restRules from '../../lib/rest/rules';

const rules = { ...commonRules, ...restRules };

describe('stage names (rule 5)', () => {
  test.each(['prod', 'dev_1', 'v-2', 'A'.repeat(128)])('accepts %s', name => {
    expect(rules.stageNameViolation(name, false)).toBeUndefined();
  });
  test.each(['', 'my stage', 'prod!', 'A'.repeat(129), '$default'])('rejects %j for REST', name => {
    expect(rules.stageNameViolation(name, false)).toMatch(/1 to 128 characters/);
  });
  test('accepts $default only where allowed', () => {
    expect(rules.stageNameViolation('$default', true)).toBeUndefined();
    expect(rules.stageNameViolation('$other', true)).toMatch(/\$default/);
  });
  test('leaves tokens to deploy time', () => {
    expect(rules.stageNameViolation(Token.asString({ Ref: 'X' }), false)).toBeUndefined();
  });
});

describe('stage variables (rule 6)', () => {
  test('names', () => {
    expect(rules.stageVariableNameViolation('alias_name1')).toBeUndefined();
    expect(rules.stageVariableNameViolation('alias-name')).toMatch(/letters, digits and '_'/);
    expect(rules.stageVariableNameViolation('a'.repeat(65))).toMatch(/1 to 64/);
  });
  test('values', () => {
    expect(rules.stageVariableValueViolation('arn:aws:lambda:eu-west-1:1:function:f:live')).toBeUndefined();
    expect(rules.stageVariableValueViolation('has space')).toMatch(/1 to 512 characters/);
    expect(rules.stageVariableValueViolation('x'.repeat(513))).toMatch(/1 to 512/);
    expect(rules.stageVariableValueViolation('')).toMatch(/1 to 512/);
  });
});

describe('canary (rule 7)', () => {
  test.each([0, 5, 99.5, 100])('accepts %d %%', p => expect(rules.canaryPercentViolation(p)).toBeUndefined());
  test.each([-1, 100.1, NaN])('rejects %d %%', p => expect(rules.canaryPercentViolation(p)).toMatch(/0.0 to 100.0/));
  test('override names are alphanumeric', () => {
    expect(rules.canaryVariableNameViolation('alias2')).toBeUndefined();
    expect(rules.canaryVariableNameViolation('alias_2')).toMatch(/letters and digits only/);
  });
});

describe('cache TTL (rule 8)', () => {
  test.each([0, 300, 3600])('accepts %d', s => expect(rules.cacheTtlViolation(s)).toBeUndefined());
  test.each([-1, 3601, 1.5])('rejects %d', s => expect(rules.cacheTtlViolation(s)).toMatch(/0 to 3600/));
});

describe('integration timeout (rule 10)', () => {
  test('bounds', () => {
    expect(rules.integrationTimeoutViolation(50, 29000, 'x')).toBeUndefined();
    expect(rules.integrationTimeoutViolation(49, 29000, 'x')).toMatch(/at least 50 milliseconds/);
    expect(rules.integrationTimeoutViolation(30000, 29000, 'HTTP APIs')).toMatch(/at most 29 seconds for HTTP APIs/);
  });
});

describe('throttle (rule 12)', () => {
  test('rate is a non-negative number, burst a whole number', () => {
    expect(rules.throttleRateViolation(0.5)).toBeUndefined();
    expect(rules.throttleRateViolation(-1)).toMatch(/non-negative number/);
    expect(rules.throttleBurstViolation(10)).toBeUndefined();
    expect(rules.throttleBurstViolation(1.5)).toMatch(/whole number/);
  });
});

describe('access-log format (rule 18)', () => {
  test('needs a request id', () => {
    expect(rules.accessLogFormatViolation('$context.requestId')).toBeUndefined();
    expect(rules.accessLogFormatViolation('$context.extendedRequestId')).toBeUndefined();
    expect(rules.accessLogFormatViolation('$context.status')).toMatch(/requestId/);
  });
  test('size limit when given', () => {
    expect(rules.accessLogFormatViolation('$context.requestId' + 'x'.repeat(3100), 3072)).toMatch(/at most 3072 bytes/);
  });
});

describe('authorizer TTL and CORS (rule 20)', () => {
  test('ttl', () => {
    expect(rules.authorizerTtlViolation(3600)).toBeUndefined();
    expect(rules.authorizerTtlViolation(3601)).toMatch(/0 to 3600/);
  });
  test('credentials with *', () => {
    expect(rules.corsCredentialsViolation(['*'], true)).toMatch(/allowCredentials/);
    expect(rules.corsCredentialsViolation(['*'], false)).toBeUndefined();
    expect(rules.corsCredentialsViolation(['https://a.example'], true)).toBeUndefined();
  });
});

test('count limits', () => {
  expect(rules.countViolation(10, 10, 'stages')).toBeUndefined();
  expect(rules.countViolation(11, 10, 'stages')).toBe('API Gateway allows at most 10 stages');
});
