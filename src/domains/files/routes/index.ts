import type { Route } from '../../../core/http/route.js';
import { bundleLineageRoute } from './bundle-route.js';
import { deleteFileRoute } from './delete-route.js';
import { deriveFileRoute, makeMainFileRoute } from './derivation-routes.js';
import { getLineageRoute, listDerivedFilesRoute } from './lineage-routes.js';
import { archiveFileRoute, getFileRoute, listFilesRoute, updateFileRoute } from './record-routes.js';
import { completeFileRoute, createFileRoute, downloadFileRoute, uploadUrlRoute } from './transfer-routes.js';

// Route modules are grouped by the one service their routes call, so that a one-route Lambda
// bundles that service only (esbuild keeps every defineRoute of a module it imports).
export * from './bundle-route.js';
export * from './delete-route.js';
export * from './derivation-routes.js';
export * from './lineage-routes.js';
export * from './record-routes.js';
export * from './transfer-routes.js';

export const fileRoutes: readonly Route[] = [
  createFileRoute,
  listFilesRoute,
  getFileRoute,
  updateFileRoute,
  deleteFileRoute,
  uploadUrlRoute,
  completeFileRoute,
  downloadFileRoute,
  archiveFileRoute,
  makeMainFileRoute,
  deriveFileRoute,
  listDerivedFilesRoute,
  getLineageRoute,
  bundleLineageRoute,
];
