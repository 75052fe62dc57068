import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { RULES } from '../../src/cli/rule-catalog';

/**
 * The reports' help for each check (SARIF's rules) is the README's line for its id, word for word,
 * with a fix: one text, held in two places, kept together here.
 */

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The ids the model's rules define (`src/checks/rules/*.ts`): every one the command can report. */
function ruleIds(): string[] {
  const dir = join(root, 'src', 'checks', 'rules');
  return readdirSync(dir).filter(file => file.endsWith('.ts'))
    .flatMap(file => [...readFileSync(join(dir, file), 'utf8').matchAll(/checkId\('([A-Za-z]+)'\)/g)].map(m => `cdk-s3-access-logs:${m[1]}`))
    .sort();
}

describe('the rule catalog of the reports', () => {
  test('has every id of the model\'s rules, once', () => {
    expect(RULES.map(rule => rule.id).sort()).toEqual(ruleIds());
  });

  test.each(RULES.map(rule => [rule.id, rule] as const))('%s: its summary is its line of the README\'s table, and it has a fix', (id, rule) => {
    expect(readme).toContain(`| \`${id}\` | ${rule.summary} |`);
    expect(rule.fix).toMatch(/^[A-Z].*\.( \(.*\))?$/);
  });

  test('gives each id the level of the README table it is in: errors first, then warnings', () => {
    const errorsTable = readme.slice(readme.indexOf('| id | error |'), readme.indexOf('| id | warning |'));
    for (const rule of RULES) {
      expect({ id: rule.id, level: errorsTable.includes(`\`${rule.id}\``) ? 'error' : 'warning' }).toEqual({ id: rule.id, level: rule.level });
    }
  });
});
