import { App, Stack } from 'aws-cdk-lib';
import { NamedMap } from '../../lib/common/named-map';

describe('NamedMap', () => {
  const scope = () => new Stack(new App(), 'Stack');

  test('stages: require returns the entry, a miss names the construct, prop, value and the stage names', () => {
    const stages = NamedMap.stages<number>();
    stages.set('dev', 1);
    stages.set('prod', 2);
    expect(stages.require(scope(), 'stageName', 'prod')).toBe(2);
    expect(stages.names).toEqual(['dev', 'prod']);
    expect(() => stages.require(scope(), 'domain.stageName', 'qa'))
      .toThrow('Stack: domain.stageName = "qa" is invalid: no such stage; the stages are dev, prod');
  });

  test('routes: a miss says the route was not added', () => {
    const routes = NamedMap.routes<string>();
    routes.set('GET /a', 'a');
    expect(routes.require(scope(), 'routeKey', 'GET /a')).toBe('a');
    expect(() => routes.require(scope(), 'routeKey', 'GET /b')).toThrow('Stack: routeKey = "GET /b" is invalid: no such route was added');
  });
});
