/**
 * ringmq's public API: {@code Context}, {@code Socket} and {@code SocketType}, in JeroMQ's names.
 */
package io.ringmq;
