/** Where the one-machine runtime keeps its state (DATA_DIR, default `.data/`). */
import { resolve } from 'node:path';

export const dataDir = (env: Record<string, string | undefined> = process.env): string => resolve(env['DATA_DIR'] ?? '.data');
