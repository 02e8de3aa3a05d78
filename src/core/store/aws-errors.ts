/**
 * AWS SDK failures become SDK errors here, in one place. Condition failures are not handled
 * here: each write action knows what its own condition meant (exists, version, uniqueness).
 * Throttling has already been retried with backoff by the SDK when it arrives here.
 */
import { ERROR_CODES } from '../constants.js';
import { AppError, ConflictError, TooLargeError, UnavailableError } from '../errors.js';

interface AwsLikeError {
  name?: string;
  code?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

const THROTTLING = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'ThrottlingError',
  // S3's
  'SlowDown',
]);

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export const isThrottling = (error: unknown): boolean => THROTTLING.has((error as AwsLikeError | undefined)?.name ?? '');

const isNetwork = (error: AwsLikeError): boolean =>
  NETWORK.has(error.code ?? '') ||
  NETWORK.has(error.name ?? '') ||
  error.name === 'TimeoutError' ||
  error.name === 'RequestTimeout' ||
  /socket hang up|connect ECONNREFUSED|ECONNRESET/i.test(error.message ?? '');

/**
 * Maps anything thrown by an AWS client (DynamoDB's by default; the files domain passes S3's as
 * `File storage`); unknown errors are returned untouched.
 */
export const mapAwsError = (error: unknown, subject = 'The data store'): unknown => {
  if (error instanceof AppError) return error;
  const e = (error ?? {}) as AwsLikeError;
  if (isThrottling(e)) {
    return new UnavailableError(1, `${subject} is busy; retry shortly.`, { cause: error, details: { reason: 'throttled' } });
  }
  if (e.name === 'TransactionConflictException') {
    return new ConflictError(ERROR_CODES.transactionConflict, 'Another request changed the same data at the same time; retry.', { cause: error });
  }
  if (e.name === 'ValidationException' && /item size/i.test(e.message ?? '')) {
    return new TooLargeError(ERROR_CODES.itemTooLarge, 'The item exceeds DynamoDB\'s 400 KB item limit.', { cause: error });
  }
  if (e.name === 'ResourceNotFoundException') {
    return new UnavailableError(30, `${subject} is not ready.`, { cause: error, details: { reason: 'table_not_found' } });
  }
  if (e.name === 'NoSuchBucket') {
    return new UnavailableError(30, `${subject} is not ready.`, { cause: error, details: { reason: 'bucket_not_found' } });
  }
  if (isNetwork(e) || e.$fault === 'server' || (e.$metadata?.httpStatusCode ?? 0) >= 500) {
    return new UnavailableError(2, `${subject} cannot be reached; retry shortly.`, { cause: error, details: { reason: 'unreachable' } });
  }
  return error;
};
