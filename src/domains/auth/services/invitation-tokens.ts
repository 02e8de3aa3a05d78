/** Invitation tokens: 32 random bytes, base64url; only their SHA-256 is stored. */
import { randomBytes } from 'node:crypto';
import { hashSecret } from '../../../core/auth/api-key-format.js';

export const INVITATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const newInvitationToken = (): { token: string; tokenHash: string } => {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashSecret(token) };
};

export const acceptUrlFor = (template: string, token: string): string => template.replace('{token}', encodeURIComponent(token));
