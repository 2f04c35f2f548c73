/**
 * Optional Chronicle Bytes views of frame memory (needs {@code net.openhft:chronicle-bytes} on the class path).
 */
package io.ringmq.codec.chronicle;
