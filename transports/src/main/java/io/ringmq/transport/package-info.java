/**
 * Byte movers: tcp and ipc over non-blocking NIO. They know addresses and bytes, never frames or sockets.
 * <p>
 * {@link io.ringmq.transport.Endpoint} parses endpoint strings; {@link io.ringmq.transport.Transports} finds the
 * {@link io.ringmq.transport.Transport} for a scheme, which binds {@link io.ringmq.transport.StreamListener}s and
 * connects {@link io.ringmq.transport.StreamChannel}s; a {@link io.ringmq.transport.TransportPoller} per I/O agent
 * reports which are ready.
 */
package io.ringmq.transport;
