/** The S3-compatible local server (s3rver), with the files bucket created on start. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { assertPortFree } from './ports.js';

/** The credentials s3rver checks signatures with. */
export const S3_LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** A client for the local server: path-style URLs, and our own checksums only. */
export const localS3Client = (endpoint: string, region = 'us-east-1'): S3Client =>
  new S3Client({ region, endpoint, forcePathStyle: true, credentials: S3_LOCAL_CREDENTIALS, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });

export interface S3Local {
  endpoint: string;
  stop(): Promise<void>;
}

export const startS3Local = async (options: { port: number; dataDir: string; bucket: string; portVariable?: string }): Promise<S3Local> => {
  await assertPortFree(options.port, options.portVariable ?? 'S3_PORT');
  const directory = resolve(options.dataDir);
  mkdirSync(directory, { recursive: true });
  // Loaded on demand: s3rver is a development dependency, never part of a Lambda bundle.
  const { default: S3rver } = await import('s3rver');
  const server = new S3rver({ port: options.port, address: '127.0.0.1', directory, silent: true, configureBuckets: [{ name: options.bucket, configs: [] }] });
  await server.run();
  return { endpoint: `http://127.0.0.1:${options.port}`, stop: () => server.close() };
};
