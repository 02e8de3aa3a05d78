/**
 * If-Match checks a service makes itself (where the store's conditional write does not already):
 * one wording and one set of details for every resource.
 */
import { PreconditionFailedError } from './errors.js';

/** If-Match names a version of something that exists; when nothing does, the precondition fails (RFC 9110). */
export const assertNoPreconditionOnMissing = (entity: string, ifMatch: number | undefined): void => {
  if (ifMatch !== undefined) {
    throw new PreconditionFailedError(`There is no ${entity} to match: you sent version ${ifMatch}.`, { details: { entity, expectedVersion: ifMatch, currentVersion: null } });
  }
};

export const assertVersionMatches = (entity: string, ifMatch: number | undefined, current: { version: number }): void => {
  if (ifMatch !== undefined && ifMatch !== current.version) {
    throw new PreconditionFailedError(`The ${entity} has changed: you sent version ${ifMatch}, it is now at version ${current.version}.`, {
      details: { entity, expectedVersion: ifMatch, currentVersion: current.version },
    });
  }
};
