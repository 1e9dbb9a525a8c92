/**
 * Features API Gateway offers only on REST APIs (rule 21) that a WebSocketGateway is asked for: it
 * rejects each by name and points to RestGateway, rather than silently dropping it.
 */
import { IConstruct } from 'constructs';
import { FeatureTable, missingFeatureViolation, rejectMissingFeatures } from '../common/missing-features';

/** The rule text for a REST-only feature asked of a WebSocket API. */
export function restOnlyFeatureViolation(feature: string): string {
  return missingFeatureViolation(feature, 'WebSocket APIs', { apiKind: 'REST API', gateway: 'RestGateway' });
}

/** Stage options of a RestGateway that WebSocket stages do not have (they do have execution logs). */
const REST_ONLY_STAGE_OPTIONS: FeatureTable = {
  cache: 'caching',
  canary: 'a canary deployment (shift traffic between versions with the stage\'s lambdaAliases and aliasTrafficShifting instead)',
  webAclArn: 'AWS WAF',
  tracing: 'AWS X-Ray tracing',
};

/** Rejects REST-only stage options that reached a WebSocket gateway at run time. */
export function rejectRestOnlyStageOptions(scope: IConstruct, prop: string, options: object): void {
  rejectMissingFeatures(scope, `${prop}.`, options, REST_ONLY_STAGE_OPTIONS, restOnlyFeatureViolation);
}
