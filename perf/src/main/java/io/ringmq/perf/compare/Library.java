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
     * REQ/REP ping-pong.
     *
     * @param transport over which.
     * @param size      bytes per message.
     * @param warmup    untimed round trips first.
     * @param count     timed round trips.
     * @return what was measured.
     * @throws Exception when the run fails.
     */
    LatencyRun reqRep(Transport transport, int size, long warmup, long count) throws Exception;

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
