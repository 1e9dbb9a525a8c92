/**
 * REST AWS-service integrations that read and write data: DynamoDB and S3 (see
 * service-integrations.ts).
 */
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { GatewayValidationError } from '../common/errors';
import { InputCheck, InputSpec, aBoolean, aDuration, aNumber, aResource, aString, aStruct, mapOf, required } from '../common/input';
import { parseRouteKey } from '../common/route-key';
import { GatewayValue } from '../common/service-integrations';
import { A_GATEWAY_VALUE } from '../common/service-rules';
import { RestDynamoDbGetItemOptions, RestDynamoDbPutItemOptions, RestDynamoDbQueryOptions, RestS3ObjectOptions, ServiceBinder } from './service-integrations';
import { attributeNameViolation, indexNameViolation, queryLimitViolation, s3KeyPrefixViolation, kindOf, jsonOf, escaped, stringContent, requestParameterOf, message, errorResponses, methodResponses, ok, valuesOf, bindCall, factoryError, checkTemplate, checkNotBody } from './service-call';

// ---------------------------------------------------------------------------------------------
// DynamoDB

/** The key schema of a `dynamodb.Table` of the app (or undefined: imported tables, TableV2). */
export function keySchema(table: dynamodb.ITable, factory: string, indexName?: string): { partition: dynamodb.Attribute[]; sort: dynamodb.Attribute[] } | undefined {
  const schemaV2 = (table as { schemaV2?: (index?: string) => dynamodb.KeySchema }).schemaV2;
  if (typeof schemaV2 !== 'function') return undefined;
  try {
    const schema = schemaV2.call(table, indexName);
    return { partition: [...schema.partitionKeys], sort: [...schema.sortKeys ?? []] };
  } catch {
    if (indexName === undefined) return undefined;
    throw GatewayValidationError.forFactory(factory, 'options.indexName', indexName, `the table ${table.node.path} has no index named ${indexName}`);
  }
}

export function keyAttributes(schema: { partition: dynamodb.Attribute[]; sort: dynamodb.Attribute[] }): dynamodb.Attribute[] {
  return [...schema.partition, ...schema.sort];
}

/** `{"S":"..."}` (or N, B by the key schema) of a request value. */
export function typedValue(type: string, value: GatewayValue): string {
  return `{"${type}":"${stringContent(value)}"}`;
}

export function checkAttributeMap(factory: string, prop: string, map: { [attribute: string]: GatewayValue } | undefined): void {
  for (const [name, value] of Object.entries(map ?? {})) {
    factoryError(factory, `${prop}.${name}`, name, attributeNameViolation(name));
    checkNotBody(factory, `${prop}.${name}`, value, 'an attribute is a single value (a path parameter, a body field...), not the whole body');
  }
}

/**
 * JSON text of a JSON value held in `$j` as a DynamoDB attribute value: strings S, numbers N,
 * booleans BOOL, null NULL, objects and arrays their JSON text (S).
 */
export const TYPED_FROM_JSON = [
  '#if($j.startsWith(\'"\')){"S":$j}',
  '#elseif($j == "true" || $j == "false"){"BOOL":$j}',
  '#elseif($j == "" || $j == "null"){"NULL":true}',
  `#elseif($j.startsWith('{') || $j.startsWith('[')){"S":"${escaped('$j')}"}`,
  '#else{"N":"$j"}#end',
].join('');

/**
 * An item (a Map in `$item`, at JSONPath `path`) as plain JSON: S as strings, N as numbers, BOOL,
 * NULL, SS as arrays; other types (M, L, B, NS, BS) in DynamoDB's typed JSON.
 */
export function plainItem(path: string): string {
  return [
    '{#set($sep = "")#foreach($name in $item.keySet())#set($attr = $item.get($name))',
    `$sep"${escaped('$name')}":`,
    `#if($attr.containsKey('S'))"${escaped('$attr.get(\'S\')')}"`,
    '#elseif($attr.containsKey(\'N\'))$attr.get(\'N\')',
    '#elseif($attr.containsKey(\'BOOL\'))$attr.get(\'BOOL\')',
    '#elseif($attr.containsKey(\'NULL\'))null',
    '#elseif($name.contains("\'"))null',
    `#elseif($attr.containsKey('SS'))$input.json("${path}['$name'].SS")`,
    `#{else}$input.json("${path}['$name']")#end`,
    '#set($sep = ",")#end}',
  ].join('');
}

