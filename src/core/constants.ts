/**
 * Stable values shared across the SDK (`as const` objects, never enums).
 * Error codes are public contract: applications branch on them. Add, never rename.
 */
export const ERROR_CODES = {
  // 400
  validationFailed: 'validation_failed',
  invalidJson: 'invalid_json',
  invalidCursor: 'invalid_cursor',
  invalidIfMatch: 'invalid_if_match',
  invalidIdempotencyKey: 'invalid_idempotency_key',
  // 401
  unauthorized: 'unauthorized',
  invalidToken: 'invalid_token',
  invalidApiKey: 'invalid_api_key',
  invalidSignature: 'invalid_signature',
  // 403
  forbidden: 'forbidden',
  permissionDenied: 'permission_denied',
  insufficientScope: 'insufficient_scope',
  roleGrantForbidden: 'role_grant_forbidden',
  emailMismatch: 'email_mismatch',
  scopeNotHeld: 'scope_not_held',
  tenantRequired: 'tenant_required',
  tenantSuspended: 'tenant_suspended',
  tenantClosed: 'tenant_closed',
  tenantOverrideForbidden: 'tenant_override_forbidden',
  userDisabled: 'user_disabled',
  // 404 / 405
  notFound: 'not_found',
  routeNotFound: 'route_not_found',
  methodNotAllowed: 'method_not_allowed',
  // 409
  conflict: 'conflict',
  alreadyExists: 'already_exists',
  versionConflict: 'version_conflict',
  uniqueViolation: 'unique_violation',
  requestInProgress: 'request_in_progress',
  roleInUse: 'role_in_use',
  alreadyMember: 'already_member',
  invitationAlreadyAccepted: 'invitation_already_accepted',
  invitationPending: 'invitation_pending',
  domainTaken: 'domain_taken',
  mainExists: 'main_exists',
  fileHasDerived: 'file_has_derived',
  fileNotUploaded: 'file_not_uploaded',
  derivationExists: 'derivation_exists',
  transactionConflict: 'transaction_conflict',
  // 410
  invitationExpired: 'invitation_expired',
  invitationRevoked: 'invitation_revoked',
  fileDeleted: 'file_deleted',
  // 412
  preconditionFailed: 'precondition_failed',
  // 413
  payloadTooLarge: 'payload_too_large',
  itemTooLarge: 'item_too_large',
  transactionTooLarge: 'transaction_too_large',
  fileTooLarge: 'file_too_large',
  // 415
  unsupportedMediaType: 'unsupported_media_type',
  // 422
  ruleViolation: 'rule_violation',
  invalidTransition: 'invalid_transition',
  idempotencyKeyReused: 'idempotency_key_reused',
  roleNotGrantable: 'role_not_grantable',
  cannotDisableSelf: 'cannot_disable_self',
  ownerNotMember: 'owner_not_member',
  ownerCannotBeDisabled: 'owner_cannot_be_disabled',
  policyWidensBuiltIn: 'policy_widens_built_in',
  adminLockout: 'admin_lockout',
  tooManyRoles: 'too_many_roles',
  insufficientContrast: 'insufficient_contrast',
  nothingToPublish: 'nothing_to_publish',
  flagTypeMismatch: 'flag_type_mismatch',
  uploadMissing: 'upload_missing',
  uploadMismatch: 'upload_mismatch',
  lineageRule: 'lineage_rule',
  currencyMismatch: 'currency_mismatch',
  refundExceedsRemaining: 'refund_exceeds_remaining',
  paymentSettled: 'payment_settled',
  feesExceedGross: 'fees_exceed_gross',
  billingAccountClosed: 'billing_account_closed',
  pspRefused: 'psp_refused',
  // 428
  preconditionRequired: 'precondition_required',
  // 429 / 5xx
  rateLimited: 'rate_limited',
  internal: 'internal_error',
  unavailable: 'store_unavailable',
  pspUnavailable: 'psp_unavailable',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES] | (string & {});

/** `anonymous` only ever appears on public routes (health, docs), which have no caller. */
export const AUTH_METHODS = { jwt: 'jwt', apiKey: 'apiKey', system: 'system', anonymous: 'anonymous' } as const;
export type AuthMethod = (typeof AUTH_METHODS)[keyof typeof AUTH_METHODS];

export const PAGE_SIZE = { default: 20, max: 100 } as const;

/** DynamoDB's hard limits, checked before a request is sent. */
export const DYNAMODB_LIMITS = {
  itemBytes: 400 * 1024,
  transactionActions: 100,
  transactionBytes: 4 * 1024 * 1024,
  batchGetKeys: 100,
  batchWriteItems: 25,
} as const;

export const HEADERS = {
  requestId: 'x-request-id',
  tenantId: 'x-tenant-id',
  idempotencyKey: 'idempotency-key',
  idempotentReplayed: 'idempotent-replayed',
  ifMatch: 'if-match',
  etag: 'etag',
} as const;
