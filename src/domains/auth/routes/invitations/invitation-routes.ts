/** Invitations over HTTP: invite, list, read, resend, revoke, and accept. */
import { defineRoute, json, resource } from '../../../../core/http/route.js';
import { InvitationSchema } from '../../models/invitation.js';
import { invitationService } from '../../services/index.js';
import { AcceptBody, Accepted, InvitationPage, InvitationParams, InvitationWithUrl, InviteBody, ListInvitationsQuery, ResendBody } from './schemas.js';

const tags = ['invitations'];

export const createInvitationRoute = defineRoute({
  method: 'POST',
  path: '/invitations',
  operationId: 'createInvitation',
  summary: 'Invite someone to the tenant',
  description: 'Returns the accept URL once (its token is stored only as a hash) and emits `invitation.created`. One pending invitation per email; never to an active member (409); only roles you may grant (403).',
  tags,
  permission: 'invitations:create',
  body: InviteBody,
  responses: { 201: { description: 'The invitation and its accept URL.', schema: InvitationWithUrl } },
  handler: async ({ ctx, body, runtime }) => {
    const result = await invitationService(runtime).create(ctx, body);
    // The body carries the accept URL beside the invitation; the ETag and Location are the invitation's.
    return { ...resource(201, result.invitation, { location: `/invitations/${encodeURIComponent(result.invitation.id)}` }), body: result };
  },
});

export const listInvitationsRoute = defineRoute({
  method: 'GET',
  path: '/invitations',
  operationId: 'listInvitations',
  summary: 'List invitations',
  description: 'Newest first; `status=pending|expired|accepted|revoked` (expired is computed from the expiry).',
  tags,
  permission: 'invitations:read',
  query: ListInvitationsQuery,
  responses: { 200: { description: 'One page of invitations.', schema: InvitationPage } },
  handler: async ({ ctx, query, runtime }) => json(200, await invitationService(runtime).list(ctx, query)),
});

export const getInvitationRoute = defineRoute({
  method: 'GET',
  path: '/invitations/{invitationId}',
  operationId: 'getInvitation',
  summary: 'Get an invitation',
  tags,
  permission: 'invitations:read',
  params: InvitationParams,
  responses: { 200: { description: 'The invitation.', schema: InvitationSchema } },
  handler: async ({ ctx, params, runtime }) => resource(200, await invitationService(runtime).get(ctx, params.invitationId)),
});

export const resendInvitationRoute = defineRoute({
  method: 'POST',
  path: '/invitations/{invitationId}/resend',
  operationId: 'resendInvitation',
  summary: 'Resend an invitation',
  description: 'A new token and a new expiry (the old link stops working); the roles are checked again as of now.',
  tags,
  permission: 'invitations:resend',
  params: InvitationParams,
  body: ResendBody,
  responses: { 200: { description: 'The invitation and its new accept URL.', schema: InvitationWithUrl } },
  handler: async ({ ctx, params, body, ifMatch, runtime }) => {
    const result = await invitationService(runtime).resend(ctx, params.invitationId, body, ifMatch);
    return { ...resource(200, result.invitation), body: result };
  },
});

export const revokeInvitationRoute = defineRoute({
  method: 'POST',
  path: '/invitations/{invitationId}/revoke',
  operationId: 'revokeInvitation',
  summary: 'Revoke an invitation',
  tags,
  permission: 'invitations:revoke',
  params: InvitationParams,
  responses: { 200: { description: 'The revoked invitation.', schema: InvitationSchema } },
  handler: async ({ ctx, params, ifMatch, runtime }) => resource(200, await invitationService(runtime).revoke(ctx, params.invitationId, ifMatch)),
});

export const acceptInvitationRoute = defineRoute({
  method: 'POST',
  path: '/invitations/accept',
  operationId: 'acceptInvitation',
  summary: 'Accept an invitation',
  description: 'For the signed-in person the invitation is addressed to (their email must match: 403), whatever tenant they belong to, if any. The membership is created or re-activated with the invited roles in the same transaction. Accepted already: 409; expired or revoked: 410.',
  tags,
  tenant: 'ignored',
  permission: 'invitations:accept',
  errors: [410],
  body: AcceptBody,
  responses: { 200: { description: 'The accepted invitation and the membership.', schema: Accepted } },
  handler: async ({ ctx, body, runtime }) => json(200, await invitationService(runtime).accept(ctx, body.token, body.name)),
});
