/**
 * Custom domains: a regional REST API and an HTTP API on their own domains with DNS-validated
 * certificates and alias records. Deploy-time assertions: each answers 200 through its domain.
 *
 * A maintainer running it for real sets INTEG_ZONE_NAME and INTEG_HOSTED_ZONE_ID to a public zone
 * of the account (the defaults only serve snapshot mode).
 */
import { App, Stack } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { HttpAuthorization, HttpGateway, HttpIntegration, RestAuthorization, RestGateway, RestIntegration } from '../lib';

const zoneName = process.env.INTEG_ZONE_NAME ?? 'example.com';
const hostedZoneId = process.env.INTEG_HOSTED_ZONE_ID ?? 'Z0EXAMPLE12345';

const app = new App();
const stack = new Stack(app, 'IntegCustomDomain');
const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId, zoneName });

const rest = new RestGateway(stack, 'Rest', {
  domain: { domainName: `rest-integ.${zoneName}`, hostedZone, basePath: 'orders' },
});
rest.addRoute('GET /health', RestIntegration.mock({ responseBody: '{"status":"ok"}' }), { authorization: RestAuthorization.none() });

const http = new HttpGateway(stack, 'Http', { domain: { domainName: `http-integ.${zoneName}`, hostedZone } });
http.addRoute('GET /health', HttpIntegration.http('https://checkip.amazonaws.com'), { authorization: HttpAuthorization.none() });

const integ = new IntegTest(app, 'CustomDomainTest', { testCases: [stack] });
integ.assertions.httpApiCall(`https://rest-integ.${zoneName}/orders/health`)
  .expect(ExpectedResult.objectLike({ status: 200, body: { status: 'ok' } }));
integ.assertions.httpApiCall(`https://http-integ.${zoneName}/health`)
  .expect(ExpectedResult.objectLike({ status: 200 }));
