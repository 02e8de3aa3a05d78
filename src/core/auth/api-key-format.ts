/**
 * API keys look like `gcsk_` + 32 random bytes (base64url, 43 characters) + a 6-character
 * checksum (CRC-32 of the random part, base64url). The prefix lets secret scanners find leaked
 * keys; the checksum lets a typo be refused without a database read. Only the SHA-256 of a key is
 * ever stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

export const API_KEY_PREFIX = 'gcsk_';
const SECRET_CHARS = 43;
const CHECKSUM_CHARS = 6;
const FORMAT = new RegExp(`^${API_KEY_PREFIX}([A-Za-z0-9_-]{${SECRET_CHARS}})([A-Za-z0-9_-]{${CHECKSUM_CHARS}})$`);
/** How much of a key is kept for display: the prefix and the first characters of the secret. */
export const DISPLAY_CHARS = API_KEY_PREFIX.length + 8;

const checksumOf = (secret: string): string => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc32(secret) >>> 0);
  return bytes.toString('base64url');
};

export const hashSecret = (value: string): string => createHash('sha256').update(value, 'utf8').digest('base64url');

export interface NewApiKey {
  key: string;
  keyHash: string;
  displayPrefix: string;
}

export const generateApiKey = (): NewApiKey => {
  const secret = randomBytes(32).toString('base64url');
  const key = `${API_KEY_PREFIX}${secret}${checksumOf(secret)}`;
  return { key, keyHash: hashSecret(key), displayPrefix: key.slice(0, DISPLAY_CHARS) };
};

/** True when the string has the shape and a correct checksum: worth a lookup. */
export const isWellFormedApiKey = (key: string): boolean => {
  const match = FORMAT.exec(key);
  return match !== null && checksumOf(match[1] as string) === match[2];
};
