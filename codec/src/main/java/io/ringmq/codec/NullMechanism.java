package io.ringmq.codec;

import java.util.Map;

import org.agrona.MutableDirectBuffer;

/**
 * ZMTP's NULL mechanism (rfc 23): each side sends READY with its metadata once the peer's greeting is in, and the
 * peer is ready once its READY, the only command NULL expects, is well formed and names a compatible socket type.
 */
public final class NullMechanism implements Mechanism
{
    private final ZmtpSocketType localType;
    private final PeerMetadata peer;
    private boolean readySent;
    private boolean complete;

    /**
     * @param localType      our socket type, sent in READY and checked against the peer's.
     * @param maxCommandSize the largest READY accepted.
     */
    public NullMechanism(final ZmtpSocketType localType, final int maxCommandSize)
    {
        this.localType = localType;
        this.peer = new PeerMetadata(localType, maxCommandSize);
    }

    @Override
    public byte[] name()
    {
        return ZmtpGreeting.MECHANISM_NULL;
    }

    @Override
    public boolean asServer()
    {
        return false;
    }

    @Override
    public int writeNextCommand(
        final MutableDirectBuffer out, final int offset, final byte[] identity, final Map<String, byte[]> properties)
    {
        if (readySent)
        {
            return 0;
        }
        readySent = true;
        return ReadyEncoder.encode(out, offset, localType, identity, properties);
    }

    @Override
    public boolean hasCommandDue()
    {
        return !readySent;
    }

    @Override
    public ZmtpError onCommand(final CommandFlyweight command)
    {
        if (command.command() != ZmtpCommand.READY)
        {
            return ZmtpError.UNEXPECTED_FRAME;
        }
        final ZmtpError error = peer.accept(command.buffer(), command.dataOffset(), command.dataLength());
        complete = null == error;
        return error;
    }

    @Override
    public boolean isComplete()
    {
        return complete;
    }

    @Override
    public PeerMetadata peer()
    {
        return peer;
    }

    @Override
    public void reset()
    {
        readySent = false;
        complete = false;
        peer.reset();
    }
}
