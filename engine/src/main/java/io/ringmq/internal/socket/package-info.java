/**
 * What a {@link io.ringmq.Socket} does on the application's thread: {@link io.ringmq.internal.socket.SocketBase}
 * holds what send and receive share (options, the data-plane wait, control-plane calls to the I/O agent), {@link
 * io.ringmq.internal.socket.Sender} the send path (ring claims, SNDHWM, discard; {@link
 * io.ringmq.internal.socket.AgentHandOver} gets what it published to the I/O), {@link
 * io.ringmq.internal.socket.Receiver} the receive path (fair queue over the inbound rings, the pattern's verdicts,
 * in-place delivery). The context's I/O is reached only through {@link io.ringmq.internal.socket.IoDriver}.
 */
package io.ringmq.internal.socket;
