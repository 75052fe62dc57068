import * as fs from 'fs';
import * as path from 'path';

/** The package's name, version and home, from its package.json (two levels up from `src/cli` and from `lib/cli` alike). */
export interface PackageInfo {
  readonly name: string;
  readonly version: string;
  /** The repository's web address. */
  readonly homepage: string;
}

export function packageInfo(): PackageInfo {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url ?? '';
  return {
    name: manifest.name,
    version: manifest.version,
    homepage: String(repository).replace(/^git\+/, '').replace(/\.git$/, ''),
  };
}