export const GET_ITEM_RESPONSE = [
  '#set($result = $input.path(\'$\'))',
  '#if("$!result" == "" || !$result.containsKey(\'Item\'))',
  '#set($context.responseOverride.status = 404)',
  message('Not found'),
  '#else',
  '#set($item = $result.get(\'Item\'))',
  plainItem('$.Item'),
  '#end',
].join('\n');

export const QUERY_RESPONSE = [
  '#set($result = $input.path(\'$\'))',
  '#set($i = 0)#set($isep = "")',
  `{"items":[#foreach($item in $result.get('Items'))$isep${plainItem('$.Items[$i]')}#set($isep = ",")#set($i = $i + 1)#end],`
    + '"count":$input.json(\'$.Count\'),"hasMore":#if($result.containsKey(\'LastEvaluatedKey\'))true#{else}false#end}',
].join('\n');

/** The key attributes as DynamoDB JSON, typed by the key schema when known (otherwise S). */
export function keyJson(key: { [attribute: string]: GatewayValue }, types: Map<string, string>): string {
  return Object.entries(key).map(([name, value]) => `"${name}":${typedValue(types.get(name) ?? 'S', value)}`).join(',');
}

/** GetItem (`dynamodb:action/GetItem`): 200 with the item as plain JSON, 404 when there is none. */
export function dynamoDbGetItem(table: dynamodb.ITable, options: RestDynamoDbGetItemOptions): ServiceBinder {
  const factory = 'RestIntegration.dynamoDbGetItem';
  checkAttributeMap(factory, 'options.key', options.key);
  const schema = keySchema(table, factory);
  const types = new Map(schema ? keyAttributes(schema).map(a => [a.name, a.type as string]) : []);
  if (schema) {
    const expected = keyAttributes(schema).map(a => a.name);
    const given = Object.keys(options.key);
    factoryError(factory, 'options.key', given, expected.length === given.length && expected.every(n => given.includes(n)) ? undefined
      : `the key of ${table.node.path} is ${expected.join(' and ')}: give exactly these attributes`);
  } else {
    factoryError(factory, 'options.key', options.key, Object.keys(options.key).length === 0 ? 'a key has at least one attribute' : undefined);
  }
  checkTemplate(factory, options.requestTemplate);
  return bindOptions => {
    return bindCall(bindOptions, options, {
      values: valuesOf('key', options.key),
      service: 'dynamodb',
      uriService: 'dynamodb',
      action: 'GetItem',
      httpMethod: 'POST',
      actions: ['dynamodb:GetItem'],
      resources: [table.tableArn],
      key: table.encryptionKey,
      // aws-cdk-lib's Table.grantReadData: the key's read actions.
      keyActions: ['kms:Decrypt', 'kms:DescribeKey'],
      requestTemplate: `{"TableName":"${table.tableName}","Key":{${keyJson(options.key, types)}},"ConsistentRead":${options.consistentRead ?? false}}`,
      integrationResponses: [ok(GET_ITEM_RESPONSE), ...errorResponses(true)],
      methodResponses: methodResponses(['200', '400', '404', '409', '429', '500']),
    }, options.requestTemplate);
  };
}

