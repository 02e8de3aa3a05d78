/**
 * Invitations: invite (one pending per email per tenant; never to an active member; only roles
 * the inviter may grant), list and read, resend (new token and expiry, roles restated as of now),
 * revoke, and accept: the invited person, signed in with the invited email, gets the membership
 * with the invited roles in the same transaction that marks the invitation accepted.
 */
import { assertCanGrant, roleCountOps } from '../../../core/access/role-grants.js';
import { requirePermission } from '../../../core/access/policies.js';
import { hashSecret } from '../../../core/auth/api-key-format.js';
import { ERROR_CODES } from '../../../core/constants.js';
import { withTenant, type RequestContext } from '../../../core/context.js';
import { AppError, ConflictError, ForbiddenError, GoneError, NotFoundError, RuleViolationError } from '../../../core/errors.js';
import { domainEvent } from '../../../core/events.js';
import { newId } from '../../../core/ids.js';
import type { Runtime } from '../../../core/runtime.js';
import type { Page } from '../../../core/store/store.js';
import { pageOptions } from '../../../core/store/store.js';
import type { WriteOp } from '../../../core/store/write-ops.js';
import { userEntity, type User } from '../../tenancy/models/user.js';
import { effectiveInvitationStatus, invitationEntity, toInvitationView, type Invitation, type InvitationStatus, type StoredInvitation } from '../models/invitation.js';
import { acceptUrlFor, newInvitationToken } from './invitation-tokens.js';
import { customRolesExist } from './role-checks.js';

export interface InviteInput {
  email: string;
  roles: string[];
  message?: string | undefined;
  expiresInDays?: number | undefined;
}

const DAY_MS = 86_400_000;
const an = (word: string): string => `${/^[aeiou]/.test(word) ? 'An' : 'A'} ${word}`;

