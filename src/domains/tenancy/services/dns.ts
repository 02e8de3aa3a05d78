/**
 * DNS lookups behind an interface: node's resolver by default, replaceable (tests, or a DNS
 * over HTTPS client) with `runtime.provide(DNS_RESOLVER, resolver)`.
 */
import { resolveTxt } from 'node:dns/promises';
import type { Runtime } from '../../../core/runtime.js';

export interface DnsResolver {
  /** The TXT records at a name, each as its character-strings (node's shape). */
  resolveTxt(name: string): Promise<string[][]>;
}

export const DNS_RESOLVER = 'tenancy.dns-resolver';

export const nodeDnsResolver: DnsResolver = { resolveTxt: (name) => resolveTxt(name) };

export const dnsResolverOf = (runtime: Runtime): DnsResolver => runtime.service(DNS_RESOLVER, () => nodeDnsResolver);

const HOSTNAME = /^(?=.{4,253}$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+[a-z][a-z0-9-]{0,62}(?<!-)$/;

/** A public DNS name: at least two labels, letters/digits/hyphens, no IP address, no localhost. */
export const isPublicHostname = (hostname: string): boolean => HOSTNAME.test(hostname) && !hostname.endsWith('.localhost') && !hostname.endsWith('.local');

/** `transient`: the lookup itself failed (a timeout, a server error): it says nothing about the record. */
export type TxtCheck = { ok: true } | { ok: false; reason: string; transient: boolean };

/** Looks for the expected value among the TXT records at `name`; says why when it is not there. */
export const checkTxt = async (resolver: DnsResolver, name: string, expected: string): Promise<TxtCheck> => {
  let records: string[][];
  try {
    records = await resolver.resolveTxt(name);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOTFOUND' || code === 'ENODATA') return { ok: false, reason: `No TXT record found at ${name}.`, transient: false };
    return { ok: false, reason: `The DNS lookup of ${name} failed (${code ?? (error as Error).message}); try again later.`, transient: true };
  }
  const values = records.map((parts) => parts.join(''));
  if (values.includes(expected)) return { ok: true };
  return { ok: false, reason: values.length === 0 ? `No TXT record found at ${name}.` : `The TXT record at ${name} does not hold the expected value.`, transient: false };
};