/** PutItem (`dynamodb:action/PutItem`): the item from the JSON body, its key from the route's path parameters. */
export function dynamoDbPutItem(table: dynamodb.ITable, options: RestDynamoDbPutItemOptions): ServiceBinder {
  const factory = 'RestIntegration.dynamoDbPutItem';
  checkAttributeMap(factory, 'options.key', options.key);
  checkAttributeMap(factory, 'options.item', options.item);
  const schema = keySchema(table, factory);
  const types = new Map(schema ? keyAttributes(schema).map(a => [a.name, a.type as string]) : []);
  if (schema && options.key) {
    const names = keyAttributes(schema).map(a => a.name);
    for (const name of Object.keys(options.key)) {
      factoryError(factory, `options.key.${name}`, name, names.includes(name) ? undefined : `${name} is not a key attribute of ${table.node.path} (${names.join(', ')})`);
    }
  }
  for (const name of Object.keys(options.item ?? {})) {
    factoryError(factory, `options.item.${name}`, name, options.key?.[name] !== undefined ? `${name} is given in key already` : undefined);
  }
  checkTemplate(factory, options.requestTemplate);
  return bindOptions => {
    const routeParams = parseRouteKey(bindOptions.routeKey).pathParameters;
    // The key: given, or each key attribute from the path parameter of its name.
    const key: { [name: string]: GatewayValue } = { ...options.key };
    for (const attribute of schema ? keyAttributes(schema) : []) {
      if (key[attribute.name] === undefined && routeParams.includes(attribute.name)) {
        key[attribute.name] = GatewayValue.pathParameter(attribute.name);
      }
    }
    const attributes = [keyJson(key, types)];
    if (options.item) {
      attributes.push(...Object.entries(options.item).map(([name, value]) => kindOf(value) === 'bodyField'
        ? `"${name}":#set($j = "")#set($j = ${jsonOf(value)})${TYPED_FROM_JSON}`
        : `"${name}":{"S":"${stringContent(value)}"}`));
    }
    const fixed = attributes.filter(a => a !== '').join(',');
    const fromBody = options.item ? '' : [
      '#set($body = $input.path(\'$\'))',
      `#set($sep = "${fixed === '' ? '' : ','}")`,
      `#set($skip = [${Object.keys(key).map(n => `"${n}"`).join(',')}])`,
      '#foreach($name in $body.keySet())#if(!$skip.contains($name) && !$name.contains("\'"))',
      `#set($j = "")#set($j = $input.json("$['$name']"))$sep"${escaped('$name')}":${TYPED_FROM_JSON}#set($sep = ",")#end#end`,
    ].join('');
    return bindCall(bindOptions, options, {
      values: [...valuesOf('key', options.key), ...valuesOf('item', options.item)],
      service: 'dynamodb',
      uriService: 'dynamodb',
      action: 'PutItem',
      httpMethod: 'POST',
      actions: ['dynamodb:PutItem'],
      resources: [table.tableArn],
      key: table.encryptionKey,
      // aws-cdk-lib's Table.grantWriteData: the key's read and write actions.
      keyActions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
      requestTemplate: `{"TableName":"${table.tableName}","Item":{${fixed}${fromBody}}}`,
      integrationResponses: [ok(message('Item stored')), ...errorResponses(true)],
      methodResponses: methodResponses(['200', '400', '409', '429', '500']),
    }, options.requestTemplate);
  };
}

/** Query (`dynamodb:action/Query`) of the items sharing a partition key: `{ items, count, hasMore }`. */
export function dynamoDbQuery(table: dynamodb.ITable, options: RestDynamoDbQueryOptions): ServiceBinder {
  const factory = 'RestIntegration.dynamoDbQuery';
  const pk = options.partitionKey;
  factoryError(factory, 'options.partitionKey.name', pk.name, attributeNameViolation(pk.name));
  checkNotBody(factory, 'options.partitionKey.value', pk.value, 'a partition key is a single value (a path parameter, a body field...), not the whole body');
  if (options.indexName !== undefined) factoryError(factory, 'options.indexName', options.indexName, indexNameViolation(options.indexName));
  const limit = options.limit ?? 100;
  factoryError(factory, 'options.limit', limit, queryLimitViolation(limit));
  const schema = keySchema(table, factory, options.indexName);
  const partition = schema?.partition;
  if (partition) {
    factoryError(factory, 'options.partitionKey.name', pk.name, partition.length === 1 && partition[0].name === pk.name ? undefined
      : `the partition key of ${options.indexName ? `index ${options.indexName}` : table.node.path} is ${partition.map(a => a.name).join(' and ')}`);
  }
  checkTemplate(factory, options.requestTemplate);
  return bindOptions => {
    const request = [
      `"TableName":"${table.tableName}"`,
      ...options.indexName ? [`"IndexName":"${options.indexName}"`] : [],
      '"KeyConditionExpression":"#pk = :pk"',
      `"ExpressionAttributeNames":{"#pk":"${pk.name}"}`,
      `"ExpressionAttributeValues":{":pk":${typedValue(partition?.[0].type ?? 'S', pk.value)}}`,
      `"Limit":${limit}`,
      `"ScanIndexForward":${options.scanIndexForward ?? true}`,
      `"ConsistentRead":${options.consistentRead ?? false}`,
    ];
    return bindCall(bindOptions, options, {
      values: [['partitionKey.value', pk.value]],
      service: 'dynamodb',
      uriService: 'dynamodb',
      action: 'Query',
      httpMethod: 'POST',
      actions: ['dynamodb:Query'],
      // An index query may read that index only (its ARN is the table's plus /index/<name>).
      resources: [options.indexName ? `${table.tableArn}/index/${options.indexName}` : table.tableArn],
      key: table.encryptionKey,
      keyActions: ['kms:Decrypt', 'kms:DescribeKey'],
      requestTemplate: `{${request.join(',')}}`,
      integrationResponses: [ok(QUERY_RESPONSE), ...errorResponses(true)],
      methodResponses: methodResponses(['200', '400', '409', '429', '500']),
    }, options.requestTemplate);
  };
}

