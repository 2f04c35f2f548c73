package io.ringmq.perf.compare;

import org.HdrHistogram.Histogram;

/**
 * One REQ/REP run.
 *
 * @param roundTripNanos every timed round trip.
 * @param allocatedBytes by every thread during the timed round trips, -1 when unknown.
 * @param messages       messages in the timed window (two per round trip).
 * @param spinning       threads that spin.
 * @param threads        which threads ran.
 */
public record LatencyRun(Histogram roundTripNanos, long allocatedBytes, long messages, int spinning, String threads)
{
}
