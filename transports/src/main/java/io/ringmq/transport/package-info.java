/**
 * Byte movers: tcp and ipc over non-blocking NIO. They know addresses and bytes, never frames or sockets.
 */
package io.ringmq.transport;
