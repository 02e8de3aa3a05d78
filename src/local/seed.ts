/**
 * Demo data through the public API (so it exercises the same path a client does): a tenant
 * `demo` with an admin and a member. Safe to run again: existing records are reused.
 */
import type { LocalIssuer } from './issuer.js';

export interface SeedResult {
  tenantId: string;
  adminToken: string;
  memberToken: string;
  created: boolean;
}

const DEMO = {
  tenant: { name: 'Demo Company', slug: 'demo' },
  admin: { id: 'demo-admin', email: 'admin@demo.example', name: 'Demo Admin' },
  member: { id: 'demo-member', email: 'member@demo.example', name: 'Demo Member' },
} as const;

const call = async (baseUrl: string, token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const findTenantBySlug = async (baseUrl: string, token: string, slug: string): Promise<string> => {
  let cursor: string | null = null;
  do {
    const page = await call(baseUrl, token, 'GET', `/tenants?limit=100${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
    const items = page.body['items'] as Array<{ id: string; slug: string }>;
    const found = items.find((t) => t.slug === slug);
    if (found !== undefined) return found.id;
    cursor = page.body['nextCursor'] as string | null;
  } while (cursor !== null);
  throw new Error(`The slug "${slug}" is taken but no tenant has it.`);
};

export const seedDemo = async (baseUrl: string, issuer: LocalIssuer): Promise<SeedResult> => {
  const platform = await issuer.sign({ userId: 'platform-admin', roles: ['platform_admin'], email: 'admin@localhost' });
  const made = await call(baseUrl, platform, 'POST', '/tenants', { ...DEMO.tenant, owner: DEMO.admin });
  let tenantId: string;
  if (made.status === 201) tenantId = made.body['id'] as string;
  else if (made.status === 409) tenantId = await findTenantBySlug(baseUrl, platform, DEMO.tenant.slug);
  else throw new Error(`Creating the demo tenant failed: ${made.status} ${String(made.body['detail'])}`);
  const member = await call(baseUrl, platform, 'POST', '/users', { ...DEMO.member, roles: ['member'] }, { 'x-tenant-id': tenantId });
  if (member.status !== 201 && member.status !== 409) throw new Error(`Adding the demo member failed: ${member.status} ${String(member.body['detail'])}`);
  return {
    tenantId,
    created: made.status === 201,
    adminToken: await issuer.sign({ userId: DEMO.admin.id, tenantId, roles: ['tenant_admin'], email: DEMO.admin.email }),
    memberToken: await issuer.sign({ userId: DEMO.member.id, tenantId, roles: ['member'], email: DEMO.member.email }),
  };
};
