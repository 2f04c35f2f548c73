package io.ringmq.codec;

import java.nio.charset.StandardCharsets;

import org.agrona.MutableDirectBuffer;

/**
 * Layout of the 64-byte ZMTP 3.x greeting (RFC 23 / RFC 37):
 *
 * <pre>
 *  offset  length  field
 *  0       1       signature start, 0xFF
 *  1       8       padding, ignored (libzmq writes identity length + 1 there)
 *  9       1       signature end, 0x7F; bit 0 set means a versioned (ZMTP 2.0+) peer
 *  10      1       version major, 3
 *  11      1       version minor, 0 = ZMTP 3.0, 1 = ZMTP 3.1; higher values are accepted
 *  12      20      mechanism, ASCII, right-padded with 0x00 ("NULL", "PLAIN", "CURVE")
 *  32      1       as-server, 0 or 1; never read (libzmq always writes 0)
 *  33      31      filler, zeros
 * </pre>
 *
 * libzmq sends the greeting in stages: the 10-byte signature, then the major version once the peer's signature
 * has arrived, then the rest once the peer's major version has arrived. Writing all 64 bytes at once, as
 * {@link #encode} does, never waits on the peer and so cannot deadlock against a staged sender.
 */
public final class ZmtpGreeting
{
    /** Length of a complete ZMTP 3.x greeting. */
    public static final int LENGTH = 64;
    /** Offset of the 0xFF signature byte. */
    public static final int SIGNATURE_START_OFFSET = 0;
    /** Offset of the 8 padding bytes. */
    public static final int PADDING_OFFSET = 1;
    /** Offset of the 0x7F signature end byte. */
    public static final int SIGNATURE_END_OFFSET = 9;
    /** Length of the signature, libzmq's first stage. */
    public static final int SIGNATURE_LENGTH = 10;
    /** Offset of the major version, libzmq's second stage. */
    public static final int VERSION_MAJOR_OFFSET = 10;
    /** Offset of the minor version. */
    public static final int VERSION_MINOR_OFFSET = 11;
    /** Offset of the mechanism name. */
    public static final int MECHANISM_OFFSET = 12;
    /** Length of the mechanism field. */
    public static final int MECHANISM_LENGTH = 20;
    /** Offset of the as-server byte. */
    public static final int AS_SERVER_OFFSET = 32;
    /** Offset of the filler. */
    public static final int FILLER_OFFSET = 33;

    /** The signature start value. */
    public static final int SIGNATURE_START = 0xFF;
    /** The signature end value ringmq writes. */
    public static final int SIGNATURE_END = 0x7F;
    /** The major version ringmq speaks. */
    public static final int VERSION_MAJOR = 3;
    /** Minor version of ZMTP 3.0 peers (JeroMQ 0.6, libzmq up to 4.3.2): subscriptions travel as messages. */
    public static final int VERSION_MINOR_3_0 = 0;
    /** Minor version of ZMTP 3.1 peers: subscriptions travel as SUBSCRIBE/CANCEL commands. */
    public static final int VERSION_MINOR_3_1 = 1;

    /** The NULL mechanism's name. */
    public static final byte[] MECHANISM_NULL = "NULL".getBytes(StandardCharsets.US_ASCII);

    private ZmtpGreeting()
    {
    }

    /**
     * Write a complete greeting.
     *
     * @param buffer       to write into; 64 bytes from {@code offset} are overwritten.
     * @param offset       of the greeting's first byte.
     * @param minorVersion to announce, {@link #VERSION_MINOR_3_1} normally.
     * @param mechanism    ASCII name, at most 20 bytes.
     * @param asServer     the as-server flag.
     * @return {@link #LENGTH}.
     */
    public static int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final int minorVersion,
        final byte[] mechanism,
        final boolean asServer)
    {
        if (mechanism.length > MECHANISM_LENGTH)
        {
            throw new IllegalArgumentException("mechanism name longer than " + MECHANISM_LENGTH + " bytes");
        }

        buffer.setMemory(offset, LENGTH, (byte)0);
        buffer.putByte(offset + SIGNATURE_START_OFFSET, (byte)SIGNATURE_START);
        buffer.putByte(offset + PADDING_OFFSET + 7, (byte)1);
        buffer.putByte(offset + SIGNATURE_END_OFFSET, (byte)SIGNATURE_END);
        buffer.putByte(offset + VERSION_MAJOR_OFFSET, (byte)VERSION_MAJOR);
        buffer.putByte(offset + VERSION_MINOR_OFFSET, (byte)minorVersion);
        buffer.putBytes(offset + MECHANISM_OFFSET, mechanism);
        buffer.putByte(offset + AS_SERVER_OFFSET, (byte)(asServer ? 1 : 0));

        return LENGTH;
    }
}
