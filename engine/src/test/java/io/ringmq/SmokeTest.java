package io.ringmq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SmokeTest
{
    @Test
    void pushPull()
    {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH))
        {
            pull.bind("tcp://127.0.0.1:*");
            push.connect(pull.getLastEndpoint());
            push.send("hello");
            assertEquals("hello", pull.recvStr());
        }
    }

    @Test
    void pubSub() throws Exception
    {
        try (Context ctx = new Context(); Socket pub = ctx.socket(SocketType.PUB); Socket sub = ctx.socket(SocketType.SUB))
        {
            pub.bind("tcp://127.0.0.1:*");
            sub.subscribe("A");
            sub.connect(pub.getLastEndpoint());
            sub.setReceiveTimeOut(100);
            String got = null;
            for (int i = 0; i < 100 && got == null; i++)
            {
                pub.send("B-no");
                pub.send("A-yes");
                got = sub.recvStr();
            }
            assertEquals("A-yes", got);
        }
    }
}
