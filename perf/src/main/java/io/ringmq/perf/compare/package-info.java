/**
 * The side-by-side comparison of ringmq and JeroMQ 0.6.0: the same workloads in one process, interleaved and
 * repeated, one table of medians and ratios, HdrHistogram {@code .hgrm} files and a percentile plot.
 */
package io.ringmq.perf.compare;
