/**
 * Benchmarks and perf tools: JMH benchmarks, libzmq-compatible latency and throughput tools, peer comparison.
 */
package io.ringmq.perf;
