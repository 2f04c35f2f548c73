package io.ringmq.codec;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads a peer's greeting incrementally, from chunks of any size, and checks each part as soon as it arrives:
 * the signature after byte 9, the major version after byte 10. A peer that sends in stages, as libzmq does, is
 * followed stage by stage; {@link #signatureReceived()} and {@link #majorVersionReceived()} tell a staged sender
 * when it may send its own next stage.
 */
public final class GreetingDecoder
{
    private final UnsafeBuffer greeting = new UnsafeBuffer(new byte[ZmtpGreeting.LENGTH]);
    private int received;
    private ZmtpError error;

    /**
     * Forget the previous greeting, for a new connection.
     */
    public void reset()
    {
        received = 0;
        error = null;
    }

    /**
     * Take greeting bytes from a chunk.
     *
     * @param buffer holding the chunk.
     * @param offset of the chunk.
     * @param length of the chunk.
     * @return bytes taken, at most what completes the greeting; 0 once complete or failed.
     */
    public int decode(final DirectBuffer buffer, final int offset, final int length)
    {
        if (null != error || received == ZmtpGreeting.LENGTH)
        {
            return 0;
        }

        final int taken = Math.min(length, ZmtpGreeting.LENGTH - received);
        final int before = received;
        greeting.putBytes(before, buffer, offset, taken);
        received = before + taken;
        validate(before);

        return taken;
    }

    private void validate(final int before)
    {
        if (before <= ZmtpGreeting.SIGNATURE_START_OFFSET && received > ZmtpGreeting.SIGNATURE_START_OFFSET &&
            (greeting.getByte(ZmtpGreeting.SIGNATURE_START_OFFSET) & 0xFF) != ZmtpGreeting.SIGNATURE_START)
        {
            error = ZmtpError.BAD_SIGNATURE;
        }
        else if (before <= ZmtpGreeting.SIGNATURE_END_OFFSET && received > ZmtpGreeting.SIGNATURE_END_OFFSET &&
            (greeting.getByte(ZmtpGreeting.SIGNATURE_END_OFFSET) & 1) == 0)
        {
            error = ZmtpError.BAD_SIGNATURE;
        }
        else if (before <= ZmtpGreeting.VERSION_MAJOR_OFFSET && received > ZmtpGreeting.VERSION_MAJOR_OFFSET &&
            majorVersion() < ZmtpGreeting.VERSION_MAJOR)
        {
            error = ZmtpError.UNSUPPORTED_VERSION;
        }
    }

    /**
     * @return true once the peer's 10-byte signature has arrived and is valid.
     */
    public boolean signatureReceived()
    {
        return null == error && received >= ZmtpGreeting.SIGNATURE_LENGTH;
    }

    /**
     * @return true once the peer's major version has arrived and is acceptable.
     */
    public boolean majorVersionReceived()
    {
        return null == error && received > ZmtpGreeting.VERSION_MAJOR_OFFSET;
    }

    /**
     * @return true once all 64 bytes have arrived and none was wrong.
     */
    public boolean isComplete()
    {
        return null == error && received == ZmtpGreeting.LENGTH;
    }

    /**
     * @return what was wrong with the greeting, or null.
     */
    public ZmtpError error()
    {
        return error;
    }

    /**
     * @return the peer's major version; valid once {@link #majorVersionReceived()}.
     */
    public int majorVersion()
    {
        return greeting.getByte(ZmtpGreeting.VERSION_MAJOR_OFFSET) & 0xFF;
    }

    /**
     * @return the peer's minor version; valid once complete.
     */
    public int minorVersion()
    {
        return greeting.getByte(ZmtpGreeting.VERSION_MINOR_OFFSET) & 0xFF;
    }

    /**
     * @return true when the peer speaks ZMTP 3.1 or later: SUBSCRIBE/CANCEL commands rather than messages.
     */
    public boolean isZmtp31OrLater()
    {
        return majorVersion() > ZmtpGreeting.VERSION_MAJOR || minorVersion() >= ZmtpGreeting.VERSION_MINOR_3_1;
    }

    /**
     * @return the peer's as-server flag. ringmq never acts on it, as libzmq never does.
     */
    public boolean asServer()
    {
        return greeting.getByte(ZmtpGreeting.AS_SERVER_OFFSET) != 0;
    }

    /**
     * @param mechanism ASCII name of a mechanism.
     * @return true when the peer's mechanism field is exactly that name padded with zeros.
     */
    public boolean mechanismIs(final byte[] mechanism)
    {
        for (int i = 0; i < ZmtpGreeting.MECHANISM_LENGTH; i++)
        {
            final byte expected = i < mechanism.length ? mechanism[i] : 0;
            if (greeting.getByte(ZmtpGreeting.MECHANISM_OFFSET + i) != expected)
            {
                return false;
            }
        }
        return true;
    }
}
