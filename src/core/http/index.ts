export * from './route.js';
export * from './app.js';
export * from './lambda.js';
export * from './apigw.js';
export * from './problem.js';
export * from './idempotency.js';
export { healthRoute } from './health-route.js';
export { createDocsRoutes, type DocsRoutesOptions } from './docs-routes.js';
export { buildOpenApiDocument, type OpenApiOptions } from './openapi.js';
