/**
 * What the route walkers need to call any route: a value for each path parameter (pointing at
 * tenant B's data) and a valid body per operation. A new route with a new path parameter or a
 * body must add its entry here, or the walkers fail and say so.
 */
import type { World } from './world.js';

export const paramInTenantB: Record<string, (w: World) => string> = {
  tenantId: (w) => w.b.tenant.id,
  userId: (w) => w.b.memberId,
  role: (w) => w.b.customRole,
  invitationId: (w) => w.b.invitationId,
  apiKeyId: (w) => w.b.apiKeyId,
  version: () => '1',
  key: (w) => w.b.flagKey,
  // B's main file: were tenant scoping broken, every file route (derive included) would act on it.
  fileId: (w) => w.b.files.mainId,
  billingAccountId: (w) => w.b.payments.billingAccountId,
  paymentIntentId: (w) => w.b.payments.paymentIntentId,
  paymentId: (w) => w.b.payments.paymentId,
  refundId: (w) => w.b.payments.refundId,
};

/** Path parameters that are names within a tenant, not ids: tenant A may have its own by the same name. */
export const NAMESPACED_PARAMS: ReadonlySet<string> = new Set(['role', 'version', 'key']);

let n = 0;
const newFile = () => ({ name: 'walker.bin', contentType: 'application/octet-stream', size: 4, checksumSha256: 'iNQmb9TmM40TuEX88olXnSCciXgjuSF9o+Fhk28DFYk=' });
const unique = (): string => `${process.pid}-${Date.now().toString(36)}-${++n}`;

export const sampleBody: Record<string, (w: World) => unknown> = {
  createTenant: () => ({ name: 'Walker', slug: `walker-${unique()}` }),
  updateTenant: () => ({ name: 'Walked' }),
  suspendTenant: () => ({ reason: 'walker' }),
  reactivateTenant: () => ({}),
  closeTenant: () => ({ reason: 'walker' }),
  createUser: () => ({ email: `walker-${unique()}@example.com`, name: 'Walker', roles: ['member'] }),
  updateUser: () => ({ name: 'Walked' }),
  putAccessPolicy: () => ({ allow: ['users:read'], deny: [] }),
  checkPermissions: () => ({ permissions: ['users:read'] }),
  createInvitation: () => ({ email: `walker-${unique()}@example.com`, roles: ['member'] }),
  resendInvitation: () => ({}),
  acceptInvitation: () => ({ token: 'A'.repeat(43) }),
  createApiKey: () => ({ name: 'walker', scopes: ['users:read'] }),
  rotateApiKey: () => ({}),
  putBrandingDraft: () => ({ displayName: 'Walker' }),
  putBrandingDomain: () => ({ hostname: `walker-${unique()}.example.com` }),
  createFlag: () => ({ key: `walker-${unique()}`, type: 'boolean', defaultValue: false }),
  updateFlag: () => ({ description: 'walked' }),
  putFlagOverride: () => ({ value: false }),
  createFile: () => ({ ...newFile() }),
  updateFile: () => ({ name: 'walked.bin' }),
  makeMainFile: () => ({ ...newFile(), transformation: { type: 'clean', operation: 'walk', parameters: {} } }),
  deriveFile: () => ({ ...newFile(), transformation: { type: 'convert', operation: 'walk', parameters: { n: unique() } } }),
  createBillingAccount: () => ({ name: 'Walker Ltd', billingEmail: `walker-${unique()}@example.com`, currency: 'EUR' }),
  updateBillingAccount: () => ({ name: 'Walked Ltd' }),
  createPaymentIntent: () => ({ amount: 1200, currency: 'EUR' }),
  confirmPaymentIntent: () => ({ paymentMethod: 'pm_card_visa' }),
  capturePaymentIntent: () => ({}),
  cancelPaymentIntent: () => ({}),
  // B's records in the body: tenant A must not reach them this way either.
  recordPayment: (w) => ({ grossAmount: 1200, currency: 'EUR', billingAccountId: w.b.payments.billingAccountId }),
  updatePayment: () => ({ description: 'walked' }),
  createRefund: (w) => ({ paymentId: w.b.payments.paymentId, amount: 100, reason: 'other' }),
};
