package io.ringmq.transport;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Writes socket addresses as endpoint strings in libzmq's form, e.g. {@code tcp://127.0.0.1:5555} or
 * {@code tcp://[::1]:5555}. Control plane only: it allocates.
 */
final class SocketAddresses
{
    private static final int IPV6_GROUPS = 8;

    private SocketAddresses()
    {
    }

    /**
     * @param address a bound or connected tcp address.
     * @return the endpoint string, with IPv6 hosts bracketed and compressed as RFC 5952 recommends.
     */
    static String tcpEndpoint(final SocketAddress address)
    {
        final InetSocketAddress inet = (InetSocketAddress)address;
        return tcpEndpoint(hostText(inet.getAddress()), inet.getPort());
    }

    /**
     * @param host host text without brackets.
     * @param port the port.
     * @return the endpoint string, bracketing an IPv6 host.
     */
    static String tcpEndpoint(final String host, final int port)
    {
        final boolean ipv6 = host.indexOf(':') >= 0;
        return Scheme.TCP.prefix() + (ipv6 ? "[" + host + "]" : host) + ':' + port;
    }

    /**
     * {@link InetAddress#getHostAddress()} writes IPv6 in full ({@code 0:0:0:0:0:0:0:1}); libzmq and people
     * write {@code ::1}, so compress the longest run of two or more zero groups.
     */
    static String hostText(final InetAddress address)
    {
        if (!(address instanceof Inet6Address))
        {
            return address.getHostAddress();
        }

        final byte[] bytes = address.getAddress();
        final int[] groups = new int[IPV6_GROUPS];
        for (int i = 0; i < IPV6_GROUPS; i++)
        {
            groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }

        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < IPV6_GROUPS; i++)
        {
            int end = i;
            while (end < IPV6_GROUPS && 0 == groups[end])
            {
                end++;
            }
            if (end - i > bestLength)
            {
                bestStart = i;
                bestLength = end - i;
            }
            i = Math.max(i, end);
        }

        final StringBuilder builder = new StringBuilder(48);
        for (int i = 0; i < IPV6_GROUPS; i++)
        {
            if (i == bestStart)
            {
                builder.append("::");
                i += bestLength - 1;
                continue;
            }
            if (builder.length() > 0 && builder.charAt(builder.length() - 1) != ':')
            {
                builder.append(':');
            }
            builder.append(Integer.toHexString(groups[i]));
        }

        final String full = address.getHostAddress();
        final int scope = full.indexOf('%');
        if (scope >= 0)
        {
            builder.append(full, scope, full.length());
        }

        return builder.toString();
    }
}
