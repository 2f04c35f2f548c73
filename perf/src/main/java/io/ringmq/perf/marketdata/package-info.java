/**
 * A market-data fan-out example: quotes published with the zero-copy API, feed handlers measuring latency.
 */
package io.ringmq.perf.marketdata;
