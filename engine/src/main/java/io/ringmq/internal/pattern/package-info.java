/**
 * One class per socket type, as libzmq's one class per type over {@code socket_base_t}: {@link
 * io.ringmq.internal.pattern.Pub}, {@link io.ringmq.internal.pattern.Sub} and so on, each overriding of {@link
 * io.ringmq.internal.pattern.Pattern} only what makes it that type. A pattern runs on the socket's application
 * thread and sees the socket only through {@link io.ringmq.internal.pattern.PatternHost}; routing between peers
 * runs where the peers are, on the I/O side.
 */
package io.ringmq.internal.pattern;
