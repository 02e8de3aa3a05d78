/**
 * Ids are ULIDs: unique without coordination, and lexically sortable by creation time, so a
 * sort key made of them lists newest-first with a reverse Query and no extra attribute.
 */
import { monotonicFactory } from 'ulid';

export type IdGenerator = () => string;

const monotonic = monotonicFactory();

export const newId: IdGenerator = () => monotonic();

/** Ids supplied by callers (path parameters, identity subjects) must match this. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:|@-]{0,127}$/;
