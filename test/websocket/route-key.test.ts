import { Token } from 'aws-cdk-lib';
import {
  routeSelectionExpressionViolation, webSocketIdentitySourceViolation, webSocketRouteKeyViolation,
} from '../../lib/websocket/route-key';

describe('WebSocket route keys (rule 22)', () => {
  // Keys are the evaluated selection expression, e.g. `${request.body.service}/${request.body.action}` -> `chat/join`.
  test.each(['$connect', '$disconnect', '$default', 'sendMessage', 'chat.join', 'a_b-c', 'x$y', 'A'.repeat(128), 'chat/join', 'send message', 'naïve'])('accepts %s', key => {
    expect(webSocketRouteKeyViolation(key)).toBeUndefined();
  });
  test.each(['$other', '$Connect', '$'])('rejects the unreserved $-key %s', key => {
    expect(webSocketRouteKeyViolation(key)).toMatch(/starting with '\$' are reserved: only \$connect, \$disconnect, \$default/);
  });
  test.each(['', 'A'.repeat(129), 'line\nbreak', 'tab\there'])('rejects %j', key => {
    expect(webSocketRouteKeyViolation(key)).toMatch(/1 to 128 characters/);
  });
  test('rejects a token: a route key names the route\'s constructs, so it is fixed at synth time (found by npm run fuzz)', () => {
    expect(webSocketRouteKeyViolation(Token.asString({ Ref: 'X' }))).toMatch(/fixed at synth time .* not a deploy-time token/);
  });
});

describe('route selection expressions (rule 22)', () => {
  test.each([
    '$request.body.action', '$request.body.message.type', '${request.body.service}/${request.body.action}',
    '$request.body.items[0].type', "$request.body['action']",
  ])('accepts %s', e => {
    expect(routeSelectionExpressionViolation(e)).toBeUndefined();
  });
  test.each(['action', '$request.header.action', '$request.body', '$context.routeKey'])('rejects %s', e => {
    expect(routeSelectionExpressionViolation(e)).toMatch(/selects a property of the JSON message body/);
  });
});

describe('identity sources (rule 20)', () => {
  test.each(['route.request.header.Authorization', 'route.request.querystring.token', 'stageVariables.key', 'context.tenant'])('accepts %s', s => {
    expect(webSocketIdentitySourceViolation(s)).toBeUndefined();
  });
  test.each(['method.request.header.Authorization', '$request.header.Auth', 'route.request.body.token', 'route.request.header.'])('rejects %s', s => {
    expect(webSocketIdentitySourceViolation(s)).toMatch(/route\.request\.header\.NAME/);
  });
});
