/**
 * The local HTTP server: every API request becomes an API Gateway v2 event for the Lambda handler
 * (one code path with AWS). Around it only what API Gateway or a CDN would serve: the JWKS of the
 * local issuer and the API reference's static assets.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { JSONWebKeySet } from 'jose';
import type { LambdaHandler } from '../core/http/apigw.js';
import { toGatewayEvent, writeGatewayResult } from './apigw-event.js';

/** API Gateway refuses payloads above 10 MB before any Lambda runs; so does the local server. */
const GATEWAY_MAX_BODY = 10 * 1024 * 1024;
const ASSETS: Record<string, string> = { 'swagger-ui.css': 'text/css', 'swagger-ui-bundle.js': 'application/javascript' };

export interface LocalServerOptions {
  handler: LambdaHandler;
  jwks?: JSONWebKeySet;
  port: number;
  host?: string;
}

const readBody = (req: IncomingMessage): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > GATEWAY_MAX_BODY) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const swaggerDir = (): string | undefined => {
  try {
    return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  } catch {
    return undefined;
  }
};

const sendJson = (res: ServerResponse, status: number, body: unknown, type = 'application/json'): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
};

export const createLocalServer = (options: LocalServerOptions): Server => {
  const assets = swaggerDir();
  return createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (req.method === 'GET' && path === '/.well-known/jwks.json' && options.jwks !== undefined) return sendJson(res, 200, options.jwks);
      const asset = path.startsWith('/docs/assets/') ? path.slice('/docs/assets/'.length) : undefined;
      if (req.method === 'GET' && asset !== undefined && assets !== undefined && ASSETS[asset] !== undefined) {
        const content = await readFile(join(assets, asset));
        res.writeHead(200, { 'content-type': ASSETS[asset], 'cache-control': 'public, max-age=3600' });
        return res.end(content);
      }
      const body = await readBody(req);
      if (body === undefined) {
        return sendJson(res, 413, { type: 'about:blank', title: 'Content Too Large', status: 413, detail: 'Request bodies above 10 MB are refused by the gateway.', code: 'payload_too_large' }, 'application/problem+json');
      }
      writeGatewayResult(res, await options.handler(toGatewayEvent(req, body)));
    })().catch((error: unknown) => {
      process.stderr.write(`local server: ${(error as Error).message}\n`);
      if (!res.headersSent) sendJson(res, 500, { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'The local server failed.', code: 'internal_error' }, 'application/problem+json');
      else res.end();
    });
  });
};

export const listen = (server: Server, port: number, host = '127.0.0.1'): Promise<void> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
