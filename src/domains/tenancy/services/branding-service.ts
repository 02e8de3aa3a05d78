/**
 * Branding rules: a draft edited under optimistic locking and checked for readable text (WCAG AA
 * 4.5:1 between text and background), publishing (the draft becomes version n+1; earlier
 * versions are kept), restoring an earlier version (published again as the next version), and
 * the custom domain: a TXT record proves ownership before the domain serves public branding.
 */
import { createHash, randomBytes } from 'node:crypto';
import { requirePermission } from '../../../core/access/policies.js';
import { ERROR_CODES } from '../../../core/constants.js';
import { systemContext, type RequestContext } from '../../../core/context.js';
import { AppError, ConflictError, NotFoundError, RuleViolationError } from '../../../core/errors.js';
import { assertNoPreconditionOnMissing, assertVersionMatches } from '../../../core/preconditions.js';
import type { Runtime } from '../../../core/runtime.js';
import type { StoredOf } from '../../../core/store/entity.js';
import type { Page } from '../../../core/store/store.js';
import { pageOptions } from '../../../core/store/store.js';
import {
  brandingDomainEntity,
  brandingDraftEntity,
  brandingPublishedEntity,
  brandingVersionEntity,
  versionKey,
  PUBLIC_BRANDING_FIELDS,
  type BrandingProfile,
} from '../models/branding.js';
import { WCAG_AA_NORMAL_TEXT, contrastRatio } from './contrast.js';
import { checkTxt, dnsResolverOf } from './dns.js';

const versionFrom = (ifMatch: number | undefined) => (ifMatch === undefined ? {} : { expectedVersion: ifMatch, versionSource: 'if-match' as const });

/** Text must stay readable on its background: at least 4.5:1. */
export const assertReadable = (profile: BrandingProfile): void => {
  const text = profile.colors?.text;
  const background = profile.colors?.background;
  if (text === undefined || background === undefined) return;
  const ratio = contrastRatio(text, background);
  if (ratio < WCAG_AA_NORMAL_TEXT) {
    const shown = Math.floor(ratio * 100) / 100;
    throw new RuleViolationError(ERROR_CODES.insufficientContrast, `Text ${text} on background ${background} has a contrast ratio of ${shown}:1; WCAG AA needs at least 4.5:1.`, {
      details: { text, background, ratio: shown, minimum: WCAG_AA_NORMAL_TEXT, fields: ['body.colors.text', 'body.colors.background'] },
    });
  }
};

