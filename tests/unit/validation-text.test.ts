import { describe, expect, it } from 'vitest';
import { CANNOT_STORE, optionalText, requiredText } from '@/lib/validation/text';

describe('text pieces (lib/validation/text.ts)', () => {
  it('optionalText: absent, null, "" and blanks are absent; one-line values fold', () => {
    const s = optionalText(20, 'A name', { oneLine: true });
    for (const v of [undefined, null, '', '   ']) expect(s.parse(v)).toBeUndefined();
    expect(s.parse('  Ada \n  Byron ')).toBe('Ada Byron');
  });

  it('optionalText with empty: null: "", blanks and null clear (null); absent stays absent (leave the field)', () => {
    const s = optionalText(20, 'Notes', { empty: null });
    for (const v of [null, '', '  \n ']) expect(s.parse(v)).toBeNull();
    expect(s.parse(undefined)).toBeUndefined();
    expect(s.parse(' kept ')).toBe('kept');
  });

  it('one message for a NUL or half an emoji, in every text piece', () => {
    for (const schema of [optionalText(20, 'X'), requiredText(20, 'Say something')]) {
      for (const bad of ['a\u0000b', 'x\ud83d']) {
        const r = schema.safeParse(bad);
        expect(r.success).toBe(false);
        expect(r.error!.issues[0]!.message).toBe(CANNOT_STORE);
      }
    }
  });

  it('too long says which field', () => {
    expect(optionalText(3, 'A role').safeParse('abcd').error!.issues[0]!.message).toBe('Keep a role to 3 characters');
  });
});
