package io.ringmq.transport;

/**
 * The endpoint schemes ringmq understands, each with the prefix it is written with in an endpoint string.
 */
public enum Scheme
{
    /**
     * TCP over IPv4 or IPv6: {@code tcp://host:port}.
     */
    TCP("tcp"),

    /**
     * Unix domain sockets: {@code ipc://path}.
     */
    IPC("ipc"),

    /**
     * Inside one process, ring to ring, handled by the engine: {@code inproc://name}.
     */
    INPROC("inproc");

    /**
     * Separates the scheme from the address in an endpoint string.
     */
    public static final String SEPARATOR = "://";

    private static final Scheme[] VALUES = values();

    private final String label;
    private final String prefix;

    Scheme(final String label)
    {
        this.label = label;
        this.prefix = label + SEPARATOR;
    }

    /**
     * @return the scheme as written in an endpoint, without the separator, e.g. {@code tcp}.
     */
    public String label()
    {
        return label;
    }

    /**
     * @return the prefix an endpoint of this scheme starts with, e.g. {@code tcp://}.
     */
    public String prefix()
    {
        return prefix;
    }

    /**
     * Find the scheme with the given label. Matching is exact, as in libzmq: {@code TCP://} is not a scheme.
     *
     * @param label the text before {@code ://}.
     * @return the scheme, or null when none has this label.
     */
    public static Scheme forLabel(final String label)
    {
        for (final Scheme scheme : VALUES)
        {
            if (scheme.label.equals(label))
            {
                return scheme;
            }
        }

        return null;
    }
}
