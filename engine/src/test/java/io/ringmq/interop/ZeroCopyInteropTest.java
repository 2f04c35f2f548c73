package io.ringmq.interop;

import static io.ringmq.interop.Interop.assertNumbered;
import static io.ringmq.interop.Interop.jeromq;
import static io.ringmq.interop.Interop.link;
import static io.ringmq.interop.Interop.mustRecv;
import static io.ringmq.interop.Interop.numbered;
import static io.ringmq.interop.Interop.ringmq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.MessageHandler;
import io.ringmq.SendClaim;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.interop.Interop.Peer;
import io.ringmq.interop.Interop.Side;
import io.ringmq.test.Mode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The zero-copy API against JeroMQ: bodies written in place with {@link Socket#claim(int)} and committed with or
 * without MORE reach JeroMQ intact, and {@link Socket#receive(MessageHandler, int)} shows JeroMQ's messages whole,
 * frame by frame, with their MORE flags.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ZeroCopyInteropTest
{
    private static final int MESSAGES = 2_000;

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void claimAndCommitToJeromq(final Mode mode, final Side side) throws Exception
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket push = ringmq(ctx, SocketType.PUSH))
        {
            final ZMQ.Socket pull = jeromq(zctx, org.zeromq.SocketType.PULL);
            pull.setReceiveTimeOut((int)Interop.RECEIVE_TIMEOUT_MS);
            link(zctx, side, push, pull);

            final Peer<Integer> receiver = Interop.start(() ->
            {
                for (int i = 0; i < MESSAGES; i++)
                {
                    assertNumbered(i, pull.recv());
                    assertTrue(pull.hasReceiveMore(), "MORE after the claimed first frame");
                    assertArrayEquals(new byte[0], pull.recv());
                    assertTrue(pull.hasReceiveMore());
                    assertNumbered(i + 1, pull.recv());
                    assertFalse(pull.hasReceiveMore());
                }
                return MESSAGES;
            });
            for (int i = 0; i < MESSAGES; i++)
            {
                claimNumbered(push, i).commitMore();
                final SendClaim empty = push.claim(0);
                assertNotNull(empty);
                empty.commitMore();
                claimNumbered(push, i + 1).commit();
            }
            assertEquals(MESSAGES, receiver.await(ctx, 20_000));
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("io.ringmq.interop.Interop#cases")
    void receiveFromJeromqInPlace(final Mode mode, final Side side) throws Exception
    {
        try (ZContext zctx = new ZContext();
            Context ctx = mode.newContext();
            Socket pull = ringmq(ctx, SocketType.PULL))
        {
            final ZMQ.Socket push = jeromq(zctx, org.zeromq.SocketType.PUSH);
            link(zctx, side, pull, push);

            final Peer<Integer> sender = Interop.start(() ->
            {
                for (int i = 0; i < MESSAGES; i++)
                {
                    assertTrue(push.sendMore(numbered(i)));
                    assertTrue(push.sendMore(new byte[0]));
                    assertTrue(push.send(numbered(i + 1)));
                }
                return MESSAGES;
            });

            final List<byte[]> frames = new ArrayList<>();
            final List<Boolean> mores = new ArrayList<>();
            final MessageHandler handler = (buffer, offset, length, more) ->
            {
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                frames.add(copy);
                mores.add(more);
            };
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int messages = 0;
            while (messages < MESSAGES)
            {
                final int before = frames.size();
                final int delivered = pull.receive(handler, 7);
                assertTrue(delivered <= 7, "more messages than the limit");
                assertEquals(3 * delivered, frames.size() - before, "whole messages only");
                messages += delivered;
                if (delivered == 0)
                {
                    if (System.nanoTime() - deadline > 0)
                    {
                        // A failure on JeroMQ's side explains more than the count: let it surface first.
                        sender.await(ctx, 1_000);
                        fail("received " + messages + " of " + MESSAGES + " messages; " + pull.counters());
                    }
                    Thread.onSpinWait();
                }
            }
            assertEquals(MESSAGES, sender.await(ctx, 10_000));
            for (int i = 0; i < MESSAGES; i++)
            {
                assertNumbered(i, frames.get(3 * i));
                assertTrue(mores.get(3 * i));
                assertEquals(0, frames.get(3 * i + 1).length);
                assertTrue(mores.get(3 * i + 1));
                assertNumbered(i + 1, frames.get(3 * i + 2));
                assertFalse(mores.get(3 * i + 2));
            }
            assertEquals(3 * MESSAGES, frames.size());
        }
    }

    private static SendClaim claimNumbered(final Socket socket, final int sequence)
    {
        final byte[] body = numbered(sequence);
        final SendClaim claim = socket.claim(body.length);
        assertNotNull(claim, "claim timed out");
        assertEquals(body.length, claim.length());
        claim.buffer().putBytes(claim.offset(), body);
        return claim;
    }
}
