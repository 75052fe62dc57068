import { Token, Tokenization } from 'aws-cdk-lib';

/**
 * The prefix arithmetic of a destination's delivery grant: which statement a log file prefix can
 * join, and what one statement for many prefixes grants. Pure functions over strings.
 *
 * A delivery statement for `<prefix>` grants `<destination ARN>/<prefix>*`, so it covers every
 * prefix that starts with its own. A token prefix (a parameter, an import) is compared as its
 * encoded string: a string that starts with a whole token starts with the value of that token, so
 * the comparison is sound, though it can only tell that a token prefix is covered by `''` or by a
 * prefix that begins with that same token.
 */

/** Whether a statement for `granted` (`<destination ARN>/<granted>*`) covers log objects under `prefix`. */
export function prefixCovers(granted: string, prefix: string): boolean {
  return prefix.startsWith(granted);
}

/**
 * The longest prefix that every one of `prefixes` starts with, to grant them all in one statement.
 *
 * A token prefix contributes only its literal head (`''` when it starts with the token), since where
 * its value ends is unknown at synth. The result never ends in the first half of a UTF-16 surrogate
 * pair, so it is a whole string of characters.
 */
export function longestCommonPrefix(prefixes: Iterable<string>): string {
  let common: string | undefined;
  for (const prefix of prefixes) {
    const literal = literalHead(prefix);
    if (common === undefined) {
      common = literal;
      continue;
    }
    let length = 0;
    const most = Math.min(common.length, literal.length);
    while (length < most && common.charCodeAt(length) === literal.charCodeAt(length)) {
      length++;
    }
    common = common.slice(0, length);
    if (common === '') {
      break;
    }
  }
  return withoutHalfSurrogate(common ?? '');
}

/** The part of `prefix` before its first token: all of it when it holds none. */
function literalHead(prefix: string): string {
  if (!Token.isUnresolved(prefix)) {
    return prefix;
  }
  const first: unknown = Tokenization.reverseString(prefix).firstValue;
  return typeof first === 'string' ? first : '';
}

function withoutHalfSurrogate(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text;
}
