package io.ringmq.codec;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What a peer said of itself in its handshake's metadata (the properties of NULL's READY; PLAIN and CURVE carry the
 * same properties in their commands): its {@code Socket-Type}, checked against ours, and its {@code Identity}. The
 * properties are copied, so they outlive the bytes they came in; one buffer, allocated once per connection.
 */
public final class PeerMetadata
{
    private final ZmtpSocketType localType;
    private final MetadataReader metadata = new MetadataReader();
    private final UnsafeBuffer properties;
    private int propertiesLength;
    private ZmtpSocketType peerType;
    private int identityOffset;
    private int identityLength;

    /**
     * @param localType our socket type, checked against the peer's.
     * @param maxLength the longest properties accepted (the largest command).
     */
    public PeerMetadata(final ZmtpSocketType localType, final int maxLength)
    {
        this.localType = localType;
        this.properties = new UnsafeBuffer(new byte[maxLength]);
    }

    /**
     * Forget the last peer, for a new connection.
     */
    public void reset()
    {
        propertiesLength = 0;
        peerType = null;
        identityLength = 0;
    }

    /**
     * Take the peer's properties.
     *
     * @return null when they are well formed, name a socket type compatible with ours and an Identity of at most
     * 255 bytes; else why the handshake fails.
     */
    public ZmtpError accept(final DirectBuffer buffer, final int offset, final int length)
    {
        propertiesLength = length;
        properties.putBytes(0, buffer, offset, length);
        metadata.wrap(properties, 0, length);
        while (metadata.next())
        {
            if (metadata.nameIs(ReadyEncoder.SOCKET_TYPE))
            {
                peerType = ZmtpSocketType.fromWireName(properties, metadata.valueOffset(), metadata.valueLength());
            }
            else if (metadata.nameIs(ReadyEncoder.IDENTITY))
            {
                identityOffset = metadata.valueOffset();
                identityLength = metadata.valueLength();
            }
        }
        if (metadata.isMalformed())
        {
            return ZmtpError.MALFORMED_METADATA;
        }
        if (null == peerType)
        {
            return ZmtpError.UNKNOWN_SOCKET_TYPE;
        }
        if (!localType.isCompatibleWith(peerType))
        {
            return ZmtpError.INCOMPATIBLE_SOCKET_TYPE;
        }
        if (identityLength > ReadyEncoder.MAX_IDENTITY_LENGTH)
        {
            return ZmtpError.MALFORMED_METADATA;
        }
        return null;
    }

    /**
     * Keep the reason text of the peer's ERROR in place of properties.
     */
    void acceptErrorReason(final DirectBuffer buffer, final int offset, final int length)
    {
        propertiesLength = length;
        properties.putBytes(0, buffer, offset, length);
    }

    /**
     * @return the peer's socket type, once accepted.
     */
    public ZmtpSocketType socketType()
    {
        return peerType;
    }

    /**
     * @return a copy of the peer's Identity property, empty when it sent none.
     */
    public byte[] identity()
    {
        final byte[] identity = new byte[identityLength];
        properties.getBytes(identityOffset, identity);
        return identity;
    }

    /**
     * @return length of the peer's Identity property, 0 when it sent none.
     */
    public int identityLength()
    {
        return identityLength;
    }

    /**
     * @return the buffer holding the peer's properties (or its ERROR's reason), from offset 0.
     */
    public DirectBuffer properties()
    {
        return properties;
    }

    /**
     * @return length of the peer's properties (or its ERROR's reason).
     */
    public int propertiesLength()
    {
        return propertiesLength;
    }
}
