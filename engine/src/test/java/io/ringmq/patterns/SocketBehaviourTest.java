package io.ringmq.patterns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import io.ringmq.Context;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.patterns.Patterns.Worker;
import io.ringmq.test.Mode;
import io.ringmq.test.ModesAndTransports;
import io.ringmq.test.TestTransport;
import org.junit.jupiter.api.Timeout;

/**
 * Multipart atomicity, conflation, unbind/disconnect, wildcard endpoints and closing.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SocketBehaviourTest
{
    @ModesAndTransports
    void multipartMessagesArriveWholeAndNeverInterleaveAcrossSenders(final Mode mode, final TestTransport transport) throws Exception
    {
        final int perSender = 10_000;
        try (Context ctx = mode.newContext();
            Socket pull = ctx.socket(SocketType.PULL);
            Socket push1 = ctx.socket(SocketType.PUSH);
            Socket push2 = ctx.socket(SocketType.PUSH))
        {
            pull.bind(transport.bindEndpoint());
            pull.setReceiveTimeOut(10_000);
            push1.connect(pull.getLastEndpoint());
            push2.connect(pull.getLastEndpoint());
            try (Worker a = new Worker("push-a", () -> sendParts(push1, "a", perSender));
                Worker b = new Worker("push-b", () -> sendParts(push2, "b", perSender)))
            {
                final int[] next = new int[2];
                for (int m = 0; m < 2 * perSender; m++)
                {
                    final String head = pull.recvStr();
                    assertTrue(pull.hasReceiveMore(), "more after the first frame of message " + m);
                    final String sender = head.substring(0, 1);
                    final int n = next[sender.charAt(0) - 'a']++;
                    assertEquals(sender + n, head);
                    assertEquals(sender + n + "/body", pull.recvStr());
                    assertTrue(pull.hasReceiveMore());
                    assertArrayEquals(new byte[0], pull.recv());
                    assertTrue(pull.hasReceiveMore());
                    assertEquals(sender + n + "/end", pull.recvStr());
                    assertFalse(pull.hasReceiveMore(), "the last frame ends message " + m);
                }
                a.join(5_000);
                b.join(5_000);
            }
        }
    }

    private static void sendParts(final Socket push, final String sender, final int count)
    {
        for (int n = 0; n < count; n++)
        {
            push.sendMore(sender + n);
            push.sendMore(sender + n + "/body");
            push.sendMore(new byte[0]);
            push.send(sender + n + "/end");
        }
    }

    @ModesAndTransports
    void multipartPubSubFiltersOnTheFirstFrameOnly(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext(); Socket pub = ctx.socket(SocketType.PUB); Socket sub = ctx.socket(SocketType.SUB))
        {
            pub.bind(transport.bindEndpoint());
            sub.subscribe("x");
            sub.connect(pub.getLastEndpoint());
            sub.setReceiveTimeOut(20);
            String got = null;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (null == got && System.nanoTime() - deadline < 0)
            {
                pub.send("x-probe");
                got = sub.recvStr();
            }
            assertEquals("x-probe", got);
            while (null != sub.recv())
            {
                Thread.onSpinWait();
            }

            sub.setReceiveTimeOut(2_000);
            pub.sendMore("y");
            pub.send("x-in-second-frame");
            pub.sendMore("x1");
            pub.sendMore("y");
            pub.send("z");
            assertEquals("x1", sub.recvStr());
            assertTrue(sub.hasReceiveMore());
            assertEquals("y", sub.recvStr());
            assertEquals("z", sub.recvStr());
            assertFalse(sub.hasReceiveMore());
            sub.setReceiveTimeOut(100);
            assertNull(sub.recv());
        }
    }

    @ModesAndTransports
    void conflatingSubscriberKeepsOnlyTheNewestMessage(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext(); Socket pub = ctx.socket(SocketType.PUB); Socket sub = ctx.socket(SocketType.SUB))
        {
            pub.bind(transport.bindEndpoint());
            sub.setConflate(true);
            sub.subscribe("");
            sub.connect(pub.getLastEndpoint());
            sub.setReceiveTimeOut(20);
            String got = null;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (null == got && System.nanoTime() - deadline < 0)
            {
                pub.send("probe");
                got = sub.recvStr();
            }
            assertEquals("probe", got);
            Patterns.pause(ctx, 100);
            while (null != sub.recv())
            {
                Thread.onSpinWait();
            }

            for (int i = 0; i < 100; i++)
            {
                pub.send("m" + i);
            }
            Patterns.pause(ctx, 300);
            assertEquals("m99", sub.recvStr());
            assertNull(sub.recvStr(), "only the newest message is kept");
        }
    }

    @ModesAndTransports
    void wildcardBindResolvesTheAddressAndReleasesItOnUnbind(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext();
            Socket pull = ctx.socket(SocketType.PULL);
            Socket push = ctx.socket(SocketType.PUSH))
        {
            pull.bind(transport.wildcardEndpoint());
            final String endpoint = pull.getLastEndpoint();
            assertTrue(endpoint.matches(transport.resolvedPattern()), endpoint);

            pull.setReceiveTimeOut(5_000);
            push.setReconnectIVL(10);
            push.connect(endpoint);
            push.send("before");
            assertEquals("before", pull.recvStr());

            pull.unbind(endpoint);
            // Let the PUSH see its connection go, or the next message would be written to the dying one.
            Patterns.pause(ctx, 100);
            push.send("while unbound");
            pull.setReceiveTimeOut(200);
            assertNull(pull.recvStr(), "nothing arrives on an unbound endpoint");

            // The address is free again: another socket binds it and the PUSH reconnects to it.
            try (Socket again = ctx.socket(SocketType.PULL))
            {
                again.setReceiveTimeOut(5_000);
                again.bind(endpoint);
                assertEquals(endpoint, again.getLastEndpoint());
                assertEquals("while unbound", again.recvStr());
            }
        }
    }

    @ModesAndTransports
    void disconnectStopsDeliveryToThatEndpoint(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext();
            Socket pull = ctx.socket(SocketType.PULL);
            Socket push = ctx.socket(SocketType.PUSH))
        {
            pull.bind(transport.bindEndpoint());
            pull.setReceiveTimeOut(5_000);
            push.connect(pull.getLastEndpoint());
            push.send("connected");
            assertEquals("connected", pull.recvStr());

            push.disconnect(pull.getLastEndpoint());
            push.setSendTimeOut(0);
            push.send("disconnected");
            pull.setReceiveTimeOut(300);
            assertNull(pull.recvStr(), "nothing arrives after disconnect");

            push.connect(pull.getLastEndpoint());
            pull.setReceiveTimeOut(5_000);
            assertEquals("disconnected", pull.recvStr(), "a message queued while disconnected goes to the next peer");
        }
    }

    @ModesAndTransports
    void closingASocketReleasesItsPort(final Mode mode, final TestTransport transport)
    {
        try (Context ctx = mode.newContext())
        {
            final Socket first = ctx.socket(SocketType.PULL);
            first.bind(transport.bindEndpoint());
            final String endpoint = first.getLastEndpoint();
            first.close();
            try (Socket second = ctx.socket(SocketType.PULL))
            {
                second.bind(endpoint);
                assertEquals(endpoint, second.getLastEndpoint());
            }
        }
    }

    @ModesAndTransports
    void closingTheContextReleasesPortsOfSocketsClosedBeforeIt(final Mode mode, final TestTransport transport)
    {
        final String endpoint;
        try (Context ctx = mode.newContext())
        {
            final Socket pull = ctx.socket(SocketType.PULL);
            pull.bind(transport.bindEndpoint());
            endpoint = pull.getLastEndpoint();
            pull.close();
        }
        try (Context ctx = mode.newContext(); Socket pull = ctx.socket(SocketType.PULL))
        {
            pull.bind(endpoint);
        }
    }
}
