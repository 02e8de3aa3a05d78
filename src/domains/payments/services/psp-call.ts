/** A PSP call as the API sees it: refused is 422 psp_refused (with the PSP's code), unreachable is 503. */
import { ERROR_CODES } from '../../../core/constants.js';
import { RuleViolationError, UnavailableError } from '../../../core/errors.js';
import { PspError } from '../provider/payment-provider.js';

export const PSP_RETRY_AFTER_SECONDS = 5;

export const pspCall = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof PspError)) throw error;
    if (error.transient) {
      throw new UnavailableError(PSP_RETRY_AFTER_SECONDS, 'The payment provider cannot be reached; retry shortly.', {
        code: ERROR_CODES.pspUnavailable,
        cause: error,
        details: error.code === undefined ? {} : { pspCode: error.code },
      });
    }
    throw new RuleViolationError(ERROR_CODES.pspRefused, `The payment provider refused: ${error.message}`, { cause: error, details: { ...(error.code === undefined ? {} : { pspCode: error.code }) } });
  }
};
