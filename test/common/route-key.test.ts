import { parseRouteKey } from '../../lib/common/route-key';

describe('parseRouteKey', () => {
  test.each([
    ['GET /', 'GET', '/', []],
    ['GET /orders/{id}', 'GET', '/orders/{id}', ['id']],
    ['ANY /files/{proxy+}', 'ANY', '/files/{proxy+}', ['proxy']],
    ['DELETE /a.b/c_d/e-f/{x}/{y}', 'DELETE', '/a.b/c_d/e-f/{x}/{y}', ['x', 'y']],
  ])('parses %s', (key, method, path, params) => {
    expect(parseRouteKey(key)).toEqual({ method, path, pathParameters: params });
  });

  test.each([
    ['GET', /METHOD \/path/],
    ['get /orders', /method must be one of/],
    ['FETCH /orders', /method must be one of/],
    ['GET  /orders', /METHOD \/path/],
    ['GET orders', /METHOD \/path/],
    ['GET /orders/', /does not end with/],
    ['GET /orders//x', /no empty segments/],
    ['GET /{proxy+}/x', /greedy parameter \{proxy\+\} must be the last/],
    ['GET /{id}/{id}', /appears twice/],
    ['GET /orders?x=1', /may contain only letters/],
    ['GET /or ders', /METHOD \/path/],
  ])('rejects %s', (key, message) => {
    expect(() => parseRouteKey(key)).toThrow(message);
  });
});
