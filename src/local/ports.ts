import { createServer } from 'node:net';
import { LocalRuntimeError } from './errors.js';

/** Resolves when the port can be bound on loopback; a clear error naming the variable to change otherwise. */
export const assertPortFree = (port: number, variable: string, host = '127.0.0.1'): Promise<void> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new LocalRuntimeError(`Port ${port} is already in use.`, `Stop whatever uses it, or choose another port: ${variable}=<port> npm start`)
          : error,
      );
    });
    server.listen(port, host, () => server.close(() => resolve()));
  });

/** A free ephemeral port chosen by the OS (tests). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
