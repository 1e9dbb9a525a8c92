import { App, Duration, Size, Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { GatewayValidationError } from '../../lib';
import { GatewayValidationError as InternalGatewayValidationError } from '../../lib/common/errors';
import {
  aBoolean, aDuration, aNumber, aResource, aSize, aString, aStruct, anIntegration, checkArgs, checkConstructProps, checkEnum, checkString,
  describeType, enumValues, enumViolation, listOf, mapOf, notHere, oneOf, requireValue, required,
} from '../../lib/common/input';
import {
  v2AuthorizationScopeViolation, v2DescriptionViolation, v2NameViolation, v2ServerNameViolation, v2UriLengthViolation,
} from '../../lib/common/rules';
import { MAX_HTTP_CORS_MAX_AGE_SECONDS, httpCorsMaxAgeViolation } from '../../lib/http/rules';
import { CacheClusterSize } from '../../lib/rest/cache';
import { MAX_MINIMUM_COMPRESSION_SIZE_BYTES, minimumCompressionSizeViolation, restApiNameViolation } from '../../lib/rest/rules';

function scope(): Construct {
  return new Construct(new Stack(new App(), 'Stack'), 'Api');
}

/** Runs `fn`, which must throw, and returns what it threw. */
function thrown(fn: () => void): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('GatewayValidationError', () => {
  test('is exported from the package index and is the class the library throws', () => {
    // GIVEN
    const error = new InternalGatewayValidationError(scope(), 'stages[0].stageName', 7, 'expected a string, got a number');

    // THEN
    expect(GatewayValidationError).toBe(InternalGatewayValidationError);
    expect(error).toBeInstanceOf(GatewayValidationError);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('Stack/Api: stages[0].stageName = 7 is invalid: expected a string, got a number');
  });

  test('behaves like an Error: name, message, stack and toString', () => {
    // WHEN
    const error = new GatewayValidationError(scope(), 'cache.ttl', '3601 s', 'at most 3600');

    // THEN
    expect(error.name).toBe('GatewayValidationError');
    expect(String(error)).toBe('GatewayValidationError: Stack/Api: cache.ttl = "3601 s" is invalid: at most 3600');
    expect(error.stack).toContain('GatewayValidationError: Stack/Api: cache.ttl');
  });

  test('forFactory names the static factory in place of a construct path', () => {
    // WHEN
    const error = GatewayValidationError.forFactory('RestIntegration.lambdaFunction', 'handler', undefined, 'a lambda.IFunction is required');

    // THEN
    expect(error).toBeInstanceOf(GatewayValidationError);
    expect(error.message).toBe('RestIntegration.lambdaFunction: handler = undefined is invalid: a lambda.IFunction is required');
    expect(error.constructPath).toBe('RestIntegration.lambdaFunction');
    expect(error.prop).toBe('handler');
  });

  test('can be caught with instanceof', () => {
    // WHEN
    const error = thrown(() => checkString(scope(), 'restApiName', 42));

    // THEN
    expect(error instanceof GatewayValidationError).toBe(true);
    expect(error instanceof TypeError).toBe(false);
  });
});

describe('describeType', () => {
  test.each([
    ['a string', 'x'],
    ['a number', 1],
    ['a boolean', false],
    ['null', null],
    ['nothing', undefined],
    ['an array', []],
    ['an object', {}],
    ['a function', () => 1],
  ])('names %s', (expected, value) => {
    expect(describeType(value)).toBe(expected);
  });
});

describe('enums', () => {
  test('enumValues keeps the numbers of a numeric enum, not the names of its reverse mapping', () => {
    expect(enumValues(logs.RetentionDays)).toContain(365);
    expect(enumValues(logs.RetentionDays)).not.toContain('ONE_YEAR');
  });

  test('enumValues keeps the values of a string enum', () => {
    expect(enumValues(CacheClusterSize)).toEqual(['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237']);
  });

  test('enumViolation lists every member with its value', () => {
    expect(enumViolation('9GB', CacheClusterSize, 'CacheClusterSize'))
      .toBe('expected one of CacheClusterSize.GB_0_5 ("0.5"), CacheClusterSize.GB_1_6 ("1.6"), CacheClusterSize.GB_6_1 ("6.1"), '
        + 'CacheClusterSize.GB_13_5 ("13.5"), CacheClusterSize.GB_28_4 ("28.4"), CacheClusterSize.GB_58_2 ("58.2"), '
        + 'CacheClusterSize.GB_118 ("118"), CacheClusterSize.GB_237 ("237")');
  });

  test('enumViolation accepts members and tokens', () => {
    expect(enumViolation('0.5', CacheClusterSize, 'CacheClusterSize')).toBeUndefined();
    expect(enumViolation(Token.asString({ Ref: 'Size' }), CacheClusterSize, 'CacheClusterSize')).toBeUndefined();
  });

  test('checkEnum rejects a value of another enum', () => {
    expect(() => checkEnum(scope(), 'executionLogLevel', 'DEBUG', apigateway.MethodLoggingLevel, 'apigateway.MethodLoggingLevel'))
      .toThrow(/Stack\/Api: executionLogLevel = "DEBUG" is invalid: expected one of apigateway\.MethodLoggingLevel\.OFF \("OFF"\)/);
  });

  test('a lazily given enum is read when checking', () => {
    expect(() => oneOf(() => CacheClusterSize, 'CacheClusterSize').check(scope(), 'clusterSize', '1GB')).toThrow(/CacheClusterSize\.GB_0_5/);
  });
});

describe('checks', () => {
  test.each([
    ['a string', aString(), 1, 'expected a string, got a number'],
    ['a number', aNumber(), '1', 'expected a number, got a string'],
    ['a number (NaN)', aNumber(), NaN, 'expected a number, got a number'],
    ['a boolean', aBoolean, 'true', 'expected a boolean (true or false), got a string'],
    ['a Duration', aDuration(), 30, 'expected a Duration such as Duration.seconds(30), got a number'],
    ['a Size', aSize(), 1024, 'expected a Size such as Size.kibibytes(1), got a number'],
    ['an array', listOf(aString()), 'a', 'expected an array of string items, got a string'],
    ['an array item', listOf(aString()), ['a', 2], 'expected a string, got a number'],
    ['a map', mapOf(aString()), ['a'], 'expected an object mapping names to string values, got an array'],
    ['a map value', mapOf(aString()), { a: 1 }, 'expected a string, got a number'],
    ['a struct', aStruct({ a: aString() }, 'an X object'), 'x', 'expected an X object, got a string'],
    ['a struct member', aStruct({ a: aString() }), { a: false }, 'expected a string, got a boolean'],
    ['a resource', aResource('a lambda.IFunction', 'functionArn'), { name: 'fn' }, 'expected a lambda.IFunction, got an object'],
    ['null', aString(), null, 'expected a string, got null'],
    ['a required value', required(aString()), undefined, 'a string is required'],
    ['a prop of another API kind', notHere('use apiName'), 'x', 'use apiName'],
  ])('%s', (_what, check, value, rule) => {
    // WHEN
    const error = thrown(() => check.check(scope(), 'prop', value)) as GatewayValidationError;

    // THEN
    expect(error).toBeInstanceOf(GatewayValidationError);
    expect(error.message).toContain(`is invalid: ${rule}`);
  });

  test('optional values may be left out', () => {
    // GIVEN
    const spec = aStruct({ a: aString(), b: aDuration(), c: listOf(aNumber()), d: notHere('no') });

    // WHEN
    spec.check(scope(), 'prop', {});

    // THEN
    expect(() => spec.check(scope(), 'prop', { d: 1 })).toThrow(/prop\.d = 1 is invalid: no/);
  });

  test('nested members are named by their path', () => {
    // GIVEN
    const spec = aStruct({ stages: listOf(aStruct({ cache: aStruct({ ttl: aDuration() }) })) });

    // THEN
    expect(() => spec.check(scope(), 'props', { stages: [{}, { cache: { ttl: 300 } }] }))
      .toThrow(/Stack\/Api: props\.stages\[1\]\.cache\.ttl = 300 is invalid: expected a Duration/);
  });

  test('a Duration rule receives seconds and the message shows them', () => {
    // GIVEN
    const check = aDuration(s => (s > 60 ? 'at most 60 s' : undefined));

    // THEN
    expect(() => check.check(scope(), 'ttl', Duration.seconds(61))).toThrow(/ttl = "61 s" is invalid: at most 60 s/);
    expect(() => check.check(scope(), 'ttl', Duration.minutes(1))).not.toThrow();
  });

  test('a Size rule receives bytes and the message shows them', () => {
    // GIVEN
    const check = aSize(b => (b > 1024 ? 'at most 1 KiB' : undefined));

    // THEN
    expect(() => check.check(scope(), 'size', Size.bytes(1025))).toThrow(/size = "1025 bytes" is invalid: at most 1 KiB/);
    expect(() => check.check(scope(), 'size', Size.kibibytes(1))).not.toThrow();
  });

  test('checkArgs names a factory in place of a construct path', () => {
    expect(() => checkArgs('RestIntegration.http', { url: undefined }, { url: required(aString()) }))
      .toThrow(/^RestIntegration\.http: url = undefined is invalid: a string is required$/);
  });

  test('checkArgs prefixes method arguments with a label', () => {
    expect(() => checkArgs(scope(), { name: 5 }, { name: required(aString()) }, 'addApiKey'))
      .toThrow(/^Stack\/Api: addApiKey name = 5 is invalid: expected a string, got a number$/);
  });

  test('checkConstructProps names members alone and rejects props that are not an object', () => {
    expect(() => checkConstructProps(scope(), { restApiName: 1 }, { restApiName: aString() }, 'a RestGatewayProps object'))
      .toThrow(/^Stack\/Api: restApiName = 1 is invalid/);
    expect(() => checkConstructProps(scope(), 'Orders', {}, 'a RestGatewayProps object'))
      .toThrow(/^Stack\/Api: props = "Orders" is invalid: expected a RestGatewayProps object, got a string$/);
    expect(() => checkConstructProps(scope(), undefined, {}, 'a GatewayDomainProps object', true))
      .toThrow(/props = undefined is invalid: a GatewayDomainProps object is required/);
  });

  test('requireValue rejects undefined and null', () => {
    expect(() => requireValue('GatewayEndpoint.privateEndpoint', 'options', null, 'a PrivateEndpointOptions object'))
      .toThrow(/^GatewayEndpoint\.privateEndpoint: options = null is invalid: a PrivateEndpointOptions object is required$/);
  });

  test('anIntegration accepts a subclass or a bindable object, and names another gateway kind\'s integration', () => {
    // GIVEN
    abstract class RestIntegration { public abstract bind(): unknown; }
    abstract class HttpIntegration { public abstract bind(): unknown; }
    class Own extends RestIntegration { public bind() { return {}; } }
    class Foreign extends HttpIntegration { public bind() { return {}; } }
    const check = anIntegration(() => RestIntegration, 'a RestIntegration');

    // THEN
    check.check(scope(), 'integration', new Own());
    check.check(scope(), 'integration', { bind: () => ({}) });
    expect(() => check.check(scope(), 'integration', new Foreign())).toThrow(/expected a RestIntegration, got a HttpIntegration/);
    expect(() => check.check(scope(), 'integration', 'lambda')).toThrow(/expected a RestIntegration, got a string/);
  });
});

describe('documented ranges', () => {
  test.each([
    ['minimum compression size 0', minimumCompressionSizeViolation(0), undefined],
    ['minimum compression size 10485760', minimumCompressionSizeViolation(MAX_MINIMUM_COMPRESSION_SIZE_BYTES), undefined],
    ['minimum compression size 10485761', minimumCompressionSizeViolation(10485761), 'a minimum compression size is a whole number of bytes from 0 to 10485760 (10 MiB)'],
    ['minimum compression size 1.5', minimumCompressionSizeViolation(1.5), 'a minimum compression size is a whole number of bytes from 0 to 10485760 (10 MiB)'],
    ['HTTP CORS max age -1', httpCorsMaxAgeViolation(-1), undefined],
    ['HTTP CORS max age 86400', httpCorsMaxAgeViolation(MAX_HTTP_CORS_MAX_AGE_SECONDS), undefined],
    ['HTTP CORS max age 86401', httpCorsMaxAgeViolation(86401), 'an HTTP API CORS max age is a whole number of seconds from -1 to 86400 (one day)'],
    ['HTTP CORS max age -2', httpCorsMaxAgeViolation(-2), 'an HTTP API CORS max age is a whole number of seconds from -1 to 86400 (one day)'],
    ['HTTP CORS max age 0.5', httpCorsMaxAgeViolation(0.5), 'an HTTP API CORS max age is a whole number of seconds from -1 to 86400 (one day)'],
    ['REST API name of one character', restApiNameViolation('a'), undefined],
    ['empty REST API name', restApiNameViolation(''), 'a REST API name is required: at least one character'],
    ['v2 name of 128 characters', v2NameViolation('n'.repeat(128), 'an HTTP API name'), undefined],
    ['v2 name of 129 characters', v2NameViolation('n'.repeat(129), 'an HTTP API name'), 'an HTTP API name is 1 to 128 characters'],
    ['empty v2 name', v2NameViolation('', 'an authorizer name'), 'an authorizer name is 1 to 128 characters'],
    ['v2 description of 1024 characters', v2DescriptionViolation('d'.repeat(1024), 'a stage description'), undefined],
    ['v2 description of 1025 characters', v2DescriptionViolation('d'.repeat(1025), 'a stage description'), 'a stage description is at most 1024 characters'],
    ['scope of 64 characters', v2AuthorizationScopeViolation('s'.repeat(64)), undefined],
    ['scope of 65 characters', v2AuthorizationScopeViolation('s'.repeat(65)), 'an authorization scope is 1 to 64 characters'],
    ['empty scope', v2AuthorizationScopeViolation(''), 'an authorization scope is 1 to 64 characters'],
    ['URI of 2048 characters', v2UriLengthViolation('u'.repeat(2048), 'an integration URL'), undefined],
    ['URI of 2049 characters', v2UriLengthViolation('u'.repeat(2049), 'an integration URL'), 'an integration URL is 1 to 2048 characters'],
    ['server name of 512 characters', v2ServerNameViolation('s'.repeat(512)), undefined],
    ['server name of 513 characters', v2ServerNameViolation('s'.repeat(513)), 'a secure server name is 1 to 512 characters'],
  ])('%s', (_what, violation, expected) => {
    expect(violation).toBe(expected);
  });

  test('tokens are not decided at synth time', () => {
    // GIVEN
    const name = Token.asString({ Ref: 'Name' });

    // THEN
    expect(v2NameViolation(name, 'an HTTP API name')).toBeUndefined();
    expect(restApiNameViolation(name)).toBeUndefined();
    expect(minimumCompressionSizeViolation(Token.asNumber({ Ref: 'Size' }))).toBeUndefined();
    expect(httpCorsMaxAgeViolation(Token.asNumber({ Ref: 'Age' }))).toBeUndefined();
  });
});
