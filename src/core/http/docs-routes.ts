/**
 * GET /openapi.json and GET /docs (a browsable reference rendered by Swagger UI). Both public;
 * the asset base points at the local server's copy of swagger-ui-dist, or a CDN when deployed.
 */
import * as z from 'zod/mini';
import { buildOpenApiDocument, type OpenApiOptions } from './openapi.js';
import { defineRoute, json, type Route } from './route.js';

export interface DocsRoutesOptions extends OpenApiOptions {
  /** Where swagger-ui.css and swagger-ui-bundle.js are served from. */
  assetsBase?: string;
}

const page = (assets: string, title: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${assets}/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="${assets}/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#reference', deepLinking: true, persistAuthorization: true });</script>
</body>
</html>
`;

export const createDocsRoutes = (routes: readonly Route[], options: DocsRoutesOptions = {}): Route[] => {
  let document: Record<string, unknown> | undefined;
  const title = options.title ?? 'Geek Cafe SaaS API';
  const assets = options.assetsBase ?? 'https://unpkg.com/swagger-ui-dist@5';
  const openApiOptions = { apiKeyHeader: 'x-api-key', ...options };
  const common = { tags: ['platform'], access: 'public' as const, tenant: 'optional' as const, idempotent: false };
  return [
    defineRoute({
      ...common,
      method: 'GET',
      path: '/openapi.json',
      operationId: 'getOpenApiDocument',
      summary: 'The OpenAPI 3.1 document',
      responses: { 200: { description: 'OpenAPI 3.1 document.', schema: z.record(z.string(), z.unknown()) } },
      handler: async () => {
        document ??= buildOpenApiDocument(routes, openApiOptions);
        return json(200, document, { 'cache-control': 'public, max-age=60' });
      },
    }),
    defineRoute({
      ...common,
      method: 'GET',
      path: '/docs',
      operationId: 'getApiReference',
      summary: 'Browsable API reference',
      responses: { 200: { description: 'HTML page.', contentType: 'text/html' } },
      handler: async () => ({ status: 200, body: page(assets, title), contentType: 'text/html; charset=utf-8', headers: { 'cache-control': 'public, max-age=60' } }),
    }),
  ];
};
