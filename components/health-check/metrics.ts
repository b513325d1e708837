/**
 * The metrics the tracer publishes (embedded metric format, one 0/1 sample per scheduled run) and
 * the alarms read. Its own module so the Lambda bundle and the component agree without the bundle
 * pulling in anything else.
 */

/** 1 when the scheduled run could not write or publish its trace. */
export const TRACE_ERROR_METRIC = "TraceErrors";

/** 1 when the scheduled run's PutEvents on the region's bus failed: a publishing-side signal. */
export const PUBLISH_FAILURE_METRIC = "PublishFailures";