export const createInvitationService = (runtime: Runtime) => {
  const { store, clock, config, access, events } = runtime;
  const now = () => clock.now();
  const expiryFrom = (days: number | undefined): string => new Date(now().getTime() + (days ?? config.invitations.defaultExpiryDays) * DAY_MS).toISOString();

  const mustGet = async (ctx: RequestContext, id: string): Promise<StoredInvitation> => {
    const found = await store.get(ctx, invitationEntity, { id });
    if (found === undefined) throw new NotFoundError('Invitation');
    return found;
  };

  /** An expired invitation still holds its pending-email guard: release it so that it never blocks a new one. */
  const releaseIfExpired = async (ctx: RequestContext, email: string): Promise<boolean> => {
    const holder = await store.findByUnique(ctx, invitationEntity, 'pendingEmail', { pendingEmail: email });
    if (holder === undefined) return true;
    if (effectiveInvitationStatus(holder, now()) !== 'expired') return false;
    await store.update(ctx, invitationEntity, { id: holder.id }, { pendingEmail: null }, { current: holder }).catch(() => undefined);
    return true;
  };

  const assertNotMember = async (ctx: RequestContext, email: string): Promise<void> => {
    const member = await store.findByUnique(ctx, userEntity, 'email', { email });
    if (member !== undefined && member.status !== 'disabled') {
      throw new ConflictError(ERROR_CODES.alreadyMember, `${email} is already a member of this tenant.`, { details: { userId: member.id } });
    }
  };

  const publish = (ctx: RequestContext, type: string, invitation: StoredInvitation, acceptUrl?: string) =>
    events.publish(domainEvent(ctx, clock, type, {
      invitationId: invitation.id,
      email: invitation.email,
      roles: invitation.roles,
      expiresAt: invitation.expiresAt,
      ...(invitation.message === undefined ? {} : { message: invitation.message }),
      ...(acceptUrl === undefined ? {} : { acceptUrl }),
    }, invitation.tenantId));

  return {
    async create(ctx: RequestContext, input: InviteInput): Promise<{ invitation: Invitation; acceptUrl: string }> {
      requirePermission(ctx, 'invitations:create');
      const roles = assertCanGrant(ctx, input.roles);
      await assertNotMember(ctx, input.email);
      const { token, tokenHash } = newInvitationToken();
      const at = now().toISOString();
      const data = {
        tenantId: ctx.tenantId as string, id: newId(), email: input.email, roles, status: 'pending', tokenHash, pendingEmail: input.email,
        expiresAt: expiryFrom(input.expiresInDays), invitedBy: ctx.userId, lastSentAt: at, sendCount: 1,
        ...(input.message === undefined ? {} : { message: input.message }),
      };
      const write = () => store.write(ctx, [{ type: 'create', entity: invitationEntity, data }, ...customRolesExist(roles)]);
      let created: StoredInvitation;
      try {
        created = (await write())[0] as StoredInvitation;
      } catch (error) {
        const pendingTaken = error instanceof AppError && error.code === ERROR_CODES.uniqueViolation && error.details?.['constraint'] === 'pendingEmail';
        if (!pendingTaken) throw error;
        if (!(await releaseIfExpired(ctx, input.email))) {
          throw new ConflictError(ERROR_CODES.invitationPending, `${input.email} already has a pending invitation; resend or revoke it.`, { details: { field: 'body.email' } });
        }
        created = (await write())[0] as StoredInvitation;
      }
      const acceptUrl = acceptUrlFor(config.invitations.acceptUrl, token);
      await publish(ctx, 'invitation.created', created, acceptUrl);
      return { invitation: toInvitationView(created, now()), acceptUrl };
    },

    async get(ctx: RequestContext, id: string): Promise<Invitation> {
      requirePermission(ctx, 'invitations:read');
      return toInvitationView(await mustGet(ctx, id), now());
    },

    async list(ctx: RequestContext, input: { status?: InvitationStatus | undefined; limit?: number | undefined; cursor?: string | undefined }): Promise<Page<Invitation>> {
      requirePermission(ctx, 'invitations:read');
      const paging = { order: 'desc' as const, ...pageOptions(input) };
      const at = now().toISOString();
      // Pending and expired are both stored as pending, sorted by expiry: one range query each.
      const page = input.status === undefined
        ? await store.query(ctx, invitationEntity, 'byTenant', {}, paging)
        : input.status === 'pending' || input.status === 'expired'
          ? await store.query(ctx, invitationEntity, 'byStatus', { status: 'pending' }, { ...paging, sk: { op: input.status === 'pending' ? '>' : '<', values: { expiresAt: at } } })
          : await store.query(ctx, invitationEntity, 'byStatus', { status: input.status }, paging);
      return { items: page.items.map((i) => toInvitationView(i, now())), nextCursor: page.nextCursor };
    },

    async resend(ctx: RequestContext, id: string, input: { expiresInDays?: number | undefined }, ifMatch: number | undefined): Promise<{ invitation: Invitation; acceptUrl: string }> {
      requirePermission(ctx, 'invitations:resend');
      const current = await mustGet(ctx, id);
      const status = effectiveInvitationStatus(current, now());
      if (status !== 'pending' && status !== 'expired') {
        throw new RuleViolationError(ERROR_CODES.invalidTransition, `${an(status)} invitation cannot be resent.`, { details: { from: status } });
      }
      // The roles are restated as of now: the resender must still be allowed to grant them, and custom ones must still exist.
      assertCanGrant(ctx, current.roles);
      await assertNotMember(ctx, current.email);
      const { token, tokenHash } = newInvitationToken();
      const changes = { tokenHash, pendingEmail: current.email, expiresAt: expiryFrom(input.expiresInDays), lastSentAt: now().toISOString(), sendCount: current.sendCount + 1 };
      const version = ifMatch === undefined ? {} : { expectedVersion: ifMatch, versionSource: 'if-match' as const };
      const [updated] = await store.write(ctx, [{ type: 'update', entity: invitationEntity, key: { id }, changes, current, ...version }, ...customRolesExist(current.roles)]).catch((error: unknown) => {
        if (error instanceof AppError && error.code === ERROR_CODES.uniqueViolation) {
          throw new ConflictError(ERROR_CODES.invitationPending, `${current.email} has another pending invitation.`);
        }
        throw error;
      });
      const acceptUrl = acceptUrlFor(config.invitations.acceptUrl, token);
      await publish(ctx, 'invitation.resent', updated as StoredInvitation, acceptUrl);
      return { invitation: toInvitationView(updated as StoredInvitation, now()), acceptUrl };
    },

    async revoke(ctx: RequestContext, id: string, ifMatch: number | undefined): Promise<Invitation> {
      requirePermission(ctx, 'invitations:revoke');
      const current = await mustGet(ctx, id);
      const status = effectiveInvitationStatus(current, now());
      if (status !== 'pending' && status !== 'expired') {
        throw new RuleViolationError(ERROR_CODES.invalidTransition, `${an(status)} invitation cannot be revoked.`, { details: { from: status } });
      }
      const changes = { status: 'revoked', pendingEmail: null, revokedAt: now().toISOString(), revokedBy: ctx.userId };
      const updated = await store.update(ctx, invitationEntity, { id }, changes, { current, ...(ifMatch === undefined ? {} : { expectedVersion: ifMatch, versionSource: 'if-match' as const }) });
      await publish(ctx, 'invitation.revoked', updated);
      return toInvitationView(updated, now());
    },

    /** The signed-in person named by the invitation joins its tenant. Their own tenant, if any, does not matter. */
    async accept(ctx: RequestContext, token: string, name: string | undefined): Promise<{ invitation: Invitation; user: User }> {
      requirePermission(ctx, 'invitations:accept');
      const invitation = await store.findByUnique(ctx, invitationEntity, 'token', { tokenHash: hashSecret(token) });
      if (invitation === undefined) throw new NotFoundError('Invitation');
      const status = effectiveInvitationStatus(invitation, now());
      if (status === 'accepted') throw new ConflictError(ERROR_CODES.invitationAlreadyAccepted, 'This invitation has already been accepted.');
      if (status === 'revoked') throw new GoneError(ERROR_CODES.invitationRevoked, 'This invitation was revoked.');
      if (status === 'expired') throw new GoneError(ERROR_CODES.invitationExpired, 'This invitation has expired; ask for a new one.');
      if (ctx.email === undefined || ctx.email !== invitation.email) {
        throw new ForbiddenError(ERROR_CODES.emailMismatch, 'This invitation is addressed to another email than the one you are signed in with.');
      }
      const inTenant = withTenant(ctx, invitation.tenantId);
      const at = now().toISOString();
      const existing = await store.get(inTenant, userEntity, { id: ctx.userId });
      if (existing !== undefined && existing.status !== 'disabled') {
        throw new ConflictError(ERROR_CODES.alreadyMember, 'You are already a member of this tenant.');
      }
      const membership: WriteOp = existing === undefined
        ? { type: 'create', entity: userEntity, data: { tenantId: invitation.tenantId, id: ctx.userId, email: invitation.email, name: name ?? invitation.email.split('@')[0] ?? invitation.email, roles: invitation.roles, status: 'active', activatedAt: at, lastSeenAt: at } }
        : { type: 'update', entity: userEntity, key: { id: ctx.userId }, changes: { roles: invitation.roles, status: 'active', disabledAt: null, email: invitation.email }, current: existing };
      try {
        const [accepted, user] = await store.write(inTenant, [
          { type: 'update', entity: invitationEntity, key: { id: invitation.id }, changes: { status: 'accepted', pendingEmail: null, acceptedAt: at, acceptedBy: ctx.userId }, current: invitation },
          membership,
          ...roleCountOps(existing?.roles ?? [], invitation.roles),
        ]);
        access.invalidateMember(invitation.tenantId, ctx.userId);
        await publish(inTenant, 'invitation.accepted', accepted as StoredInvitation);
        return { invitation: toInvitationView(accepted as StoredInvitation, now()), user: user as User };
      } catch (error) {
        // Lost the race to another accept of the same invitation: say so plainly.
        if (error instanceof AppError && error.code === ERROR_CODES.versionConflict && error.details?.['entity'] === 'Invitation') {
          throw new ConflictError(ERROR_CODES.invitationAlreadyAccepted, 'This invitation has already been accepted.');
        }
        throw error;
      }
    },
  };
};

export type InvitationService = ReturnType<typeof createInvitationService>;
