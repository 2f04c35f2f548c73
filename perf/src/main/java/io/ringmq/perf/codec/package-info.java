/**
 * JMH benchmarks of the ZMTP codec: frame decode and encode over off-heap buffers, in ns per frame.
 */
package io.ringmq.perf.codec;