// ---------------------------------------------------------------------------------------------
// S3

export function checkS3Options(factory: string, options: RestS3ObjectOptions): string {
  factoryError(factory, 'options.key', options.key?.toString(), requestParameterOf(options.key) === undefined
    ? 'an object key is a path, query-string or header parameter, a context or stage variable, or a literal without \'; '
      + 'the body is the object itself' : undefined);
  if (options.keyPrefix !== undefined) factoryError(factory, 'options.keyPrefix', options.keyPrefix, s3KeyPrefixViolation(options.keyPrefix));
  return options.keyPrefix ?? '';
}

/** The integration and method request parameters of an S3 object's key. */
export function s3KeyParameters(key: GatewayValue): { integration: { [k: string]: string }; method: { [k: string]: boolean } } {
  const source = requestParameterOf(key)!;
  const method = /^method\.request\.(querystring|header)\./.test(source) ? { [source]: false } : {};
  return { integration: { 'integration.request.path.object': source }, method };
}

/**
 * GetObject (`s3:path/<bucket>/<prefix>{object}`, GET): the object's bytes pass through with its
 * `Content-Type`. Binary objects reach clients intact only when the gateway's `binaryMediaTypes`
 * match the request's `Accept` header (otherwise API Gateway converts them to UTF-8 text).
 */
export function s3GetObject(bucket: s3.IBucket, options: RestS3ObjectOptions): ServiceBinder {
  const factory = 'RestIntegration.s3GetObject';
  const prefix = checkS3Options(factory, options);
  return bindOptions => {
    const params = s3KeyParameters(options.key);
    return bindCall(bindOptions, options, {
      values: [['key', options.key]],
      service: 's3',
      uriService: 's3',
      path: `${bucket.bucketName}/${prefix}{object}`,
      httpMethod: 'GET',
      actions: ['s3:GetObject'],
      resources: [bucket.arnForObjects(`${prefix}*`)],
      key: bucket.encryptionKey,
      keyActions: ['kms:Decrypt'],
      requestParameters: params.integration,
      methodRequestParameters: params.method,
      integrationResponses: [
        {
          statusCode: '200',
          responseParameters: {
            'method.response.header.Content-Type': 'integration.response.header.Content-Type',
            'method.response.header.ETag': 'integration.response.header.ETag',
          },
        },
        ...errorResponses(false, true),
      ],
      methodResponses: methodResponses(['200', '400', '404', '500'], ['Content-Type', 'ETag']),
    }, undefined);
  };
}

/**
 * PutObject (`s3:path/<bucket>/<prefix>{object}`, PUT): the body passes through unchanged with
 * the request's `Content-Type`. Binary bodies reach S3 intact only when the gateway's
 * `binaryMediaTypes` match the request's `Content-Type` (otherwise API Gateway reads them as
 * UTF-8 text); the payload is at most 10 MB (API Gateway's quota).
 */
export function s3PutObject(bucket: s3.IBucket, options: RestS3ObjectOptions): ServiceBinder {
  const factory = 'RestIntegration.s3PutObject';
  const prefix = checkS3Options(factory, options);
  return bindOptions => {
    const params = s3KeyParameters(options.key);
    return bindCall(bindOptions, options, {
      values: [['key', options.key]],
      service: 's3',
      uriService: 's3',
      path: `${bucket.bucketName}/${prefix}{object}`,
      httpMethod: 'PUT',
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(`${prefix}*`)],
      key: bucket.encryptionKey,
      keyActions: ['kms:GenerateDataKey'],
      requestParameters: { ...params.integration, 'integration.request.header.Content-Type': 'method.request.header.Content-Type' },
      methodRequestParameters: { ...params.method, 'method.request.header.Content-Type': false },
      integrationResponses: [
        { ...ok(message('Object stored')), responseParameters: { 'method.response.header.ETag': 'integration.response.header.ETag' } },
        ...errorResponses(false),
      ],
      methodResponses: methodResponses(['200', '400', '500'], ['ETag']),
    }, undefined);
  };
}

