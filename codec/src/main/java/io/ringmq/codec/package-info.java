/**
 * ZMTP 3.x wire format: greeting, the handshake ({@link io.ringmq.codec.Handshake}) with its security
 * {@link io.ringmq.codec.Mechanism} (NULL for now), frames and commands, as flyweights over Agrona buffers. No
 * threads and no I/O live here.
 */
package io.ringmq.codec;
