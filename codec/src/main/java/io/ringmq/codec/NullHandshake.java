package io.ringmq.codec;

import java.util.Map;

import org.agrona.MutableDirectBuffer;

/**
 * The handshake of a connection with the NULL mechanism ({@link NullMechanism}): a {@link Handshake} whose
 * commands are one READY each way. Checked, besides the greeting: that the first frame is READY or ERROR, the
 * properties' shape, the {@code Socket-Type} and its compatibility with ours.
 */
public final class NullHandshake extends Handshake
{
    private final ZmtpSocketType localType;

    /**
     * @param localType      our socket type, checked against the peer's.
     * @param maxCommandSize largest READY accepted; two buffers of this size are allocated now.
     */
    public NullHandshake(final ZmtpSocketType localType, final int maxCommandSize)
    {
        super(new NullMechanism(localType, maxCommandSize), maxCommandSize);
        this.localType = localType;
    }

    /**
     * Write a READY, whatever was sent before: for callers that stage the handshake themselves instead of asking
     * {@link #writeNextCommand}; the two are not to be mixed, as each would send its own READY.
     *
     * @param identity   our routing id, or null; sent for REQ, DEALER and ROUTER only.
     * @param properties application metadata, names starting with {@code X-}.
     * @return bytes written.
     */
    public int writeReady(
        final MutableDirectBuffer out, final int offset, final byte[] identity, final Map<String, byte[]> properties)
    {
        return ReadyEncoder.encode(out, offset, localType, identity, properties);
    }
}
