import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { AccessLogFormat } from '../../src';
import { editedFixtureLines, fixtureLines, generatedLines } from '../support/access-log-lines';
import { findOnPath } from '../support/external-tools';

/**
 * `AccessLogFormat.REGEX` reads the same in Java as in JavaScript.
 *
 * Athena's RegexSerDe matches each line with `java.util.regex` (`Matcher.matches()`); `parseLine` is
 * tested against the JavaScript reading of the same regex. This runs both engines over the fixtures
 * and a few thousand generated lines and compares every group, so that what the tests prove of the
 * JavaScript reading holds for the table too.
 *
 * Needs a JDK 11+ `java` (single-file source launch) on PATH; skipped, and says so, without one.
 */

const JAVA_TIMEOUT_MS = 120_000;

/** Prints, per base64-encoded input line, `N` (no match) or `M` and each group (`~` for one that took no part). */
const JAVA_SOURCE = `
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class RegexReading {
  public static void main(String[] args) throws Exception {
    Pattern pattern = Pattern.compile(new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8));
    StringBuilder out = new StringBuilder();
    for (String encoded : Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8)) {
      String line = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      Matcher matcher = pattern.matcher(line);
      if (!matcher.matches()) {
        out.append("N\\n");
        continue;
      }
      out.append('M');
      for (int g = 1; g <= matcher.groupCount(); g++) {
        String group = matcher.group(g);
        out.append('\\t').append(group == null ? "~" : Base64.getEncoder().encodeToString(group.getBytes(StandardCharsets.UTF_8)));
      }
      out.append('\\n');
    }
    System.out.print(out);
  }
}
`;

const java = findOnPath('java');

if (java) {
  describe('AccessLogFormat.REGEX in Java', () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'access-log-regex-java-'));
    });
    afterAll(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test('matches and captures exactly as in JavaScript', () => {
      // GIVEN the fixtures, edited fixture lines and generated lines, both matching and not
      const lines = [
        ...fixtureLines(),
        ...fc.sample(editedFixtureLines, { numRuns: 1500, seed: 42 }),
        ...fc.sample(generatedLines, { numRuns: 1500, seed: 42 }),
      ];
      fs.writeFileSync(path.join(dir, 'RegexReading.java'), JAVA_SOURCE);
      fs.writeFileSync(path.join(dir, 'regex.txt'), AccessLogFormat.REGEX);
      fs.writeFileSync(path.join(dir, 'lines.txt'), lines.map(line => Buffer.from(line, 'utf8').toString('base64')).join('\n'));

      // WHEN java reads them with the regex, as RegexSerDe does
      const result = spawnSync(java, ['RegexReading.java', 'regex.txt', 'lines.txt'], {
        cwd: dir, encoding: 'utf8', timeout: JAVA_TIMEOUT_MS - 10_000, maxBuffer: 64 * 1024 * 1024,
      });
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });

      // THEN every line gets the same groups in both engines
      const javaReadings = result.stdout.split('\n').slice(0, lines.length).map(decodeJavaReading);
      const regex = new RegExp(AccessLogFormat.REGEX);
      const jsReadings = lines.map(line => {
        const match = regex.exec(line);
        return match ? [...match].slice(1).map(group => group ?? null) : null;
      });
      expect(javaReadings).toEqual(jsReadings);
      // Both outcomes occur, so the comparison is not vacuous.
      expect(jsReadings.filter(reading => reading === null).length).toBeGreaterThan(100);
      expect(jsReadings.filter(reading => reading !== null).length).toBeGreaterThan(100);
    }, JAVA_TIMEOUT_MS);
  });
} else {
  describe('AccessLogFormat.REGEX in Java (skipped: java not on PATH)', () => {
    test.skip('matches and captures exactly as in JavaScript', () => undefined);
  });
}

function decodeJavaReading(line: string): Array<string | null> | null {
  if (line === 'N') {
    return null;
  }
  return line.split('\t').slice(1).map(group => (group === '~' ? null : Buffer.from(group, 'base64').toString('utf8')));
}
