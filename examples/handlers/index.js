// A minimal handler used by the examples: echoes the route, the stage and the alias it ran as.
exports.handler = async (event, context) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    route: event.resource || event.routeKey,
    stage: event.requestContext && event.requestContext.stage,
    alias: context.invokedFunctionArn.split(':')[7] || null,
  }),
});
