/** A problem with the local machine (Java missing, a port taken): printed as a message, never a stack trace. */
export class LocalRuntimeError extends Error {
  override name = 'LocalRuntimeError';
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}
