import { describe, expect, it } from 'vitest';
import { fingerprint } from '@/lib/idempotency';

describe('idempotency fingerprint', () => {
  it('tells apart two requests that differ only by a date', () => {
    const a = { title: 'Summit', startsAt: new Date('2026-05-01T18:00:00Z') };
    const b = { title: 'Summit', startsAt: new Date('2026-05-02T18:00:00Z') };
    expect(fingerprint(a)).not.toBe(fingerprint(b));
    expect(fingerprint({ due: [new Date(0)] })).not.toBe(fingerprint({ due: [new Date(1)] }));
  });

  it('is the same for the same instant and for keys in another order', () => {
    const at = '2026-05-01T18:00:00.000Z';
    expect(fingerprint({ a: 1, when: new Date(at) })).toBe(fingerprint({ when: new Date(at), a: 1 }));
  });

  it('does not confuse a date with the string of its instant, nor with an empty object', () => {
    const at = '2026-05-01T18:00:00.000Z';
    expect(fingerprint({ when: new Date(at) })).not.toBe(fingerprint({ when: at }));
    expect(fingerprint({ when: new Date(at) })).not.toBe(fingerprint({ when: {} }));
  });
});
