import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { warnAdjustableQuota, warnAdjustableQuotasAtSynth } from '../../lib/common/quotas';

function setup() {
  const stack = new Stack(new App(), 'Stack');
  return { stack, scope: new Construct(stack, 'Gateway') };
}

describe('adjustable quotas warn instead of failing', () => {
  test('at the default quota: no warning; above it: an acknowledgeable warning with the count and the quota', () => {
    // GIVEN
    const { stack, scope } = setup();

    // WHEN
    warnAdjustableQuota(scope, { id: 'stagesQuota', what: 'stages per REST API', count: 10, max: 10 });
    warnAdjustableQuota(scope, { id: 'resourcesQuota', what: 'resources (paths) per REST API', count: 301, max: 300 });

    // THEN
    const annotations = Annotations.fromStack(stack);
    annotations.hasNoWarning('/Stack/Gateway', Match.stringLikeRegexp('stages per REST API'));
    annotations.hasWarning('/Stack/Gateway', Match.stringLikeRegexp(
      '^301 resources \\(paths\\) per REST API exceeds the default quota \\(API Gateway allows at most 300 .*raise it before deploying.*\\[ack: cdk-api-gateways:resourcesQuota\\]$'));
  });

  test('at synth, the counts are read once everything is added', () => {
    // GIVEN
    const { stack, scope } = setup();
    let count = 1;
    warnAdjustableQuotasAtSynth(scope, () => [{ id: 'routesQuota', what: 'routes per HTTP API', count, max: 300 }]);

    // WHEN
    count = 301;

    // THEN
    Annotations.fromStack(stack).hasWarning('/Stack/Gateway', Match.stringLikeRegexp('^301 routes per HTTP API exceeds the default quota'));
  });
});
