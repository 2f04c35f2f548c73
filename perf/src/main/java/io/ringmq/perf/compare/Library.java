package io.ringmq.perf.compare;

import io.ringmq.perf.fanout.FanoutResult;
import io.ringmq.perf.fanout.FanoutSpec;

/**
 * A messaging library under comparison: the three workloads, each run in this process with both ends in it.
 */
public interface Library
{
    /**
     * @return the name in the table.
     */
    String name();

    /**
     * @param transport to check.
     * @return true when this library can run over it.
     */
    boolean supports(Transport transport);

    /**
     * @param workload one of {@link CompareTool}'s workloads.
     * @return true when this library has that workload.
     */
    default boolean runs(final String workload)
    {
        return true;
    }

    /**
     * REQ/REP ping-pong, each round trip timed from its request's send to its reply's arrival.
     *
     * @param transport over which.
     * @param size      bytes per message.
     * @param warmup    untimed round trips first.
     * @param count     timed round trips.
     * @param gapMicros how long the client sleeps before each timed request (a quiet feed, a gateway between
     *                  orders): every thread involved has gone to sleep by then; 0 for back to back.
     * @return what was measured.
     * @throws Exception when the run fails.
     */
    LatencyRun reqRep(Transport transport, int size, long warmup, long count, long gapMicros) throws Exception;

    /**
     * A connected REQ/REP pair, one round trip done, then nothing for a while.
     *
     * @param transport over which.
     * @param millis    how long the pair idles.
     * @return CPU time of the process's threads over the idle spell, in percent of one core.
     * @throws Exception when the run fails.
     */
    double idleCpuPercent(Transport transport, long millis) throws Exception;

    /**
     * PUSH/PULL flat out.
     *
     * @param transport over which.
     * @param size      bytes per message.
     * @param warmup    untimed messages first.
     * @param count     timed messages.
     * @return what was measured.
     * @throws Exception when the run fails.
     */
    ThroughputRun pushPull(Transport transport, int size, long warmup, long count) throws Exception;

    /**
     * PUB to N SUBs at a paced rate.
     *
     * @param spec the run, its endpoint from {@link Transport#endpoint(String)}.
     * @return what was measured.
     * @throws Exception when the run fails.
     */
    FanoutResult fanout(FanoutSpec spec) throws Exception;

    /**
     * @param workload reqrep, pushpull or fanout.
     * @return how many threads spin in that workload.
     */
    int spinningThreads(String workload);
}
