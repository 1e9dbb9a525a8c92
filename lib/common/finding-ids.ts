import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Flattens a (possibly tokenized) string the way cdk-nag names resources in its finding ids:
 * `Ref` becomes `<LogicalId>` (pseudo parameters `<AWS::Partition>`), `Fn::GetAtt` becomes
 * `<LogicalId.Attribute>`, `Fn::Join` is joined. Used to acknowledge a finding on one ARN only,
 * e.g. `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:...]`.
 */
export function findingResourceName(scope: IConstruct, value: string): string {
  return flatten(Stack.of(scope).resolve(value));
}

function flatten(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  const obj = node as { [key: string]: unknown };
  if (Array.isArray(obj['Fn::Join'])) {
    const [delimiter, items] = obj['Fn::Join'] as [string, unknown[]];
    return items.map(flatten).join(delimiter);
  }
  if (obj['Fn::Sub'] !== undefined) return flatten(obj['Fn::Sub']);
  if (Array.isArray(obj['Fn::GetAtt'])) {
    const [resource, attribute] = obj['Fn::GetAtt'] as unknown[];
    return `<${flatten(resource)}.${flatten(attribute)}>`;
  }
  if (obj['Fn::ImportValue'] !== undefined) return flatten(obj['Fn::ImportValue']);
  if (obj.Ref !== undefined) return `<${flatten(obj.Ref)}>`;
  return JSON.stringify(node);
}
