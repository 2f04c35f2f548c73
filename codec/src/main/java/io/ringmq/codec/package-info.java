/**
 * ZMTP 3.x wire format: greeting, NULL mechanism handshake, frames and commands, as flyweights over Agrona buffers.
 * No threads and no I/O live here.
 */
package io.ringmq.codec;
