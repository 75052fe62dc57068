import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import * as suppressions from '../../src/private/scanner-suppressions';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** Every finding id the checks define, read from their source: `checkId('name')`. */
function idsInSource(): string[] {
  return (readdirSync(join(root, 'src'), { recursive: true }) as string[])
    .filter(file => file.endsWith('.ts'))
    .flatMap(file => [...readFileSync(join(root, 'src', file), 'utf8').matchAll(/checkId\('([A-Za-z]+)'\)/g)].map(m => `cdk-s3-access-logs:${m[1]}`));
}

describe('README', () => {
  test('lists every error and warning id the checks define', () => {
    const ids = idsInSource();
    expect(ids.length).toBeGreaterThanOrEqual(17);
    expect(ids.filter(id => !readme.includes(`\`${id}\``))).toEqual([]);
  });

  test('names no id that the checks do not define', () => {
    const documented = [...readme.matchAll(/`(cdk-s3-access-logs:[A-Za-z]+)`/g)].map(m => m[1]);
    const defined = new Set(idsInSource());
    expect(documented.filter(id => !defined.has(id))).toEqual([]);
  });

  test('names the aws-cdk-lib floor that npm test runs against', () => {
    const floor = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies['aws-cdk-lib'];
    expect(floor).toMatch(/^\d+\.\d+\.\d+$/);
    expect(readme).toContain(`- aws-cdk-lib **${floor}**, the floor of the peer dependency`);
  });

  test('links only anchors that API.md has', () => {
    const api = readFileSync(join(root, 'API.md'), 'utf8');
    const anchors = [...readme.matchAll(/\(API\.md#([^)]+)\)/g)].map(m => m[1]);
    expect(anchors.length).toBeGreaterThanOrEqual(5);
    expect(anchors.filter(anchor => !api.includes(`id="${anchor}"`))).toEqual([]);
  });

  test('lists every scanner rule the library suppresses', () => {
    const all = Object.values(suppressions).filter((value): value is suppressions.ScannerSuppression =>
      typeof value === 'object' && value !== null && 'rules' in value && 'reason' in value);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const ids = all.flatMap(suppression => Object.values(suppression.rules).flat());
    expect(ids.filter(id => !readme.includes(`\`${id}\``))).toEqual([]);
  });

  test('gives the two commands exactly', () => {
    expect(readme).toContain('npm ci && npm run example');
    expect(readme).toContain('npm ci && npm test');
  });
});
