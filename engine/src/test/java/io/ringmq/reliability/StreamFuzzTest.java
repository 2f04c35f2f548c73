package io.ringmq.reliability;

import static io.ringmq.reliability.ZmtpBytes.bytes;
import static io.ringmq.reliability.ZmtpBytes.command;
import static io.ringmq.reliability.ZmtpBytes.greeting;
import static io.ringmq.reliability.ZmtpBytes.join;
import static io.ringmq.reliability.ZmtpBytes.ready;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.Counter;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * For a bounded time, peers connect to a bound socket one after another and write random bytes or a valid ZMTP
 * stream with random damage (bytes changed, cut, inserted, repeated). Whatever they send, a good peer on the same
 * socket keeps delivering every message, in order, and the socket never fails. Seeded and bounded:
 * {@code -Dringmq.fuzz.seed=N} replays a run, {@code -Dringmq.fuzz.millis=N} sets its length per mode (2,000 by
 * default).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StreamFuzzTest
{
    private static final long SEED = Long.getLong("ringmq.fuzz.seed", System.nanoTime());
    private static final long RUN_MS = Long.getLong("ringmq.fuzz.millis", 2_000);
    private static final String GOOD = "good-";

    @ParameterizedTest
    @EnumSource(Mode.class)
    void randomAndDamagedStreamsCostOnlyTheirOwnConnection(final Mode mode) throws Exception
    {
        final Random random = new Random(SEED);
        try (Context ctx = mode.newContext();
            Socket pull = ctx.socket(SocketType.PULL);
            Socket good = ctx.socket(SocketType.PUSH))
        {
            pull.setHandshakeIvl(100);
            pull.setReceiveTimeOut(5_000);
            pull.bind("tcp://127.0.0.1:*");
            good.connect(pull.getLastEndpoint());

            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MS);
            int streams = 0;
            while (System.nanoTime() - deadline < 0)
            {
                final byte[] stream = random.nextInt(4) == 0 ? randomBytes(random) : damagedStream(random);
                try (RawPeer hostile = new RawPeer(ctx))
                {
                    hostile.connect(pull.getLastEndpoint()).write(stream);
                    hostile.readFor(random.nextInt(20));
                }
                assertTrue(good.send(GOOD + streams));
                awaitGoodMessage(pull, streams);
                streams++;
            }
            System.out.printf("stream fuzz (%s, seed %d): %d streams in %d ms; %s%n",
                mode, SEED, streams, RUN_MS, pull.counters());
            assertTrue(pull.getCounter(Counter.PROTOCOL_ERRORS) > 0, "some streams were refused as broken");
        }
    }

    /**
     * The good peer's next message arrives; whatever a fuzzed peer managed to deliver as valid messages is skipped.
     */
    private static void awaitGoodMessage(final Socket pull, final int sequence)
    {
        while (true)
        {
            final byte[] message = pull.recv();
            if (null == message)
            {
                fail("good message " + sequence + " never arrived (seed " + SEED + "); " + pull.counters());
            }
            final String text = new String(message, StandardCharsets.ISO_8859_1);
            if (text.startsWith(GOOD))
            {
                if (!text.equals(GOOD + sequence))
                {
                    fail("expected good message " + sequence + ", got " + text + " (seed " + SEED + ")");
                }
                return;
            }
        }
    }

    private static byte[] randomBytes(final Random random)
    {
        final byte[] bytes = new byte[1 + random.nextInt(2_000)];
        random.nextBytes(bytes);
        if (random.nextBoolean())
        {
            // Past the signature check often enough to reach the later stages.
            System.arraycopy(greeting(3, "NULL"), 0, bytes, 0, Math.min(bytes.length, 12));
        }
        return bytes;
    }

    private static byte[] damagedStream(final Random random)
    {
        final byte[] valid = validStream(random);
        byte[] stream = valid;
        for (int i = 1 + random.nextInt(4); i > 0; i--)
        {
            stream = damage(random, stream);
        }
        return stream;
    }

    private static byte[] validStream(final Random random)
    {
        final ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(greeting(3, "NULL"));
        stream.writeBytes(ready("PUSH"));
        for (int i = random.nextInt(8); i > 0; i--)
        {
            switch (random.nextInt(4))
            {
                case 0:
                    stream.writeBytes(command("PING", bytes(0, 10, 'c', 't', 'x')));
                    break;
                case 1:
                    final byte[] longBody = new byte[256 + random.nextInt(512)];
                    stream.writeBytes(bytes(0x02, 0, 0, 0, 0, 0, 0, longBody.length >>> 8, longBody.length & 0xFF));
                    stream.writeBytes(longBody);
                    break;
                default:
                    final int length = random.nextInt(40);
                    stream.write(random.nextBoolean() ? 0x01 : 0x00);
                    stream.write(length);
                    stream.writeBytes(new byte[length]);
                    break;
            }
        }
        return stream.toByteArray();
    }

    private static byte[] damage(final Random random, final byte[] stream)
    {
        if (stream.length == 0)
        {
            return stream;
        }
        final int at = random.nextInt(stream.length);
        switch (random.nextInt(4))
        {
            case 0:
                final byte[] changed = stream.clone();
                changed[at] = (byte)random.nextInt(256);
                return changed;
            case 1:
                return Arrays.copyOf(stream, at);
            case 2:
                final byte[] inserted = new byte[1 + random.nextInt(16)];
                random.nextBytes(inserted);
                return join(Arrays.copyOf(stream, at), inserted, Arrays.copyOfRange(stream, at, stream.length));
            default:
                final int end = at + random.nextInt(stream.length - at + 1);
                return join(Arrays.copyOf(stream, end), Arrays.copyOfRange(stream, at, stream.length));
        }
    }
}
