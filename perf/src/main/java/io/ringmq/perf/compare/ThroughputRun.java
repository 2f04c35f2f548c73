package io.ringmq.perf.compare;

/**
 * One PUSH/PULL run.
 *
 * @param messagesPerSecond at the receiver, from its first timed message to its last.
 * @param allocatedBytes    by every thread in that window, -1 when unknown.
 * @param messages          messages in the window.
 * @param spinning          threads that spin.
 * @param threads           which threads ran.
 */
public record ThroughputRun(double messagesPerSecond, long allocatedBytes, long messages, int spinning,
    String threads)
{
}
