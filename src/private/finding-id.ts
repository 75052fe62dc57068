/** The id every finding and warning of this library carries: `cdk-s3-access-logs:<name>`, listed in the README. */
export function checkId(name: string): string {
  return `cdk-s3-access-logs:${name}`;
}
