// The public API: each file below holds public names only (their helpers live beside them, unexported here).
export * from './buckets/access-logged-bucket';
export * from './buckets/access-logs-bucket';
export * from './appwide/access-logs';
export * from './appwide/enable-access-logs-options';
export * from './format/access-log-format';
export * from './format/access-log-record';
export * from './analytics/access-logs-table';
export * from './visibility/access-log-alarm-options';
export * from './visibility/cloudwatch-logs-delivery';
export * from './visibility/cloudwatch-logs-delivery-destination';
export * from './visibility/data-events-trail';
export * from './visibility/vended-logs-output-format';