export const createBrandingService = (runtime: Runtime) => {
  const { store, clock } = runtime;

  const published = (ctx: RequestContext) => store.get(ctx, brandingPublishedEntity, {});

  /** Writes `profile` as version n+1 and points the tenant at it, in one transaction. */
  const publishProfile = async (
    ctx: RequestContext,
    profile: Record<string, unknown>,
    extra: { restoredFrom?: number; draft?: StoredOf<typeof brandingDraftEntity> | undefined; ifMatch?: number | undefined } = {},
  ) => {
    const current = await published(ctx);
    const number = (current?.number ?? 0) + 1;
    const at = clock.now().toISOString();
    const restored = extra.restoredFrom === undefined ? {} : { restoredFrom: extra.restoredFrom };
    const entry = { tenantId: ctx.tenantId as string, number, profile, publishedAt: at, publishedBy: ctx.userId, ...restored };
    try {
      const [, pointer] = await store.write(ctx, [
        { type: 'create', entity: brandingVersionEntity, data: { ...entry, key: versionKey(number) } },
        current === undefined
          ? { type: 'create', entity: brandingPublishedEntity, data: entry }
          : { type: 'update', entity: brandingPublishedEntity, key: {}, changes: { number, profile, publishedAt: at, publishedBy: ctx.userId, restoredFrom: extra.restoredFrom ?? null }, current },
        // The draft records what went live: conditional on the draft the caller saw (If-Match) or that we read.
        ...(extra.draft === undefined ? [] : [{ type: 'update' as const, entity: brandingDraftEntity, key: {}, changes: { profile, lastPublishedNumber: number }, current: extra.draft, ...versionFrom(extra.ifMatch) }]),
      ]);
      return pointer as { number: number; profile: Record<string, unknown>; publishedAt: string; publishedBy: string; restoredFrom?: number };
    } catch (error) {
      // Two publishes at once: the version number was taken by the other one.
      if (error instanceof AppError && (error.code === ERROR_CODES.alreadyExists || error.code === ERROR_CODES.versionConflict) && error.details?.['entity'] !== 'BrandingDraft') {
        throw new ConflictError(ERROR_CODES.versionConflict, 'Another publish happened at the same time; read the branding again and retry.');
      }
      throw error;
    }
  };

  const view = (p: { number: number; profile: Record<string, unknown>; publishedAt: string; publishedBy: string; restoredFrom?: number | undefined }) => ({
    number: p.number,
    profile: p.profile as BrandingProfile,
    publishedAt: p.publishedAt,
    publishedBy: p.publishedBy,
    ...(p.restoredFrom === undefined ? {} : { restoredFrom: p.restoredFrom }),
  });

  return {
    async getPublished(ctx: RequestContext) {
      requirePermission(ctx, 'branding:read');
      const current = await published(ctx);
      if (current === undefined) throw new NotFoundError('Published branding');
      return view(current);
    },

    async getDraft(ctx: RequestContext) {
      requirePermission(ctx, 'branding:read');
      const draft = await store.get(ctx, brandingDraftEntity, {});
      if (draft === undefined) throw new NotFoundError('Branding draft');
      return draft;
    },

    async putDraft(ctx: RequestContext, profile: BrandingProfile, ifMatch: number | undefined) {
      requirePermission(ctx, 'branding:update');
      assertReadable(profile);
      const existing = await store.get(ctx, brandingDraftEntity, {});
      if (existing === undefined) {
        assertNoPreconditionOnMissing('BrandingDraft', ifMatch);
        return { draft: await store.create(ctx, brandingDraftEntity, { tenantId: ctx.tenantId as string, profile }), created: true };
      }
      if (ifMatch === undefined) {
        throw new AppError(428, ERROR_CODES.preconditionRequired, 'The draft exists: send If-Match with its ETag to replace it.', { details: { currentVersion: existing.version } });
      }
      return { draft: await store.update(ctx, brandingDraftEntity, {}, { profile }, versionFrom(ifMatch)), created: false };
    },

    async publish(ctx: RequestContext, ifMatch: number | undefined) {
      requirePermission(ctx, 'branding:update');
      const draft = await store.get(ctx, brandingDraftEntity, {});
      if (draft === undefined) throw new RuleViolationError(ERROR_CODES.nothingToPublish, 'There is no draft to publish; PUT /branding/draft first.');
      assertReadable(draft.profile as BrandingProfile);
      return view(await publishProfile(ctx, draft.profile, { draft, ifMatch }));
    },

    async listVersions(ctx: RequestContext, input: { limit?: number | undefined; cursor?: string | undefined }): Promise<Page<ReturnType<typeof view>>> {
      requirePermission(ctx, 'branding:read');
      const page = await store.query(ctx, brandingVersionEntity, 'primary', {}, { order: 'desc', ...pageOptions(input) });
      return { items: page.items.map(view), nextCursor: page.nextCursor };
    },

    /** An earlier version goes live again, as the next version (history stays linear), and becomes the draft. */
    async getVersion(ctx: RequestContext, number: number) {
      requirePermission(ctx, 'branding:read');
      const found = await store.get(ctx, brandingVersionEntity, { key: versionKey(number) });
      if (found === undefined) throw new NotFoundError('Branding version');
      return view(found);
    },

    /** If-Match names the draft version: restoring replaces the draft, so unpublished edits can be protected. */
    async restore(ctx: RequestContext, number: number, ifMatch: number | undefined) {
      requirePermission(ctx, 'branding:update');
      const old = await store.get(ctx, brandingVersionEntity, { key: versionKey(number) });
      if (old === undefined) throw new NotFoundError('Branding version');
      const draft = await store.get(ctx, brandingDraftEntity, {});
      return view(await publishProfile(ctx, old.profile, { restoredFrom: number, draft, ifMatch }));
    },

    async getDomain(ctx: RequestContext) {
      requirePermission(ctx, 'branding:read');
      const domain = await store.get(ctx, brandingDomainEntity, {});
      if (domain === undefined) throw new NotFoundError('Custom domain');
      return domain;
    },

    /** Sets (or changes) the custom domain: a new TXT challenge, status pending. */
    async putDomain(ctx: RequestContext, hostname: string, ifMatch: number | undefined) {
      requirePermission(ctx, 'branding:update');
      const existing = await store.get(ctx, brandingDomainEntity, {});
      if (existing === undefined) assertNoPreconditionOnMissing('BrandingDomain', ifMatch);
      else assertVersionMatches('BrandingDomain', ifMatch, existing);
      if (existing?.hostname === hostname) return existing;
      const challenge = { hostname, status: 'pending' as const, txtName: `_geekcafe-verification.${hostname}`, txtValue: `geekcafe-verification=${randomBytes(24).toString('base64url')}` };
      try {
        return existing === undefined
          ? await store.create(ctx, brandingDomainEntity, { tenantId: ctx.tenantId as string, ...challenge })
          : await store.update(ctx, brandingDomainEntity, {}, { ...challenge, failureReason: null, verifiedAt: null, lastCheckedAt: null }, { current: existing, ...versionFrom(ifMatch) });
      } catch (error) {
        if (error instanceof AppError && error.code === ERROR_CODES.uniqueViolation) {
          throw new ConflictError(ERROR_CODES.domainTaken, `${hostname} is already claimed by another tenant.`, { details: { field: 'body.hostname' } });
        }
        throw error;
      }
    },

    /** Looks the TXT record up and moves the domain to verified, or to failed with the reason. */
    async verifyDomain(ctx: RequestContext, ifMatch: number | undefined) {
      requirePermission(ctx, 'branding:update');
      const domain = await store.get(ctx, brandingDomainEntity, {});
      if (domain === undefined) throw new NotFoundError('Custom domain');
      // A stale If-Match is answered before any DNS lookup.
      assertVersionMatches('BrandingDomain', ifMatch, domain);
      const result = await checkTxt(dnsResolverOf(runtime), domain.txtName, domain.txtValue);
      const at = clock.now().toISOString();
      // A lookup that failed (timeout, server error) proves nothing: the status stays, the reason is kept.
      const changes = result.ok
        ? { status: 'verified', failureReason: null, lastCheckedAt: at, verifiedAt: domain.verifiedAt ?? at }
        : result.transient
          ? { failureReason: result.reason, lastCheckedAt: at }
          : { status: 'failed', failureReason: result.reason, lastCheckedAt: at, verifiedAt: null };
      return store.update(ctx, brandingDomainEntity, {}, changes, { current: domain, ...versionFrom(ifMatch) });
    },

    /**
     * The published public fields of the tenant that owns a verified domain, for white-label
     * sign-in pages. Unknown, unverified, or a tenant that is not active: undefined (a 404).
     */
    async publicBranding(hostname: string): Promise<{ number: number; tag: string; branding: Record<string, unknown> } | undefined> {
      const domain = await store.findByUnique(systemContext(), brandingDomainEntity, 'hostname', { hostname });
      if (domain === undefined || domain.status !== 'verified') return undefined;
      const { tenant } = await runtime.access.lookup(domain.tenantId, undefined);
      if (tenant?.status !== 'active') return undefined;
      const live = await store.get(systemContext({ tenantId: domain.tenantId }), brandingPublishedEntity, {});
      if (live === undefined) return undefined;
      const branding = Object.fromEntries(PUBLIC_BRANDING_FIELDS.filter((f) => live.profile[f] !== undefined).map((f) => [f, live.profile[f]]));
      // The validator names the tenant too (hashed: this is public), so a hostname that moves to another tenant never answers 304.
      const tag = createHash('sha256').update(`${domain.tenantId}:${live.number}`).digest('base64url').slice(0, 16);
      return { number: live.number, tag, branding };
    },

    async deleteDomain(ctx: RequestContext, ifMatch: number | undefined) {
      requirePermission(ctx, 'branding:update');
      const domain = await store.get(ctx, brandingDomainEntity, {});
      if (domain === undefined) throw new NotFoundError('Custom domain');
      await store.delete(ctx, brandingDomainEntity, {}, { current: domain, ...versionFrom(ifMatch) });
    },
  };
};

export type BrandingService = ReturnType<typeof createBrandingService>;
