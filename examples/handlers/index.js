// A minimal handler used by the examples: echoes the route and stage.
exports.handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ route: event.resource, stage: event.requestContext && event.requestContext.stage }),
});
