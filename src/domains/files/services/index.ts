import type { Runtime } from '../../../core/runtime.js';
import { createBundleService, type BundleService } from './bundle-service.js';
import { createDerivationService, type DerivationService } from './derivation-service.js';
import { createFileDeletion, type FileDeletion } from './file-deletion.js';
import { createFileService, type FileService } from './file-service.js';
import { createLineageService, type LineageService } from './lineage-service.js';
import { createTransferService, type TransferService } from './transfer-service.js';

export interface FilesServices {
  files: FileService;
  transfers: TransferService;
  derivations: DerivationService;
  lineage: LineageService;
  deletion: FileDeletion;
  bundles: BundleService;
}

// One accessor per service, each made once per runtime: a route imports only the service it
// uses, so a one-route Lambda bundle carries no other service (and the record and lineage reads
// carry no S3 client at all).
export const fileService = (runtime: Runtime): FileService => runtime.service('files.files', createFileService);
export const transferService = (runtime: Runtime): TransferService => runtime.service('files.transfers', createTransferService);
export const derivationService = (runtime: Runtime): DerivationService => runtime.service('files.derivations', createDerivationService);
export const lineageService = (runtime: Runtime): LineageService => runtime.service('files.lineage', createLineageService);
export const fileDeletion = (runtime: Runtime): FileDeletion => runtime.service('files.deletion', createFileDeletion);
export const bundleService = (runtime: Runtime): BundleService => runtime.service('files.bundles', createBundleService);

/** Every files service of a runtime. */
export const files = (runtime: Runtime): FilesServices => ({
  files: fileService(runtime),
  transfers: transferService(runtime),
  derivations: derivationService(runtime),
  lineage: lineageService(runtime),
  deletion: fileDeletion(runtime),
  bundles: bundleService(runtime),
});

export { createBundleService, createDerivationService, createFileDeletion, createFileService, createLineageService, createTransferService };
export type { BundleService, DerivationService, FileDeletion, FileService, LineageService, TransferService };
export type { ListFilesInput } from './file-service.js';
export type { LineagePlacement, NewFileInput } from './transfer-service.js';
export type { Lineage } from './lineage-service.js';
export { derivationKeyOf } from './lineage-rules.js';
