package io.ringmq.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * A handshake fed any bytes in any chunks stops taking bytes only when it is COMPLETE or FAILED, fails only with
 * a {@link ZmtpError}, and never throws.
 * <p>
 * Seeded property tests: see {@link FuzzInputs} for replaying a failure with {@code -Dringmq.fuzz.seed} and
 * running more cases with {@code -Dringmq.fuzz.cases}.
 */
class NullHandshakeFuzzTest
{
    @Test
    void randomBytesAfterAValidGreetingEndInAState()
    {
        FuzzInputs.forEachCase(200, random ->
        {
            final byte[] bytes = FuzzInputs.bytes(random, 300);
            final ZmtpSocketType local = FuzzInputs.enumValue(random, ZmtpSocketType.class);
            final byte[] stream = new WireStream().raw(WireStream.greeting(3, 1, "NULL")).raw(bytes).toByteArray();

            feed(new NullHandshake(local, 256), stream, random);
        });
    }

    @Test
    void mutatedValidHandshakesEndInAState()
    {
        FuzzInputs.forEachCase(300, random ->
        {
            final ZmtpSocketType local = FuzzInputs.enumValue(random, ZmtpSocketType.class);
            final ZmtpSocketType peer = FuzzInputs.enumValue(random, ZmtpSocketType.class);

            feed(new NullHandshake(local, 256), Mutations.mutate(validStream(peer, random), random), random);
        });
    }

    @Test
    void validHandshakesCompleteInAnyChunking()
    {
        FuzzInputs.forEachCase(200, random ->
        {
            final ZmtpSocketType local = FuzzInputs.enumValue(random, ZmtpSocketType.class);
            final ZmtpSocketType peer = FuzzInputs.enumValue(random, ZmtpSocketType.class);

            checkValidHandshake(local, peer, random);
        });
    }

    private static void checkValidHandshake(
        final ZmtpSocketType local, final ZmtpSocketType peer, final SplittableRandom random)
    {
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

    private static byte[] validStream(final ZmtpSocketType peer, final SplittableRandom random)
    {
        final UnsafeBuffer ready = new UnsafeBuffer(new byte[128]);
        final byte[] identity = new byte[random.nextInt(8)];
        random.nextBytes(identity);
        final int readyLength = ReadyEncoder.encode(ready, 0, peer, identity, Collections.emptyMap());
        return new WireStream()
            .raw(WireStream.greeting(3, random.nextInt(3), "NULL"))
            .raw(Arrays.copyOf(ready.byteArray(), readyLength))
            .shortFrame(0, Hex.ascii("msg"))
            .toByteArray();
    }

    private static int feed(final NullHandshake handshake, final byte[] bytes, final SplittableRandom random)
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
