/**
 * JMH benchmarks of the engine's frame ring: the hand-off between a socket's application thread and an I/O agent.
 */
package io.ringmq.perf.ring;
