import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { check } from './errors';

/** Custom domain names claimed in each app, with the path of the construct that claimed them. */
const claimed = new WeakMap<IConstruct, Map<string, string>>();

/**
 * Claims a custom domain name for the construct that creates it. A public custom domain name is
 * unique per account and region (private ones per account, region and name plus their own id),
 * so two `AWS::ApiGateway::DomainName` / `AWS::ApiGatewayV2::DomainName` resources with one name
 * in one environment fail at deploy. Several APIs share a domain through `GatewayDomain` and
 * `mapDomain`. Checked across the whole app, for stacks of the same account and region (or an
 * environment-agnostic one).
 */
export function claimDomainName(scope: IConstruct, prop: string, domainName: string, kind: string): void {
  if (Token.isUnresolved(domainName)) return;
  const stack = Stack.of(scope);
  const env = `${Token.isUnresolved(stack.account) ? '*' : stack.account}/${Token.isUnresolved(stack.region) ? '*' : stack.region}`;
  const root = scope.node.root;
  const names = claimed.get(root) ?? new Map<string, string>();
  claimed.set(root, names);
  const key = `${kind}:${domainName.toLowerCase()}`;
  const clash = [...names.entries()].find(([k]) => k.endsWith(`|${key}`) && sameEnv(k.split('|')[0], env));
  check(scope, prop, domainName, clash
    ? `the custom domain name is already created by ${clash[1]}; a domain name exists once per account and region: `
      + 'map several APIs or stages onto one GatewayDomain with mapDomain'
    : undefined);
  names.set(`${env}|${key}`, scope.node.path);
}

function sameEnv(a: string, b: string): boolean {
  const [aAccount, aRegion] = a.split('/');
  const [bAccount, bRegion] = b.split('/');
  const same = (x: string, y: string) => x === '*' || y === '*' || x === y;
  return same(aAccount, bAccount) && same(aRegion, bRegion);
}
