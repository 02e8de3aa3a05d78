/** A PSP call as the API sees it: refused is 422 psp_refused (with the PSP's code), unreachable is 503. */
import { ERROR_CODES } from '../../../core/constants.js';
import { AppError, RuleViolationError } from '../../../core/errors.js';
import { PspError } from '../provider/payment-provider.js';

export const PSP_RETRY_AFTER_SECONDS = 5;

export const pspCall = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof PspError)) throw error;
    if (error.transient) {
      throw new AppError(503, ERROR_CODES.pspUnavailable, 'The payment provider cannot be reached; retry shortly.', {
        cause: error,
        details: { retryAfterSeconds: PSP_RETRY_AFTER_SECONDS, ...(error.code === undefined ? {} : { pspCode: error.code }) },
        headers: { 'retry-after': String(PSP_RETRY_AFTER_SECONDS) },
      });
    }
    throw new RuleViolationError(ERROR_CODES.pspRefused, `The payment provider refused: ${error.message}`, { cause: error, details: { ...(error.code === undefined ? {} : { pspCode: error.code }) } });
  }
};
