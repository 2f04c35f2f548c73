/**
 * PUB -> N SUB fan-out: market-data quotes published with the zero-copy API at a paced rate (or flat out),
 * subscribers measuring one-way latency from each quote's intended publish time, gaps and drops. The
 * {@code compare} tool runs the same workload on JeroMQ through {@link io.ringmq.perf.fanout.Pacer} and
 * {@link io.ringmq.perf.fanout.SubscriberStats}.
 */
package io.ringmq.perf.fanout;
