/**
 * Invitation: an offer to join a tenant with given roles, addressed to one email. The token is
 * never stored, only its SHA-256, found from any tenant through a platform-level lookup guard
 * (the person accepting may belong to no tenant yet). One pending invitation per email per tenant
 * is kept by a guard on `pendingEmail`, a field set only while the invitation is pending.
 * "Expired" is decided in code from `expiresAt`, never left to TTL.
 */
import * as z from 'zod/mini';
import { EmailSchema, IdSchema, ItemMetaShape, TimestampSchema, doc, trimmedText } from '../../../core/schemas.js';
import { defineEntity } from '../../../core/store/entity.js';
import { RolesSchema } from '../../tenancy/models/user.js';

export const STORED_INVITATION_STATUSES = ['pending', 'accepted', 'revoked'] as const;
export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const InvitationMessageSchema = trimmedText(1, 1000);

export const InvitationDataSchema = z.object({
  tenantId: IdSchema,
  id: IdSchema,
  email: EmailSchema,
  roles: RolesSchema,
  message: z.optional(InvitationMessageSchema),
  status: z.enum(STORED_INVITATION_STATUSES),
  tokenHash: z.string(),
  /** The email while pending, absent otherwise: the guard on it allows one pending invitation per email. */
  pendingEmail: z.optional(z.string()),
  expiresAt: TimestampSchema,
  invitedBy: z.string(),
  lastSentAt: TimestampSchema,
  sendCount: z.int().check(z.minimum(1)),
  acceptedAt: z.optional(TimestampSchema),
  acceptedBy: z.optional(z.string()),
  revokedAt: z.optional(TimestampSchema),
  revokedBy: z.optional(z.string()),
});

export type StoredInvitation = z.infer<typeof InvitationDataSchema> & z.infer<z.ZodMiniObject<typeof ItemMetaShape>>;

export const invitationEntity = defineEntity({
  name: 'Invitation',
  schemaVersion: 1,
  scope: 'tenant',
  schema: InvitationDataSchema,
  primary: { pk: 'T#{tenantId}#INVITATION#{id}', sk: 'INVITATION' },
  patterns: {
    byTenant: { index: 'gsi1', pk: 'T#{tenantId}#INVITATIONS', sk: '{id}' },
    byStatus: { index: 'gsi2', pk: 'T#{tenantId}#INVITATIONS#{status}', sk: '{expiresAt}#{id}' },
  },
  unique: {
    token: { fields: ['tokenHash'], key: 'P#INVITATION_TOKEN#{tokenHash}', scope: 'platform' },
    pendingEmail: { fields: ['pendingEmail'], key: 'T#{tenantId}#INVITATION_PENDING#{pendingEmail}' },
  },
});

/** What the API shows: no hash, no bookkeeping field, and the status as of now. */
export const InvitationSchema = doc(
  z.object({
    // The stored fields but the token hash and the pending-email bookkeeping, with the status as of now.
    ...z.omit(InvitationDataSchema, { tokenHash: true, pendingEmail: true }).def.shape,
    status: z.enum(INVITATION_STATUSES),
    ...ItemMetaShape,
  }),
  { id: 'Invitation' },
);
export type Invitation = z.infer<typeof InvitationSchema>;

export const effectiveInvitationStatus = (invitation: Pick<StoredInvitation, 'status' | 'expiresAt'>, now: Date): InvitationStatus =>
  invitation.status === 'pending' && Date.parse(invitation.expiresAt) <= now.getTime() ? 'expired' : invitation.status;

export const toInvitationView = (stored: StoredInvitation, now: Date): Invitation => {
  const { tokenHash: _hash, pendingEmail: _pending, ...rest } = stored;
  return { ...rest, status: effectiveInvitationStatus(stored, now) };
};
