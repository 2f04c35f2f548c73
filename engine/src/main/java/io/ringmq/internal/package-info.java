/**
 * The engine under the public API; nothing here is API. Three parts:
 * <ul>
 *   <li>{@link io.ringmq.internal.socket} runs on the application's thread: a socket's send and receive paths,
 *   its rings' producer and consumer ends, and its waits.</li>
 *   <li>{@link io.ringmq.internal.pattern} holds one class per socket type: what that type sends, receives and
 *   drops, and its envelopes and lockstep.</li>
 *   <li>This package moves the bytes. On an I/O agent's thread (or on the application thread leading its
 *   selector; its sockets, commands and timers in {@link io.ringmq.internal.AgentSchedule}, and in invoker mode
 *   run by application threads through {@link io.ringmq.internal.Invoker}), {@link io.ringmq.internal.IoAgent}
 *   drives every {@link io.ringmq.internal.SocketCore} and {@link
 *   io.ringmq.internal.Connection} of a context: a socket's outbound {@link io.ringmq.internal.FrameRing} is routed
 *   to its tcp and ipc peers ({@link io.ringmq.internal.StreamPeers}) by an {@link
 *   io.ringmq.internal.OutboundRouting} (fan-out, round-robin, identity, upstream); a connection is a ZMTP session
 *   (its greeting and handshake {@link io.ringmq.internal.ZmtpHandshake}, its inbound frames {@link
 *   io.ringmq.internal.InboundFrames}) over a {@link io.ringmq.internal.StreamEngine} that owns the channel. Inproc
 *   peers are {@link io.ringmq.internal.InprocPipe}s that the sending thread writes itself, through an {@link
 *   io.ringmq.internal.InprocRouting}. Peers of every transport are admitted by one {@link
 *   io.ringmq.internal.PeerAdmission}, and an XPUB's subscription union is one {@link
 *   io.ringmq.internal.PeerSubscriptions}.</li>
 * </ul>
 * The data plane (send, route, write, read, receive) allocates nothing after a connection's set-up; the control
 * plane (bind, connect, options, close) may.
 */
package io.ringmq.internal;
