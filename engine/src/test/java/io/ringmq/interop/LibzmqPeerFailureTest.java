package io.ringmq.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.test.Mode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a trading system stakes its uptime on, against a real libzmq process: a peer frozen with SIGSTOP is found
 * out by heartbeats and dropped, so the traffic it would swallow goes to the live peers; a peer killed with
 * SIGKILL and started again is reconnected, and every message sent after the restart reaches it, in order.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LibzmqPeerFailureTest
{
    private static final int BATCH = 100;

    @BeforeAll
    static void requireLibzmq() throws Exception
    {
        LibzmqPeer.requirePyzmq();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFrozenPeerIsDroppedByHeartbeatsAndTheLivePeerGetsEverything(final Mode mode) throws Exception
    {
        try (Context ctx = mode.newContext();
            Socket push = ctx.socket(SocketType.PUSH);
            Socket live = ctx.socket(SocketType.PULL))
        {
            push.setHeartbeatIvl(100);
            push.setHeartbeatTimeout(300);
            push.bind("tcp://127.0.0.1:*");
            live.connect(push.getLastEndpoint());
            live.setReceiveTimeOut(5_000);
            try (LibzmqPeer frozen = LibzmqPeer.start("pull", false, push.getLastEndpoint(), 1_000_000))
            {
                // Both peers take their turn: round-robin gives the live one exactly every other message.
                awaitTwoPeers(ctx, push, live);

                frozen.freeze();
                Mode.pump(ctx, 1_000);
                for (int i = 0; i < BATCH; i++)
                {
                    push.send("after-" + i);
                }
                for (int i = 0; i < BATCH; i++)
                {
                    assertEquals("after-" + i, live.recvStr(), "the frozen peer still took messages");
                }
            }
        }
    }

    /**
     * Send pairs of probes until one pair splits over both peers; drain the probes the live peer got.
     */
    private static void awaitTwoPeers(final Context ctx, final Socket push, final Socket live)
    {
        live.setReceiveTimeOut(200);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() - deadline < 0)
        {
            push.send("probe");
            push.send("probe");
            Mode.pump(ctx, 50);
            int got = 0;
            while (null != live.recvStr())
            {
                got++;
            }
            if (got == 1)
            {
                live.setReceiveTimeOut(5_000);
                return;
            }
        }
        throw new AssertionError("the libzmq peer never connected");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aKilledPeerStartedAgainGetsEveryMessageSentAfterTheRestart(final Mode mode) throws Exception
    {
        try (Context ctx = mode.newContext(); Socket push = ctx.socket(SocketType.PUSH))
        {
            push.setReconnectIVL(20);
            push.setSndHWM(0);
            final String endpoint;
            try (LibzmqPeer first = LibzmqPeer.start("pull", true, "tcp://127.0.0.1:*", 1_000_000))
            {
                endpoint = first.lastEndpoint();
                push.connect(endpoint);
                for (int i = 0; i < BATCH; i++)
                {
                    push.send("before-" + i);
                }
                Mode.pump(ctx, 300);
                first.kill();
            }
            // ringmq notices the dead connection and starts redialing a port nobody listens on.
            Mode.pump(ctx, 300);

            try (LibzmqPeer second = LibzmqPeer.start("pull", true, endpoint, 10 * BATCH))
            {
                final List<String> expected = new ArrayList<>();
                for (int i = 0; i < 10 * BATCH; i++)
                {
                    push.send("after-" + i);
                    expected.add("after-" + i);
                }
                assertEquals(expected, second.awaitSuccess(ctx), "what the restarted peer received");
            }
        }
    }
}
