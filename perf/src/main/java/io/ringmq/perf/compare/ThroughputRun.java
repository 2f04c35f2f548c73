package io.ringmq.perf.compare;

import java.util.List;

import io.ringmq.perf.CpuMeter;

/**
 * One PUSH/PULL run.
 *
 * @param messagesPerSecond at the receiver, from its first timed message to its last.
 * @param allocatedBytes    by every thread in that window, -1 when unknown.
 * @param messages          messages in the window.
 * @param spinning          threads that spin.
 * @param threads           which threads ran.
 * @param cpu               CPU each thread spent in that window, busiest first.
 */
public record ThroughputRun(double messagesPerSecond, long allocatedBytes, long messages, int spinning,
    String threads, List<CpuMeter.ThreadCpu> cpu)
{
    /**
     * @return CPU time of every thread per message, in nanoseconds.
     */
    public double cpuNanosPerMessage()
    {
        return CpuMeter.total(cpu) / (double)Math.max(1, messages);
    }
}
