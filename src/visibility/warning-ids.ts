import { checkId } from '../checks/finding';

/**
 * The ids of the warnings that the faster-visibility constructs give at construction, listed in the
 * README with every other id.
 */

/** Warning: a record field that the S3 User Guide does not list (a newer field, or a typo). */
export const UNKNOWN_RECORD_FIELD = checkId('unknownRecordField');

/**
 * Warning: a vended-logs destination (a bucket, its key, a log group) or a log group's key is not
 * defined in the app, so the statement CloudWatch Logs needs could not be added to its policy.
 */
export const DELIVERY_PERMISSION_NOT_ADDED = checkId('deliveryPermissionNotAdded');

/** Warning: `recordFields` leaves out a field that an audit question's Logs Insights query reads; the query is not defined. */
export const QUERY_FIELDS_NOT_DELIVERED = checkId('queryFieldsNotDelivered');
