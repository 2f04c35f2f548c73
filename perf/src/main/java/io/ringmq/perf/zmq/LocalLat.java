package io.ringmq.perf.zmq;

import io.ringmq.Context;
import io.ringmq.SendClaim;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.perf.MessageWait;
import io.ringmq.perf.RunOptions;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * {@code local_lat <bind-to> <message-size> <roundtrip-count>}: a REP socket binds and echoes every request, as
 * libzmq's {@code local_lat}, printing nothing. Pairs with libzmq's or ringmq's {@code remote_lat}.
 */
public final class LocalLat extends ZmqStyleTool
{
    private UnsafeBuffer echo;

    @Override
    public String name()
    {
        return "local_lat";
    }

    @Override
    public String description()
    {
        return "libzmq's local_lat: REP binds and echoes: <bind-to> <message-size> <roundtrip-count>";
    }

    @Override
    String usageArguments()
    {
        return "<bind-to> <message-size> <roundtrip-count>";
    }

    @Override
    int run(final String endpoint, final int messageSize, final long count, final RunOptions options)
    {
        expectedSize = messageSize;
        echo = new UnsafeBuffer(BufferUtil.allocateDirectAligned(Math.max(64, messageSize), 64));
        try (Context ctx = options.newContext(); Socket rep = ctx.socket(SocketType.REP))
        {
            rep.bind(endpoint);
            final MessageWait idle = new MessageWait(options);
            final long total = count + options.warmup();
            for (long i = 0; i < total; i++)
            {
                if (!receiveOne(rep, idle))
                {
                    return incorrectSize();
                }
                final SendClaim claim = rep.claim(messageSize);
                claim.buffer().putBytes(claim.offset(), echo, 0, messageSize);
                claim.commit();
            }
            // Let the last reply reach the kernel before the context closes (LINGER does the rest).
            rep.setLinger(1000);
        }
        return 0;
    }

    @Override
    public void onFrame(final DirectBuffer buffer, final int offset, final int length, final boolean more)
    {
        super.onFrame(buffer, offset, length, more);
        if (length <= echo.capacity())
        {
            echo.putBytes(0, buffer, offset, length);
        }
    }
}
