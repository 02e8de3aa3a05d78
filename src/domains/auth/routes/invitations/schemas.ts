import * as z from 'zod/mini';
import { EmailSchema, IdSchema, PageQueryShape, doc, pageOf } from '../../../../core/schemas.js';
import { RolesSchema, UserNameSchema, UserSchema } from '../../../tenancy/models/user.js';
import { INVITATION_STATUSES, InvitationMessageSchema, InvitationSchema } from '../../models/invitation.js';
import { INVITATION_TOKEN_PATTERN } from '../../services/invitation-tokens.js';

export const InvitationParams = z.object({ invitationId: IdSchema });
const ExpiresInDays = z.optional(doc(z.int().check(z.minimum(1), z.maximum(30)), { description: 'Days until the invitation expires (default 7).' }));

export const InviteBody = z.strictObject({ email: EmailSchema, roles: RolesSchema, message: z.optional(InvitationMessageSchema), expiresInDays: ExpiresInDays });
export const ResendBody = z.strictObject({ expiresInDays: ExpiresInDays });

export const InvitationWithUrl = z.object({
  invitation: InvitationSchema,
  acceptUrl: doc(z.string(), { description: 'Shown once: the link holding the token. Only its hash is stored.' }),
});

export const AcceptBody = z.strictObject({
  token: z.string().check(z.regex(INVITATION_TOKEN_PATTERN, { error: 'must be an invitation token (43 characters, base64url)' })),
  name: z.optional(UserNameSchema),
});
export const Accepted = z.object({ invitation: InvitationSchema, user: UserSchema });

export const ListInvitationsQuery = z.object({ status: z.optional(z.enum(INVITATION_STATUSES)), ...PageQueryShape });
export const InvitationPage = pageOf(InvitationSchema);
