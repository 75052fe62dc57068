import { Names, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * What Athena can use as a database or table name: lower case (Athena lowers names in DDL, and a
 * Glue name in upper case cannot be queried as written), 1 to 255 characters. Letters, digits and
 * underscores only, so that the name needs no quoting in DDL either.
 *
 * @see https://docs.aws.amazon.com/athena/latest/ug/tables-databases-columns-names.html
 */
const CATALOG_NAME = /^[a-z0-9_]{1,255}$/;

/** Athena WorkGroup names: 1 to 128 letters, digits, `.`, `_` or `-`. */
const WORKGROUP_NAME = /^[a-zA-Z0-9._-]{1,128}$/;

/** Throw, naming the construct, the prop and a fix, unless `name` is a valid Glue name for Athena (or a token). */
export function assertCatalogName(scope: IConstruct, prop: string, name: string | undefined): void {
  if (name === undefined || Token.isUnresolved(name) || CATALOG_NAME.test(name)) {
    return;
  }
  const suggestion = name.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 255) || 'access_logs';
  throw new Error(`${scope.node.path}: ${prop} must be 1 to 255 lower-case letters, digits or underscores `
    + `(Athena reads Glue names in lower case only), got: "${name}". Use e.g. "${suggestion}".`);
}

/** Throw, naming the construct and a fix, unless `name` is a valid Athena WorkGroup name (or a token). */
export function assertWorkGroupName(scope: IConstruct, prop: string, name: string | undefined): void {
  if (name === undefined || Token.isUnresolved(name) || WORKGROUP_NAME.test(name)) {
    return;
  }
  const suggestion = name.replace(/[^a-zA-Z0-9._-]/g, '-').slice(0, 128) || 'access-logs';
  throw new Error(`${scope.node.path}: ${prop} must be 1 to 128 letters, digits, '.', '_' or '-' `
    + `(the Athena WorkGroup name rule), got: "${name}". Use e.g. "${suggestion}".`);
}

/**
 * A Glue name unique to `scope` in its account and Region: its stack and path, lower case, with a
 * hash. CloudFormation would otherwise generate a name with a hyphen, which Athena cannot use.
 */
export function uniqueCatalogName(scope: IConstruct): string {
  return Names.uniqueResourceName(scope, { maxLength: 255, separator: '_' }).toLowerCase();
}

/** A WorkGroup name unique to `scope` in its account and Region. */
export function uniqueWorkGroupName(scope: IConstruct): string {
  return Names.uniqueResourceName(scope, { maxLength: 128, separator: '-' });
}
