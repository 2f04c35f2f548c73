package io.ringmq;

import io.ringmq.internal.Sleeper;

/**
 * The wakers of several sockets one thread waits on (a {@link Poller}, a {@link Proxy}), armed and disarmed
 * together; as a {@link Sleeper}, still armed only while none of them has fired. Null slots are skipped.
 */
final class SocketWakers implements Sleeper
{
    private Socket[] sockets = new Socket[0];
    private int count;

    /**
     * @param sockets the sockets, possibly with null slots; the array is read, not copied.
     * @param count   how many slots are in use.
     * @return this.
     */
    SocketWakers of(final Socket[] sockets, final int count)
    {
        this.sockets = sockets;
        this.count = count;
        return this;
    }

    /**
     * Arm every waker for the calling thread, or disarm them all.
     */
    void arm(final boolean arm)
    {
        for (int i = 0; i < count; i++)
        {
            final Socket socket = sockets[i];
            if (null != socket)
            {
                if (arm)
                {
                    socket.waker().armAndAttend();
                }
                else
                {
                    socket.waker().disarm();
                }
            }
        }
    }

    @Override
    public boolean stillArmed()
    {
        for (int i = 0; i < count; i++)
        {
            final Socket socket = sockets[i];
            if (null != socket && !socket.waker().isArmed())
            {
                return false;
            }
        }
        return true;
    }
}
