import { describe, expect, it } from 'vitest';
import { handleBase } from '@/lib/auth/users';
import { signUpSchema } from '@/lib/auth/validation';
import { fieldErrorsOf, safeRedirectPath } from '@/lib/forms';

describe('sign-up validation', () => {
  it.each([
    [{ name: '', email: 'a@b.co', password: '0123456789' }, 'name', 'Enter your name'],
    [{ name: 'A', email: 'not-an-email', password: '0123456789' }, 'email', 'Enter an email address like name@example.com'],
    [{ name: 'A', email: 'a@b.co', password: 'short' }, 'password', 'Use at least 10 characters'],
    [{ name: 'A', email: '', password: '0123456789' }, 'email', 'Enter your email address'],
  ])('%o → %s: %s', (input, field, message) => {
    const result = signUpSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(fieldErrorsOf(result.error!)[field]).toContain(message);
  });

  it('trims and lower-cases the email, defaults time zone and locale', () => {
    const data = signUpSchema.parse({ name: ' Ada ', email: ' Ada@Example.COM ', password: '0123456789', timeZone: 'Mars/Base' });
    expect(data).toMatchObject({ name: 'Ada', email: 'ada@example.com', timeZone: 'UTC', locale: 'en-GB' });
    expect(signUpSchema.parse({ name: 'A', email: 'a@b.co', password: '0123456789', timeZone: 'Pacific/Auckland' }).timeZone).toBe('Pacific/Auckland');
  });
});

describe('handles and redirects', () => {
  it.each([
    ['Zoë O’Brien', 'zoe-o-brien'],
    ['   ', 'member'],
    ['李雷', 'member'],
  ])('handleBase(%s) = %s (never taken from the email)', (name, handle) => {
    expect(handleBase(name)).toBe(handle);
  });

  it.each([
    ['/events?x=1', '/events?x=1'],
    ['//evil.example', '/'],
    ['https://evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['/\n/evil.example', '/'],
    ['/%09/evil.example', '/%09/evil.example'],
    // Dot-segments that normalise into a protocol-relative path.
    ['/..//evil.example/phish', '/'],
    ['/.//evil.example', '/'],
    ['/a/../..//evil.example', '/'],
    ['/events/../people', '/people'],
    ['/people?q=a b', '/'],
    ['/people?q=a%20b#x', '/people?q=a%20b#x'],
    [undefined, '/'],
  ])('safeRedirectPath(%s) = %s', (input, out) => {
    expect(safeRedirectPath(input)).toBe(out);
  });
});
