package io.ringmq.codec;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;

/**
 * The ZMTP commands ringmq knows, by their wire names. A command body is {@code name-length(1) name data}.
 */
public enum ZmtpCommand
{
    /** NULL-mechanism handshake completion, with metadata properties. */
    READY,
    /** Fatal handshake error, with a one-byte-length reason. */
    ERROR,
    /** ZMTP 3.1 subscription: data is the prefix. */
    SUBSCRIBE,
    /** ZMTP 3.1 unsubscription: data is the prefix. */
    CANCEL,
    /** Heartbeat: TTL (2 bytes, deciseconds) and up to 16 bytes of context. */
    PING,
    /** Heartbeat reply: the PING's context. */
    PONG,
    /** A command not listed above. */
    UNKNOWN;

    private static final ZmtpCommand[] KNOWN = { READY, ERROR, SUBSCRIBE, CANCEL, PING, PONG };

    private final byte[] wireName = name().getBytes(StandardCharsets.US_ASCII);

    /**
     * @return the ASCII name on the wire. Do not modify.
     */
    public byte[] wireName()
    {
        return wireName;
    }

    static ZmtpCommand fromWireName(final DirectBuffer buffer, final int offset, final int length)
    {
        for (final ZmtpCommand command : KNOWN)
        {
            if (AsciiBytes.equals(command.wireName, buffer, offset, length, false))
            {
                return command;
            }
        }
        return UNKNOWN;
    }
}
