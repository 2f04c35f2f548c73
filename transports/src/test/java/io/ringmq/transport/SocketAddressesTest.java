package io.ringmq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SocketAddressesTest
{
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1                 | 127.0.0.1",
        "::1                       | ::1",
        "::                        | ::",
        "1::                       | 1::",
        "fe80:0:0:0:0:0:0:1        | fe80::1",
        "2001:db8:0:1:0:0:0:1      | 2001:db8:0:1::1",
        "2001:db8:0:0:1:0:0:1      | 2001:db8::1:0:0:1",
        "1:0:2:0:3:0:4:0           | 1:0:2:0:3:0:4:0",
        "2001:DB8:aaaa:bbbb:cccc:dddd:eeee:ffff | 2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff",
    })
    void shouldWriteHostsAsLibzmqDoes(final String literal, final String expected) throws UnknownHostException
    {
        assertEquals(expected, SocketAddresses.hostText(InetAddress.getByName(literal)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1 | 5555 | tcp://127.0.0.1:5555",
        "::1       | 5555 | tcp://[::1]:5555",
    })
    void shouldWriteEndpoints(final String literal, final int port, final String expected)
        throws UnknownHostException
    {
        final InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(literal), port);

        assertEquals(expected, SocketAddresses.tcpEndpoint(address));
    }
}
