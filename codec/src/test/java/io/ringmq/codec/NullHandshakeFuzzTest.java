package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A handshake fed any bytes in any chunks stops taking bytes only when it is COMPLETE or FAILED, fails only with
 * a {@link ZmtpError}, and never throws.
 */
class NullHandshakeFuzzTest
{
    @Property(tries = 200)
    void randomBytesAfterAValidGreetingEndInAState(
        @ForAll @Size(max = 300) final byte[] bytes, @ForAll final long seed, @ForAll final ZmtpSocketType local)
    {
        final byte[] stream = new WireStream().raw(WireStream.greeting(3, 1, "NULL")).raw(bytes).toByteArray();

        feed(new NullHandshake(local, 256), stream, new Random(seed));
    }

    @Property(tries = 300)
    void mutatedValidHandshakesEndInAState(
        @ForAll final ZmtpSocketType local, @ForAll final ZmtpSocketType peer, @ForAll final long seed)
    {
        final Random random = new Random(seed);

        feed(new NullHandshake(local, 256), Mutations.mutate(validStream(peer, random), random), random);
    }

    @Property(tries = 200)
    void validHandshakesCompleteInAnyChunking(
        @ForAll final ZmtpSocketType local, @ForAll final ZmtpSocketType peer, @ForAll final long seed)
    {
        final Random random = new Random(seed);
        final NullHandshake handshake = new NullHandshake(local, 256);
        final byte[] stream = validStream(peer, random);

        final int consumed = feed(handshake, stream, random);

        if (local.isCompatibleWith(peer))
        {
            assertEquals(NullHandshake.State.COMPLETE, handshake.state());
            assertEquals(peer, handshake.peerSocketType());
            assertEquals(stream.length - 5, consumed, "the message after READY is left for the frame decoder");
        }
        else
        {
            assertEquals(ZmtpError.INCOMPATIBLE_SOCKET_TYPE, handshake.error());
        }
    }

    private static byte[] validStream(final ZmtpSocketType peer, final Random random)
    {
        final UnsafeBuffer ready = new UnsafeBuffer(new byte[128]);
        final byte[] identity = new byte[random.nextInt(8)];
        random.nextBytes(identity);
        final int readyLength = ReadyEncoder.encode(ready, 0, peer, identity, Collections.emptyMap());
        return new WireStream()
            .raw(WireStream.greeting(3, random.nextInt(3), "NULL"))
            .raw(java.util.Arrays.copyOf(ready.byteArray(), readyLength))
            .shortFrame(0, Hex.ascii("msg"))
            .toByteArray();
    }

    private static int feed(final NullHandshake handshake, final byte[] bytes, final Random random)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        int offset = 0;
        int consumedTotal = 0;
        while (offset < bytes.length)
        {
            final int chunk = Mutations.nextChunk(random, bytes.length - offset);
            final int consumed = handshake.onInbound(buffer, offset, chunk);
            assertTrue(consumed >= 0 && consumed <= chunk, "consumed " + consumed + " of " + chunk);
            consumedTotal += consumed;
            if (consumed < chunk)
            {
                assertTrue(handshake.state() == NullHandshake.State.COMPLETE ||
                    handshake.state() == NullHandshake.State.FAILED, "stopped early in " + handshake.state());
                final int rest = offset + consumed;
                assertEquals(0, handshake.onInbound(buffer, rest, bytes.length - rest));
                break;
            }
            offset += chunk;
        }

        if (handshake.state() == NullHandshake.State.FAILED)
        {
            assertNotNull(handshake.error());
            assertNotNull(handshake.failureDescription());
        }
        else
        {
            assertNull(handshake.error());
        }
        return consumedTotal;
    }
}