// ---------------------------------------------------------------------------------------------
// Input checks of the factories (for JavaScript and jsii callers; see lib/rest/input.ts)

export const A_VALUE = A_GATEWAY_VALUE;
export const VALUES = mapOf(A_VALUE);
export const TEMPLATE: InputSpec = { timeout: aDuration(), requestTemplate: aString() };

export function factoryArgs(resource: [string, InputCheck], spec: InputSpec, what: string, optionsRequired = false): InputSpec {
  const options = aStruct(spec, what);
  return { [resource[0]]: required(resource[1]), options: optionsRequired ? required(options) : options };
}

export const QUEUE: [string, InputCheck] = ['queue', aResource('an sqs.IQueue', 'queueArn')];
export const STATE_MACHINE: [string, InputCheck] = ['stateMachine', aResource('an sfn.IStateMachine', 'stateMachineArn')];
export const EXECUTION = { ...TEMPLATE, input: A_VALUE, executionName: A_VALUE };
export const TABLE: [string, InputCheck] = ['table', aResource('a dynamodb.ITable', 'tableArn')];
export const BUCKET: [string, InputCheck] = ['bucket', aResource('an s3.IBucket', 'bucketArn')];
export const S3_OBJECT = { timeout: aDuration(), key: required(A_VALUE), keyPrefix: aString() };

/** The arguments of RestIntegration's AWS-service factories, by factory (merged into lib/rest/input.ts's). */
export const REST_SERVICE_FACTORY_ARGS: { [factory: string]: InputSpec } = {
  'RestIntegration.sqsSendMessage': factoryArgs(QUEUE, {
    ...TEMPLATE, messageBody: A_VALUE, messageGroupId: A_VALUE, messageDeduplicationId: A_VALUE, delay: aDuration(undefined, 'seconds'), callerAttributes: aBoolean,
  }, 'a RestSqsSendMessageOptions object'),
  'RestIntegration.stepFunctionsStartExecution': factoryArgs(STATE_MACHINE, EXECUTION, 'a RestStepFunctionsExecutionOptions object'),
  'RestIntegration.stepFunctionsStartSyncExecution': factoryArgs(STATE_MACHINE, EXECUTION, 'a RestStepFunctionsExecutionOptions object'),
  'RestIntegration.eventBridgePutEvents': factoryArgs(['bus', aResource('an events.IEventBus', 'eventBusArn')], {
    ...TEMPLATE, source: required(aString()), detailType: required(aString()), detail: A_VALUE,
  }, 'a RestEventBridgePutEventsOptions object', true),
  'RestIntegration.kinesisPutRecord': factoryArgs(['stream', aResource('a kinesis.IStream', 'streamArn')], {
    ...TEMPLATE, partitionKey: required(A_VALUE), data: A_VALUE,
  }, 'a RestKinesisPutRecordOptions object', true),
  'RestIntegration.dynamoDbGetItem': factoryArgs(TABLE, { ...TEMPLATE, key: required(VALUES), consistentRead: aBoolean },
    'a RestDynamoDbGetItemOptions object', true),
  'RestIntegration.dynamoDbPutItem': factoryArgs(TABLE, { ...TEMPLATE, key: VALUES, item: VALUES }, 'a RestDynamoDbPutItemOptions object'),
  'RestIntegration.dynamoDbQuery': factoryArgs(TABLE, {
    ...TEMPLATE,
    partitionKey: required(aStruct({ name: required(aString()), value: required(A_VALUE) }, 'a RestDynamoDbKeyValue object')),
    indexName: aString(),
    limit: aNumber(),
    scanIndexForward: aBoolean,
    consistentRead: aBoolean,
  }, 'a RestDynamoDbQueryOptions object', true),
  'RestIntegration.s3GetObject': factoryArgs(BUCKET, S3_OBJECT, 'a RestS3ObjectOptions object', true),
  'RestIntegration.s3PutObject': factoryArgs(BUCKET, S3_OBJECT, 'a RestS3ObjectOptions object', true),
};
