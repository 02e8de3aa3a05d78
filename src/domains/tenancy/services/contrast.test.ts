import { describe, expect, it } from 'vitest';
import { assertReadable } from './branding-service.js';
import { contrastRatio, normalizeHex, relativeLuminance } from './contrast.js';

describe('WCAG contrast', () => {
  it('computes luminance and ratios as WCAG defines them', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 10);
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 6);
    expect(contrastRatio('#fff', '#fff')).toBeCloseTo(1, 6);
    // Reference pairs (WebAIM): #767676 on white is 4.54:1, #777777 is 4.47:1.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(normalizeHex('#AbC')).toBe('#aabbcc');
  });
  it('refuses text below 4.5:1 on its background, naming both colours and the ratio', () => {
    expect(() => assertReadable({ displayName: 'x', colors: { text: '#767676', background: '#ffffff' } })).not.toThrow();
    expect(() => assertReadable({ displayName: 'x', colors: { text: '#777777', background: '#ffffff' } })).toThrow(
      expect.objectContaining({ status: 422, code: 'insufficient_contrast', message: 'Text #777777 on background #ffffff has a contrast ratio of 4.47:1; WCAG AA needs at least 4.5:1.' }),
    );
    expect(() => assertReadable({ displayName: 'x', colors: { text: '#777777' } })).not.toThrow();
  });
});
