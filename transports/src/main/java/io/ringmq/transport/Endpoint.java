package io.ringmq.transport;

import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.util.Locale;

/**
 * A parsed endpoint string in ZeroMQ's forms:
 * <ul>
 *     <li>{@code tcp://host:port}, where host is a name, an IPv4 literal, a bracketed IPv6 literal such as
 *     {@code [::1]}, or {@code *} for all interfaces, and port is 1..65535 or {@code *} (or 0) for a port chosen
 *     by the system at bind;</li>
 *     <li>{@code ipc://path}, a Unix domain socket file (relative paths are relative to the working directory),
 *     or {@code ipc://*} for a fresh file in the temporary directory chosen at bind;</li>
 *     <li>{@code inproc://name}.</li>
 * </ul>
 * Parsing happens on the control plane and may allocate. {@link #uri()} is the canonical form: the input as
 * written, except that an unbracketed IPv6 host gains brackets and a port of 0 is written {@code *}, so equal
 * endpoints have equal strings.
 */
public final class Endpoint
{
    /**
     * The host that means every local interface.
     */
    public static final String ANY_HOST = "*";

    /**
     * The port text that asks the system to choose a port at bind.
     */
    public static final String WILDCARD_PORT = "*";

    /**
     * The ipc path that asks for a fresh socket file in the temporary directory at bind, as libzmq's
     * {@code ipc://*} does.
     */
    public static final String WILDCARD_PATH = "*";

    /**
     * The longest ipc path in bytes. The OS's {@code sun_path} is 108 bytes on Linux and 104 on macOS and the BSDs,
     * with room for a terminating NUL; the JDK refuses a path that leaves fewer than two bytes spare, so 106 and 102.
     */
    public static final int MAX_IPC_PATH_BYTES = isBsdFamily(System.getProperty("os.name", "")) ? 102 : 106;

    // The JDK converts Unix domain socket paths to bytes with the platform's file name encoding.
    private static final Charset PATH_CHARSET = pathCharset();

    private static final int NO_PORT = -1;
    private static final int MAX_PORT = 65535;
    private static final int MAX_PORT_DIGITS = 5;

    private final Scheme scheme;
    private final String host;
    private final int port;
    private final String path;
    private final String uri;

    private Endpoint(final Scheme scheme, final String host, final int port, final String path, final String uri)
    {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.path = path;
        this.uri = uri;
    }

    /**
     * Parse an endpoint string.
     *
     * @param uri such as {@code tcp://127.0.0.1:5555}, {@code tcp://*:*}, {@code ipc:///tmp/feed} or
     *            {@code inproc://orders}.
     * @return the endpoint.
     * @throws TransportException naming the string and what is wrong with it.
     */
    public static Endpoint parse(final String uri)
    {
        if (null == uri)
        {
            throw new TransportException("Invalid endpoint null: an endpoint is required");
        }

        final int separator = uri.indexOf(Scheme.SEPARATOR);
        if (separator < 0)
        {
            throw invalid(uri, "missing \"" + Scheme.SEPARATOR + "\" after the scheme");
        }

        final String label = uri.substring(0, separator);
        final Scheme scheme = Scheme.forLabel(label);
        if (null == scheme)
        {
            throw invalid(uri, "unknown scheme '" + label + "', expected tcp, ipc or inproc");
        }

        final String address = uri.substring(separator + Scheme.SEPARATOR.length());
        switch (scheme)
        {
            case TCP:
                return parseTcp(uri, address);

            case IPC:
                return parseIpc(uri, address);

            case INPROC:
                if (address.isEmpty())
                {
                    throw invalid(uri, "empty inproc name");
                }
                return new Endpoint(scheme, null, NO_PORT, address, uri);

            default:
                throw invalid(uri, "unsupported scheme '" + label + "'");
        }
    }

    private static Endpoint parseTcp(final String uri, final String address)
    {
        final String host;
        final String portText;
        if (address.startsWith("["))
        {
            final int close = address.indexOf(']');
            if (close < 0)
            {
                throw invalid(uri, "missing ']' after the IPv6 host");
            }
            host = address.substring(1, close);
            if (close + 1 == address.length())
            {
                throw invalid(uri, "missing port, expected [host]:port");
            }
            if (address.charAt(close + 1) != ':')
            {
                throw invalid(uri, "expected ':' and a port after ']'");
            }
            portText = address.substring(close + 2);
        }
        else
        {
            // The last colon splits host from port, so an unbracketed IPv6 literal still parses, as in libzmq.
            final int colon = address.lastIndexOf(':');
            if (colon < 0)
            {
                throw invalid(uri, "missing port, expected host:port");
            }
            host = address.substring(0, colon);
            portText = address.substring(colon + 1);
        }

        if (host.isEmpty())
        {
            throw invalid(uri, "missing host, expected host:port (use * for all interfaces)");
        }

        final int port = parsePort(uri, portText);
        final boolean ipv6 = host.indexOf(':') >= 0;
        final String canonical = Scheme.TCP.prefix() +
            (ipv6 ? "[" + host + "]" : host) + ':' +
            (0 == port ? WILDCARD_PORT : Integer.toString(port));

        return new Endpoint(Scheme.TCP, host, port, null, canonical);
    }

