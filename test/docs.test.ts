/** The documentation keeps up with the code: every error code, route and key template is in it. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/core/constants.js';
import { allPatterns } from '../src/core/store/entity.js';
import { tenantEntity } from '../src/domains/tenancy/models/tenant.js';
import { userEntity } from '../src/domains/tenancy/models/user.js';
import { tenancyRoutes } from '../src/domains/tenancy/routes/index.js';

const read = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('docs', () => {
  it('docs/errors.md catalogues every error code', () => {
    const doc = read('docs/errors.md');
    for (const code of Object.values(ERROR_CODES)) expect(doc, code).toContain(`\`${code}\``);
  });
  it('docs/tenancy has an overview, a getting-started guide, an API reference and the access patterns', () => {
    for (const file of ['overview', 'getting-started', 'api-reference', 'access-patterns']) expect(existsSync(new URL(`../docs/tenancy/${file}.md`, import.meta.url)), file).toBe(true);
  });
  it('the API reference documents every tenancy route with its permission', () => {
    const doc = read('docs/tenancy/api-reference.md');
    for (const route of tenancyRoutes) {
      expect(doc, `${route.method} ${route.path}`).toContain(route.path);
      expect(doc, route.permission).toContain(`\`${route.permission}\``);
    }
  });
  it('the access-patterns table has every key template of the tenancy entities', () => {
    const doc = read('docs/tenancy/access-patterns.md');
    for (const entity of [tenantEntity, userEntity]) {
      for (const pattern of allPatterns(entity)) {
        expect(doc, `${entity.name}.${pattern.name} pk`).toContain(pattern.pk.source);
        expect(doc, `${entity.name}.${pattern.name} sk`).toContain(pattern.sk.source);
      }
      for (const unique of entity.unique) expect(doc, `${entity.name}.${unique.name}`).toContain(unique.key.source);
    }
  });
});
