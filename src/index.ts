export * from './access-logs';
export * from './access-logs-bucket';
export * from './access-logged-bucket';
export * from './access-log-format';
export * from './access-logs-table';
export * from './enable-access-logs-options';
export * from './cloudwatch-logs-delivery';
export * from './data-events-trail';
