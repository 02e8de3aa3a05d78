/** The documentation keeps up with the code: every error code, route and key template is in it. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/core/constants.js';
import { allPatterns } from '../src/core/store/entity.js';
import { tenantEntity } from '../src/domains/tenancy/models/tenant.js';
import { userEntity } from '../src/domains/tenancy/models/user.js';
import { tenancyRoutes } from '../src/domains/tenancy/routes/index.js';
import { authRoutes } from '../src/domains/auth/routes/index.js';
import { brandingDomainEntity, brandingDraftEntity, brandingPublishedEntity, brandingVersionEntity } from '../src/domains/tenancy/models/branding.js';
import { flagDefinitionEntity, flagOverrideEntity } from '../src/domains/tenancy/models/flag.js';
import { accessPolicyEntity } from '../src/core/access/policy-entity.js';
import { apiKeyEntity, rateWindowEntity } from '../src/core/auth/api-key-entity.js';
import { invitationEntity } from '../src/domains/auth/models/invitation.js';
import type { Entity } from '../src/core/store/entity.js';
import { fileEntity } from '../src/domains/files/models/file.js';
import { fileRoutes } from '../src/domains/files/routes/index.js';
import { paymentRoutes } from '../src/domains/payments/routes/index.js';
import { billingAccountEntity } from '../src/domains/payments/models/billing-account.js';
import { paymentIntentEntity } from '../src/domains/payments/models/payment-intent.js';
import { paymentEntity } from '../src/domains/payments/models/payment.js';
import { refundEntity } from '../src/domains/payments/models/refund.js';
import { webhookEventEntity } from '../src/domains/payments/models/webhook-event.js';

const read = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('docs', () => {
  it('docs/errors.md catalogues every error code', () => {
    const doc = read('docs/errors.md');
    for (const code of Object.values(ERROR_CODES)) expect(doc, code).toContain(`\`${code}\``);
  });
  it('each domain has an overview, a getting-started guide, an API reference and the access patterns', () => {
    for (const domain of ['tenancy', 'auth', 'files', 'payments']) {
      for (const file of ['overview', 'getting-started', 'api-reference', 'access-patterns']) expect(existsSync(new URL(`../docs/${domain}/${file}.md`, import.meta.url)), `${domain}/${file}`).toBe(true);
    }
  });
  it.each([
    ['tenancy', tenancyRoutes],
    ['auth', authRoutes],
    ['files', fileRoutes],
    ['payments', paymentRoutes],
  ] as const)('the %s API reference documents every route with its permission', (domain, routes) => {
    const doc = read(`docs/${domain}/api-reference.md`);
    for (const route of routes) {
      expect(doc, `${route.method} ${route.path}`).toContain(route.path);
      if (route.access !== 'public') expect(doc, route.permission).toContain(`\`${route.permission}\``);
    }
  });
  it.each([
    ['tenancy', [tenantEntity, userEntity, brandingDraftEntity, brandingVersionEntity, brandingPublishedEntity, brandingDomainEntity, flagDefinitionEntity, flagOverrideEntity]],
    ['auth', [accessPolicyEntity, invitationEntity, apiKeyEntity, rateWindowEntity]],
    ['files', [fileEntity]],
    ['payments', [billingAccountEntity, paymentIntentEntity, paymentEntity, refundEntity, webhookEventEntity]],
  ] as const)('the %s access-patterns table has every key template', (domain, entities) => {
    const doc = read(`docs/${domain}/access-patterns.md`);
    for (const entity of entities as readonly Entity[]) {
      for (const pattern of allPatterns(entity)) {
        expect(doc, `${entity.name}.${pattern.name} pk`).toContain(pattern.pk.source);
        expect(doc, `${entity.name}.${pattern.name} sk`).toContain(pattern.sk.source);
      }
      for (const unique of entity.unique) expect(doc, `${entity.name}.${unique.name}`).toContain(unique.key.source);
    }
  });
});
