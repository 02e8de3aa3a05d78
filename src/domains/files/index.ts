/** `geek-cafe-saas-sdk/files`: files in S3 with presigned uploads and downloads, and their lineage. */
export * from './models/file.js';
export * from './services/index.js';
export * from './routes/index.js';
export { createS3Storage, fileStorageOf, contentDisposition, FILE_STORAGE, S3_CLIENT, type FileStorage, type PresignedUpload } from './storage/file-storage.js';
