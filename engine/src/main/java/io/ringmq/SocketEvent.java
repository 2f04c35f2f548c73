package io.ringmq;

import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * The socket monitor's events, with libzmq's numbers ({@code ZMQ_EVENT_*}), and the reading of an event message.
 *
 * <p>{@link Socket#monitor(String, int)} sends each event as a two-frame message on an inproc PAIR socket, as
 * libzmq does: the first frame holds the event number (16 bits) and a value (32 bits), little-endian; the second
 * frame holds the endpoint. The value is the reconnect interval in milliseconds for {@link #CONNECT_RETRIED}, a
 * {@link io.ringmq.codec.ZmtpError} ordinal for {@link #HANDSHAKE_FAILED_PROTOCOL}, and 0 where libzmq passes a
 * file descriptor or an errno (the JDK exposes neither).
 */
public final class SocketEvent
{
    /** A connect() reached its peer. */
    public static final int CONNECTED = 0x0001;
    /** A connect() is in progress and will complete later. */
    public static final int CONNECT_DELAYED = 0x0002;
    /** A connect() will be tried again after the interval in the value. */
    public static final int CONNECT_RETRIED = 0x0004;
    /** A bind() is listening. */
    public static final int LISTENING = 0x0008;
    /** A bind() failed. */
    public static final int BIND_FAILED = 0x0010;
    /** A peer connected to a bound endpoint. */
    public static final int ACCEPTED = 0x0020;
    /** Taking a connection on a bound endpoint failed. */
    public static final int ACCEPT_FAILED = 0x0040;
    /** A bound endpoint stopped listening. */
    public static final int CLOSED = 0x0080;
    /** Closing a listener failed (never sent: the JDK reports no such failure). */
    public static final int CLOSE_FAILED = 0x0100;
    /** A connection was lost or dropped (not when the application closes, unbinds or disconnects). */
    public static final int DISCONNECTED = 0x0200;
    /** The monitor stopped: the last event it sends. */
    public static final int MONITOR_STOPPED = 0x0400;
    /** A handshake failed without a protocol error: it timed out, or the peer went away. */
    public static final int HANDSHAKE_FAILED_NO_DETAIL = 0x0800;
    /** A peer completed the ZMTP handshake. */
    public static final int HANDSHAKE_SUCCEEDED = 0x1000;
    /** A handshake failed on a protocol error (the value says which). */
    public static final int HANDSHAKE_FAILED_PROTOCOL = 0x2000;
    /** Every event. */
    public static final int ALL = 0xFFFF;

    /** Length of an event message's first frame. */
    public static final int HEADER_LENGTH = 6;

    private SocketEvent()
    {
    }

    /**
     * @param header an event message's first frame.
     * @return the event number.
     */
    public static int event(final byte[] header)
    {
        return new UnsafeBuffer(header).getShort(0, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }

    /**
     * @param header an event message's first frame.
     * @return the event's value.
     */
    public static int value(final byte[] header)
    {
        return new UnsafeBuffer(header).getInt(2, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Write an event message's first frame.
     *
     * @return {@link #HEADER_LENGTH}.
     */
    static int writeHeader(final UnsafeBuffer buffer, final int event, final int value)
    {
        buffer.putShort(0, (short)event, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(2, value, ByteOrder.LITTLE_ENDIAN);
        return HEADER_LENGTH;
    }
}
