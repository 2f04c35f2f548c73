package io.ringmq.perf.compare;

import java.util.Locale;

/**
 * The transports compared. JeroMQ 0.6.0's ipc is tcp loopback on a port hashed from the name, so its ipc rows are
 * tcp in disguise; ringmq's ipc is a Unix domain socket.
 */
public enum Transport
{
    /** tcp loopback. */
    TCP,
    /** Unix domain socket (ringmq); tcp loopback under an ipc name (JeroMQ 0.6.0). */
    IPC,
    /** In-process, no wire. */
    INPROC;

    /**
     * @param name of the workload, to keep endpoints apart.
     * @return a bind endpoint; for tcp a wildcard port to resolve after binding.
     */
    public String endpoint(final String name)
    {
        final String unique = name + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        switch (this)
        {
            case IPC:
                return "ipc://" + System.getProperty("java.io.tmpdir") + "/ringmq-cmp-" + unique;
            case INPROC:
                return "inproc://ringmq-cmp-" + unique;
            case TCP:
            default:
                return "tcp://127.0.0.1:*";
        }
    }

    /**
     * @return the lower-case name.
     */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
