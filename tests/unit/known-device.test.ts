import { beforeAll, describe, expect, it } from 'vitest';
import { cookieValue, knownDeviceFor, withKnownDevice } from '@/lib/auth/known-device';

beforeAll(() => {
  process.env.AUTH_SECRET ??= 'unit-test-secret-unit-test-secret';
});

describe('known-device marks', () => {
  it('are good for the account they were made for only, and cannot be forged or altered', () => {
    const cookie = withKnownDevice(undefined, 'ann@example.test');
    expect(knownDeviceFor(cookie, 'ann@example.test')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(knownDeviceFor(cookie, 'ANN@example.test')).not.toBeNull();
    expect(knownDeviceFor(cookie, 'bob@example.test')).toBeNull();
    const [nonce, mac] = cookie.split('.') as [string, string];
    expect(knownDeviceFor(`${nonce}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`, 'ann@example.test')).toBeNull();
    expect(knownDeviceFor(`${'x'.repeat(22)}.${mac}`, 'ann@example.test')).toBeNull();
    expect(knownDeviceFor('', 'ann@example.test')).toBeNull();
    expect(knownDeviceFor('garbage; more', 'ann@example.test')).toBeNull();
  });

  it('keep marks for other accounts on a shared browser, replace this account’s, and hold at most five', () => {
    let cookie = withKnownDevice(undefined, 'ann@example.test');
    cookie = withKnownDevice(cookie, 'bob@example.test');
    const annBefore = knownDeviceFor(cookie, 'ann@example.test');
    cookie = withKnownDevice(cookie, 'ann@example.test');
    expect(cookie.split('~')).toHaveLength(2);
    expect(knownDeviceFor(cookie, 'bob@example.test')).not.toBeNull();
    expect(knownDeviceFor(cookie, 'ann@example.test')).not.toBe(annBefore);
    for (const who of ['c', 'd', 'e', 'f', 'g']) cookie = withKnownDevice(cookie, `${who}@example.test`);
    expect(cookie.split('~')).toHaveLength(5);
    expect(knownDeviceFor(cookie, 'g@example.test')).not.toBeNull();
    expect(knownDeviceFor(cookie, 'ann@example.test')).toBeNull(); // the oldest went
  });

  it('reads one cookie out of a Cookie header', () => {
    expect(cookieValue('a=1; rapport-known-device=x.y; b=2', 'rapport-known-device')).toBe('x.y');
    expect(cookieValue('xrapport-known-device=1', 'rapport-known-device')).toBeUndefined();
    expect(cookieValue(null, 'a')).toBeUndefined();
  });
});