    private static Endpoint parseIpc(final String uri, final String path)
    {
        if (path.isEmpty())
        {
            throw invalid(uri, "empty ipc path, expected ipc://path or ipc://*");
        }
        if (path.indexOf('\0') >= 0)
        {
            throw invalid(uri, "the ipc path contains a NUL character");
        }
        if (path.charAt(0) == '@')
        {
            // libzmq on Linux reads a leading '@' as the abstract namespace, which the JDK cannot bind or connect;
            // a file named "@..." would silently never meet a libzmq peer.
            throw invalid(uri, "abstract ipc names (ipc://@name) are not supported, use a file path");
        }
        if (!WILDCARD_PATH.equals(path))
        {
            final int length = ipcPathBytes(path);
            if (length > MAX_IPC_PATH_BYTES)
            {
                throw invalid(uri, "ipc path too long: " + length + " bytes, the OS allows at most " +
                    MAX_IPC_PATH_BYTES + " (sun_path)");
            }
        }

        return new Endpoint(Scheme.IPC, null, NO_PORT, path, uri);
    }

    private static int parsePort(final String uri, final String portText)
    {
        if (portText.isEmpty())
        {
            throw invalid(uri, "missing port after ':'");
        }
        if (WILDCARD_PORT.equals(portText))
        {
            return 0;
        }

        final int length = portText.length();
        for (int i = 0; i < length; i++)
        {
            final char c = portText.charAt(i);
            if (c < '0' || c > '9')
            {
                throw invalid(uri, "port '" + portText + "' is not a number (use * for any port)");
            }
        }

        if (length > MAX_PORT_DIGITS || Integer.parseInt(portText) > MAX_PORT)
        {
            throw invalid(uri, "port " + portText + " is out of range 0.." + MAX_PORT);
        }

        return Integer.parseInt(portText);
    }

    /**
     * @return the length of an ipc path in bytes as the JDK hands it to the OS.
     */
    static int ipcPathBytes(final String path)
    {
        return path.getBytes(PATH_CHARSET).length;
    }

    private static boolean isBsdFamily(final String osName)
    {
        final String os = osName.toLowerCase(Locale.ROOT);
        return os.contains("mac") || os.contains("darwin") || os.contains("bsd");
    }

    private static Charset pathCharset()
    {
        try
        {
            return Charset.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));
        }
        catch (final IllegalArgumentException ex)
        {
            return Charset.defaultCharset();
        }
    }

    private static TransportException invalid(final String uri, final String problem)
    {
        return new TransportException("Invalid endpoint '" + uri + "': " + problem);
    }

    /**
     * @return the scheme.
     */
    public Scheme scheme()
    {
        return scheme;
    }

    /**
     * @return the tcp host without brackets, {@link #ANY_HOST} for all interfaces, or null for ipc and inproc.
     */
    public String host()
    {
        return host;
    }

    /**
     * @return the tcp port, 0 for a wildcard port, or -1 for ipc and inproc.
     */
    public int port()
    {
        return port;
    }

    /**
     * @return true for a tcp endpoint whose port is chosen by the system at bind.
     */
    public boolean isWildcardPort()
    {
        return 0 == port;
    }

    /**
     * @return true for {@code ipc://*}, whose socket file is chosen at bind.
     */
    public boolean isWildcardPath()
    {
        return Scheme.IPC == scheme && WILDCARD_PATH.equals(path);
    }

    /**
     * @return true for a tcp endpoint that binds every local interface.
     */
    public boolean isAnyHost()
    {
        return ANY_HOST.equals(host);
    }

    /**
     * @return the ipc path or the inproc name, or null for tcp.
     */
    public String path()
    {
        return path;
    }

    /**
     * @return the canonical endpoint string.
     */
    public String uri()
    {
        return uri;
    }

    /**
     * The socket address to bind or connect to. A host name is resolved now, which may block on DNS.
     *
     * @return the address; for {@link #ANY_HOST} the wildcard address.
     * @throws TransportException if this is not a tcp endpoint or the host cannot be resolved.
     */
    public InetSocketAddress toInetSocketAddress()
    {
        if (Scheme.TCP != scheme)
        {
            throw new TransportException("Endpoint '" + uri + "' is not a tcp endpoint");
        }
        if (isAnyHost())
        {
            return new InetSocketAddress(port);
        }

        final InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved())
        {
            throw new TransportException("Endpoint '" + uri + "': cannot resolve host '" + host + "'");
        }

        return address;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean equals(final Object other)
    {
        return this == other || (other instanceof Endpoint && uri.equals(((Endpoint)other).uri));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int hashCode()
    {
        return uri.hashCode();
    }

    /**
     * @return {@link #uri()}.
     */
    @Override
    public String toString()
    {
        return uri;
    }
}
