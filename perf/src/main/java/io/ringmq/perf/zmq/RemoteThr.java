package io.ringmq.perf.zmq;

import io.ringmq.Context;
import io.ringmq.IdleMode;
import io.ringmq.SendClaim;
import io.ringmq.Socket;
import io.ringmq.SocketType;
import io.ringmq.perf.RunOptions;

/**
 * {@code remote_thr <connect-to> <message-size> <message-count>}: a PUSH socket connects and sends as fast as it
 * can through the zero-copy API, as libzmq's {@code remote_thr}, and lingers until every message is on its way; it
 * prints only which threads ran. By default in threaded mode with the event-driven idle strategy: the I/O agent
 * writes whatever the application committed since its last write in one system call while the application goes
 * on sending; invoker mode batches a burst too, but its one thread pays for every write itself.
 */
public final class RemoteThr extends ZmqStyleTool
{
    @Override
    public String name()
    {
        return "remote_thr";
    }

    @Override
    public String description()
    {
        return "libzmq's remote_thr: PUSH connects, sends: <connect-to> <message-size> <message-count>";
    }

    @Override
    String usageArguments()
    {
        return "<connect-to> <message-size> <message-count>";
    }

    @Override
    RunOptions.Mode defaultMode()
    {
        return RunOptions.Mode.THREADED;
    }

    @Override
    IdleMode defaultIdle()
    {
        return IdleMode.BACKOFF;
    }

    @Override
    int run(final String endpoint, final int messageSize, final long count, final RunOptions options)
    {
        try (Context ctx = options.newContext(); Socket push = ctx.socket(SocketType.PUSH))
        {
            push.connect(endpoint);
            final long total = count + options.warmup();
            for (long i = 0; i < total; i++)
            {
                final SendClaim claim = push.claim(messageSize);
                claim.buffer().setMemory(claim.offset(), messageSize, (byte)0);
                claim.commit();
            }
            push.setLinger(-1);
        }
        out.println(options.threadsLine(1));
        return 0;
    }
}
