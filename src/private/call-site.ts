import * as path from 'path';

/** The root of this package's compiled (lib/) or source (src/) tree: frames inside it are ours. */
const PACKAGE_TREE = path.resolve(__dirname, '..');

/**
 * Where the code that called into this package is, as `file:line:column`, for a message that has to
 * tell two calls apart; `an unknown place` when the stack says nothing usable.
 */
export function callSite(): string {
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  for (const frame of frames) {
    const location = /\(?((?:[A-Za-z]:)?[^()\s]+):(\d+):(\d+)\)?\s*$/.exec(frame.trim());
    if (location && !location[1].startsWith(PACKAGE_TREE) && !location[1].startsWith('node:')) {
      return `${path.relative(process.cwd(), location[1]) || location[1]}:${location[2]}:${location[3]}`;
    }
  }
  return 'an unknown place';
}
