/**
 * Key templates such as `T#{tenantId}#USER#{id}`: literal text with named facets. Keys are only
 * ever built from a parsed template, never concatenated in services. A facet value has `%` and
 * `#` percent-encoded so that no value can forge a separator and reach another key space.
 */
import { InternalError } from '../errors.js';

export type TemplatePart = { literal: string } | { facet: string };

export interface KeyTemplate {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
  readonly facets: readonly string[];
}

const FACET = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

export const parseTemplate = (source: string): KeyTemplate => {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of source.matchAll(FACET)) {
    if (match.index > last) parts.push({ literal: source.slice(last, match.index) });
    parts.push({ facet: match[1] as string });
    last = match.index + match[0].length;
  }
  if (last < source.length) parts.push({ literal: source.slice(last) });
  if (/[{}]/.test(parts.map((p) => ('literal' in p ? p.literal : '')).join(''))) {
    throw new InternalError(`Key template "${source}" has an unbalanced brace.`);
  }
  return { source, parts, facets: parts.flatMap((p) => ('facet' in p ? [p.facet] : [])) };
};

export const encodeFacet = (value: string): string => value.replace(/%/g, '%25').replace(/#/g, '%23');

const facetText = (template: KeyTemplate, facet: string, value: unknown): string => {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'string' || value === '') {
    throw new InternalError(`Key "${template.source}" needs a non-empty value for {${facet}}.`);
  }
  return encodeFacet(value);
};

/** Builds the full key; every facet must be present. */
export const buildKey = (template: KeyTemplate, values: Record<string, unknown>): string =>
  template.parts.map((part) => ('literal' in part ? part.literal : facetText(template, part.facet, values[part.facet]))).join('');

/** True when every facet of the template has a usable value. */
export const hasFacets = (template: KeyTemplate, values: Record<string, unknown>): boolean =>
  template.facets.every((facet) => {
    const value = values[facet];
    return (typeof value === 'string' && value !== '') || typeof value === 'number' || typeof value === 'boolean';
  });

/**
 * The longest prefix that can be built from the values given: the literal text and facets up to
 * the first missing facet. Used for `begins_with` on sort keys when a query names only some facets.
 */
export const buildKeyPrefix = (template: KeyTemplate, values: Record<string, unknown>): { prefix: string; complete: boolean } => {
  let prefix = '';
  for (const part of template.parts) {
    if ('literal' in part) {
      prefix += part.literal;
      continue;
    }
    const value = values[part.facet];
    if (value === undefined || value === null || value === '') return { prefix, complete: false };
    prefix += facetText(template, part.facet, value);
  }
  return { prefix, complete: true };
};
