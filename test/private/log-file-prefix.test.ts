import { Lazy } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { normalizeLogFilePrefix } from '../../src/private/log-file-prefix';

/** Strings rich in slashes, so that leading, trailing and repeated `/` are all exercised. */
const prefixes = fc.oneof(
  fc.string(),
  fc.array(fc.constantFrom('/', 'a', 'b', '-', '.', ' '), { maxLength: 12 }).map(chars => chars.join('')),
);

describe('normalizeLogFilePrefix', () => {
  test.each([
    [undefined, ''],
    ['', ''],
    ['/', ''],
    ['///', ''],
    ['logs', 'logs/'],
    ['logs/', 'logs/'],
    ['/logs/', 'logs/'],
    ['//logs', 'logs/'],
    ['a/b', 'a/b/'],
    ['a//b//', 'a//b//'],
  ])('%j becomes %j', (given, expected) => {
    expect(normalizeLogFilePrefix(given)).toBe(expected);
  });

  test('leaves a token alone', () => {
    const token = Lazy.string({ produce: () => '/logs' });
    expect(normalizeLogFilePrefix(token)).toBe(token);
  });

  test('never starts with /', () => {
    fc.assert(fc.property(prefixes, prefix => {
      expect(normalizeLogFilePrefix(prefix).startsWith('/')).toBe(false);
    }));
  });

  test('is empty or ends with /', () => {
    fc.assert(fc.property(prefixes, prefix => {
      const normalized = normalizeLogFilePrefix(prefix);
      expect(normalized === '' || normalized.endsWith('/')).toBe(true);
    }));
  });

  test('is idempotent', () => {
    fc.assert(fc.property(prefixes, prefix => {
      const once = normalizeLogFilePrefix(prefix);
      expect(normalizeLogFilePrefix(once)).toBe(once);
    }));
  });

  test('only removes leading slashes and adds one trailing slash', () => {
    fc.assert(fc.property(prefixes, prefix => {
      const stripped = prefix.replace(/^\/+/, '');
      const normalized = normalizeLogFilePrefix(prefix);
      expect([stripped, `${stripped}/`]).toContain(normalized);
    }));
  });
});
