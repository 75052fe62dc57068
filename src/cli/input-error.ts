/**
 * A problem with what the command was given: a usage error, a file that cannot be read or parsed,
 * something that is no template. The command reports it in one line (naming the file and, for a
 * syntax error, the line) and exits with 2, never with a stack trace.
 */
export class InputError extends Error {
  constructor(message: string, public readonly file?: string, public readonly line?: number) {
    super(message);
    this.name = 'InputError';
  }

  /** `file:line: message`, or as much of it as is known. */
  public describe(): string {
    const where = this.file === undefined ? '' : this.line === undefined ? `${this.file}: ` : `${this.file}:${this.line}: `;
    return `${where}${this.message}`;
  }
}

/** A command line the command does not accept: exit 2, with the usage. */
export class UsageError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
