/**
 * The certificate of a custom domain (rule 1): the given one with its region checked (or asserted
 * at deploy time when the region is a token), or a new DNS-validated one in the region the
 * endpoint kind needs, in a us-east-1 companion stack for an edge-optimized domain of another
 * region.
 */
import { Arn, ArnFormat, Aws, CfnRule, Fn, Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { Construct } from 'constructs';
import { acknowledgeGuardRuleBelow } from './compliance';
import { GatewayDomainBaseOptions, checkDomainTls, domainNameViolation, mtlsViolation } from './domain';
import { EndpointKind } from './endpoint';
import { GatewayValidationError, check, warn } from './errors';
import { awsCertificateManager } from './lazy';

/** Rule 1: the certificate's region for the endpoint kind. */
export function certificateRegionViolation(endpointKind: EndpointKind, certificateRegion: string, apiRegion: string): string | undefined {
  if (endpointKind === EndpointKind.EDGE) {
    return certificateRegion === 'us-east-1' ? undefined
      : `an edge-optimized custom domain needs its ACM certificate in us-east-1, but this certificate is in ${certificateRegion}`;
  }
  return certificateRegion === apiRegion ? undefined
    : `a regional custom domain needs its ACM certificate in the API's own region ${apiRegion}, but this certificate is in ${certificateRegion}`;
}

/**
 * The region of a certificate: from a literal ARN, or from the stack of a certificate created
 * in this app. Undefined when it cannot be known at synth time.
 */
export function certificateRegion(certificate: acm.ICertificate): string | undefined {
  if (!Token.isUnresolved(certificate.certificateArn)) {
    return Arn.split(certificate.certificateArn, ArnFormat.SLASH_RESOURCE_NAME).region;
  }
  if (certificate instanceof awsCertificateManager().Certificate) {
    return Stack.of(certificate).region;
  }
  return undefined;
}

/**
 * Checks a custom domain's options and returns its certificate: the given one (region checked,
 * or asserted at deploy time by a CloudFormation Rule when the region is a token), or a new
 * DNS-validated one in the region the rules need.
 */
export function resolveDomainCertificate(scope: Construct, prop: string, options: GatewayDomainBaseOptions, endpointKind: EndpointKind,
  tlsKind: EndpointKind = endpointKind): acm.ICertificate {
  const stack = Stack.of(scope);
  const securityPolicy = options.securityPolicy ?? apigateway.SecurityPolicy.TLS_1_2;
  check(scope, `${prop}.domainName`, options.domainName, domainNameViolation(options.domainName));
  checkDomainTls(scope, prop, options, tlsKind);
  if (options.mtls) {
    check(scope, `${prop}.mtls`, `${endpointKind} endpoint, ${securityPolicy}`, mtlsViolation(endpointKind, securityPolicy));
  }
  if (options.certificate) {
    checkCertificateRegion(scope, prop, options.certificate, endpointKind);
    return options.certificate;
  }
  const zone = options.hostedZone;
  if (!zone) {
    throw new GatewayValidationError(scope, `${prop}.certificate`, undefined,
      'a custom domain needs a certificate, or a hostedZone through which one is created and validated');
  }
  const { Certificate, CertificateValidation } = awsCertificateManager();
  const validation = CertificateValidation.fromDns(zone);
  if (endpointKind !== EndpointKind.EDGE || stack.region === 'us-east-1') {
    return new Certificate(scope, 'DomainCertificate', { domainName: options.domainName, validation });
  }
  if (Token.isUnresolved(stack.region) || Token.isUnresolved(stack.account)) {
    throw new GatewayValidationError(scope, `${prop}.certificate`, undefined,
      `an edge-optimized custom domain needs its certificate in us-east-1, and stack ${stack.stackName} is environment-agnostic: `
      + 'give the stack an explicit env (account and region; a us-east-1 companion stack then holds the certificate) or pass a us-east-1 certificate');
  }
  check(scope, `${prop}.hostedZone`, zone.hostedZoneId, Token.isUnresolved(zone.hostedZoneId)
    ? 'the us-east-1 certificate stack validates through this zone, so the zone must be imported with a literal id (HostedZone.fromHostedZoneAttributes), not created in this stack' : undefined);
  // The API's stack reads the certificate ARN across regions: aws-cdk-lib (>= 2.257, the peer
  // dependency's floor) resolves that reference with its cross-region export reader whatever the
  // consuming stack's crossRegionReferences flag says, so the flag is not required here.
  const companion = certificateStack(stack);
  const id = `${scope.node.path.replace(/\//g, '-')}-Certificate`;
  return new Certificate(companion, id, { domainName: options.domainName, validation });
}

/** The us-east-1 stack that holds edge certificates for `stack` (one per stack). */
function certificateStack(stack: Stack): Stack {
  const id = `${stack.node.id}-UsEast1Certificates`;
  const parent = stack.node.scope as Construct;
  const existing = parent.node.tryFindChild(id);
  if (existing) return existing as Stack;
  const companion = new Stack(parent, id, {
    env: { account: stack.account, region: 'us-east-1' },
    crossRegionReferences: true,
    description: `ACM certificates in us-east-1 for the edge-optimized custom domains of ${stack.stackName}`,
  });
  // `node.addDependency` between stacks is a stack dependency (`Stack#addDependency` is deprecated).
  stack.node.addDependency(companion);
  // aws-cdk-lib passes the certificate ARN back through a writer function in the companion stack
  // and a reader function in this one, both created while it synthesizes.
  const reason = 'aws-cdk-lib\'s cross-region reference provider only calls SSM Parameter Store APIs during deployment; it reaches no private resource, so a VPC would add NAT or endpoint cost for nothing.';
  acknowledgeGuardRuleBelow(companion, 'Custom::CrossRegionExportWriterCustomResourceProvider', 'lambda_inside_vpc_check', reason);
  acknowledgeGuardRuleBelow(stack, 'Custom::CrossRegionExportReaderCustomResourceProvider', 'lambda_inside_vpc_check', reason);
  return companion;
}

function checkCertificateRegion(scope: Construct, prop: string, certificate: acm.ICertificate, endpointKind: EndpointKind): void {
  const stack = Stack.of(scope);
  const region = certificateRegion(certificate);
  const wanted = endpointKind === EndpointKind.EDGE ? 'us-east-1' : stack.region;
  if (region === undefined) {
    warn(scope, 'certificateRegionUnknown',
      `${prop}.certificate: the certificate's region cannot be read at synth time; it must be ${endpointKind === EndpointKind.EDGE ? 'us-east-1' : 'the API\'s own region'}.`);
    return;
  }
  if (!Token.isUnresolved(region) && !Token.isUnresolved(wanted)) {
    check(scope, `${prop}.certificate`, certificate.certificateArn, certificateRegionViolation(endpointKind, region, wanted));
    return;
  }
  // A token region (environment-agnostic stacks): let CloudFormation assert it before deploying.
  if (endpointKind === EndpointKind.EDGE && region === stack.region) {
    const ruleId = `${scope.node.id}EdgeCertificateRegion`;
    if (!stack.node.tryFindChild(ruleId)) {
      new CfnRule(stack, ruleId, {
        assertions: [{
          assert: Fn.conditionEquals(Aws.REGION, 'us-east-1'),
          assertDescription: `${scope.node.path}: an edge-optimized custom domain needs its ACM certificate in us-east-1; this stack's certificate is in its own region, so deploy it to us-east-1 or pass a us-east-1 certificate`,
        }],
      });
    }
  } else if (endpointKind === EndpointKind.EDGE || region !== stack.region) {
    warn(scope, 'certificateRegionToken',
      `${prop}.certificate: the certificate's region is only known at deploy time; it must be ${wanted === 'us-east-1' ? 'us-east-1' : 'the API\'s own region'}.`);
  }
}
