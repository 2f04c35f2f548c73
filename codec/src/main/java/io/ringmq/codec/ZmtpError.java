package io.ringmq.codec;

/**
 * Everything the codec can find wrong with a peer's bytes. A connection that reports one of these is closed;
 * nothing here is thrown into the application.
 */
public enum ZmtpError
{
    /** The first byte is not 0xFF or byte 9 lacks the versioned bit: not a ZMTP 3.x peer. */
    BAD_SIGNATURE("bad greeting signature"),
    /** The peer's major version is below 3 (ZMTP 1.0 or 2.0), which is not spoken here. */
    UNSUPPORTED_VERSION("unsupported ZMTP version"),
    /** The peer's security mechanism differs from ours. */
    MECHANISM_MISMATCH("security mechanism mismatch"),
    /** A frame's flags byte has one of the reserved bits 3-7 set. */
    RESERVED_FLAGS("reserved frame flag bits set"),
    /** A command frame carries the MORE flag, which commands must not. */
    COMMAND_WITH_MORE("command frame with MORE flag"),
    /** A long size field is negative as a signed 64-bit value. */
    NEGATIVE_SIZE("negative frame size"),
    /** A data frame is larger than the maximum message size. */
    MESSAGE_TOO_LARGE("frame larger than the maximum message size"),
    /** A command frame is larger than the command buffer. */
    COMMAND_TOO_LARGE("command larger than the command buffer"),
    /** A command's name length is zero or runs past its body. */
    MALFORMED_COMMAND("malformed command"),
    /** A metadata property is truncated or has an empty name. */
    MALFORMED_METADATA("malformed metadata property"),
    /** The handshake expected a READY command and got a data frame or another command. */
    UNEXPECTED_FRAME("unexpected frame during handshake"),
    /** The peer's READY has no Socket-Type property, or names a type that does not exist. */
    UNKNOWN_SOCKET_TYPE("missing or unknown Socket-Type"),
    /** The peer's socket type cannot talk to ours (RFC 23 table). */
    INCOMPATIBLE_SOCKET_TYPE("incompatible socket type"),
    /** The peer sent an ERROR command. */
    PEER_ERROR("peer sent ERROR");

    private final String description;

    ZmtpError(final String description)
    {
        this.description = description;
    }

    /**
     * @return a short human-readable description, for monitor events and logs.
     */
    public String description()
    {
        return description;
    }
}
