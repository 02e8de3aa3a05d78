/** The rules every money-moving request checks against what it names: the same currency, an open account. */
import { ERROR_CODES } from '../../../core/constants.js';
import { RuleViolationError } from '../../../core/errors.js';
import type { StoredBillingAccount } from '../models/billing-account.js';

/** `body.currency` must be the currency of the record it names (`in` completes "The payment is in EUR"). */
export const assertSameCurrency = (expected: string, actual: string, phrase: string): void => {
  if (expected === actual) return;
  throw new RuleViolationError(ERROR_CODES.currencyMismatch, `${phrase} ${expected}, not ${actual}.`, { details: { expected, actual, field: 'body.currency' } });
};

/** Money may move for an active billing account only, in its currency. */
export const assertAccountTakes = (account: StoredBillingAccount, currency: string): void => {
  if (account.status !== 'active') {
    throw new RuleViolationError(ERROR_CODES.billingAccountClosed, `The billing account is ${account.status}.`, { details: { accountStatus: account.status, field: 'body.billingAccountId' } });
  }
  assertSameCurrency(account.currency, currency, 'The billing account bills in');
};
