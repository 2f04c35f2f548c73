/**
 * libzmq's perf tools ({@code local_lat}, {@code remote_lat}, {@code local_thr}, {@code remote_thr}) on ringmq,
 * with libzmq's command lines, socket types and result lines, so each side pairs with libzmq's own tools.
 */
package io.ringmq.perf.zmq;
