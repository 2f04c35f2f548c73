package io.ringmq.codec;

import java.util.Map;

import org.agrona.MutableDirectBuffer;

/**
 * A ZMTP security mechanism's part of the handshake (rfc 23): the name and as-server flag our greeting carries, the
 * commands we send after the peer's greeting, and the peer's commands until it is ready. {@link Handshake} runs
 * the greeting, frames the commands and handles ERROR for every mechanism; a mechanism sees only its own commands.
 * One instance per connection; no I/O, no threads. {@link NullMechanism} is the first; PLAIN and CURVE plug in
 * here.
 */
public interface Mechanism
{
    /**
     * @return the mechanism's name as the greeting carries it, in ASCII: {@code NULL}, {@code PLAIN}, {@code CURVE}.
     */
    byte[] name();

    /**
     * @return the greeting's as-server flag.
     */
    boolean asServer();

    /**
     * Write our next handshake command if one is due now; called once the peer's greeting is in, and again after
     * each command of the peer's.
     *
     * @param out        where to write, with room for the largest command.
     * @param identity   our routing id, or null.
     * @param properties application metadata, names starting with {@code X-}.
     * @return bytes written; 0 when nothing is due.
     */
    int writeNextCommand(MutableDirectBuffer out, int offset, byte[] identity, Map<String, byte[]> properties);

    /**
     * @return true when {@link #writeNextCommand} would write something now.
     */
    boolean hasCommandDue();

    /**
     * A handshake command of the peer's, ERROR excepted.
     *
     * @return null to go on; else why the handshake fails.
     */
    ZmtpError onCommand(CommandFlyweight command);

    /**
     * @return true once the peer is ready: message traffic may flow.
     */
    boolean isComplete();

    /**
     * @return what the peer said of itself.
     */
    PeerMetadata peer();

    /**
     * Re-arm for a new connection.
     */
    void reset();
}
