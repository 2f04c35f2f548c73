package io.ringmq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointTest
{
    @Test
    void shouldParseTcpHostAndPort()
    {
        final Endpoint endpoint = Endpoint.parse("tcp://127.0.0.1:5555");

        assertEquals(Scheme.TCP, endpoint.scheme());
        assertEquals("127.0.0.1", endpoint.host());
        assertEquals(5555, endpoint.port());
        assertFalse(endpoint.isWildcardPort());
        assertFalse(endpoint.isAnyHost());
        assertNull(endpoint.path());
        assertEquals("tcp://127.0.0.1:5555", endpoint.uri());
        assertEquals("tcp://127.0.0.1:5555", endpoint.toString());
        assertEquals(new InetSocketAddress("127.0.0.1", 5555), endpoint.toInetSocketAddress());
    }

    @Test
    void shouldParseWildcardPort()
    {
        final Endpoint endpoint = Endpoint.parse("tcp://127.0.0.1:*");

        assertTrue(endpoint.isWildcardPort());
        assertEquals(0, endpoint.port());
        assertEquals("tcp://127.0.0.1:*", endpoint.uri());
    }

    @Test
    void shouldTreatPortZeroAsWildcard()
    {
        final Endpoint endpoint = Endpoint.parse("tcp://127.0.0.1:0");

        assertTrue(endpoint.isWildcardPort());
        assertEquals(Endpoint.parse("tcp://127.0.0.1:*"), endpoint);
    }

    @Test
    void shouldParseAnyHost()
    {
        final Endpoint endpoint = Endpoint.parse("tcp://*:6000");

        assertTrue(endpoint.isAnyHost());
        assertEquals("*", endpoint.host());
        assertEquals(6000, endpoint.port());
        assertTrue(endpoint.toInetSocketAddress().getAddress().isAnyLocalAddress());
        assertEquals(6000, endpoint.toInetSocketAddress().getPort());
    }

    @Test
    void shouldParseAnyHostAndWildcardPort()
    {
        final Endpoint endpoint = Endpoint.parse("tcp://*:*");

        assertTrue(endpoint.isAnyHost());
        assertTrue(endpoint.isWildcardPort());
    }

    @Test
    void shouldParseBracketedIpv6()
    {
        final Endpoint endpoint = Endpoint.parse("tcp://[::1]:5555");

        assertEquals("::1", endpoint.host());
        assertEquals(5555, endpoint.port());
        assertEquals("tcp://[::1]:5555", endpoint.uri());
        assertTrue(endpoint.toInetSocketAddress().getAddress() instanceof Inet6Address);
        assertTrue(endpoint.toInetSocketAddress().getAddress().isLoopbackAddress());
    }

    @Test
    void shouldParseIpv6WithWildcardPort()
    {
        final Endpoint endpoint = Endpoint.parse("tcp://[::1]:*");

        assertEquals("::1", endpoint.host());
        assertTrue(endpoint.isWildcardPort());
    }

    @Test
    void shouldCanonicaliseUnbracketedIpv6()
    {
        final Endpoint endpoint = Endpoint.parse("tcp://::1:5555");

        assertEquals("::1", endpoint.host());
        assertEquals(5555, endpoint.port());
        assertEquals("tcp://[::1]:5555", endpoint.uri());
        assertEquals(Endpoint.parse("tcp://[::1]:5555"), endpoint);
    }

    @Test
    void shouldParseHostName()
    {
        final Endpoint endpoint = Endpoint.parse("tcp://feed.example.com:65535");

        assertEquals("feed.example.com", endpoint.host());
        assertEquals(65535, endpoint.port());
    }

    @Test
    void shouldParseIpc()
    {
        final Endpoint endpoint = Endpoint.parse("ipc:///tmp/ringmq/feed.sock");

        assertEquals(Scheme.IPC, endpoint.scheme());
        assertEquals("/tmp/ringmq/feed.sock", endpoint.path());
        assertNull(endpoint.host());
        assertEquals(-1, endpoint.port());
        assertEquals("ipc:///tmp/ringmq/feed.sock", endpoint.uri());
    }

    @Test
    void shouldParseIpcWildcardAndRelativePaths()
    {
        final Endpoint wildcard = Endpoint.parse("ipc://*");
        assertTrue(wildcard.isWildcardPath());
        assertEquals("*", wildcard.path());
        assertEquals("ipc://*", wildcard.uri());

        final Endpoint relative = Endpoint.parse("ipc://feed.sock");
        assertFalse(relative.isWildcardPath());
        assertEquals("feed.sock", relative.path());
        assertFalse(Endpoint.parse("tcp://127.0.0.1:*").isWildcardPath());
        assertFalse(Endpoint.parse("inproc://*").isWildcardPath());
    }

    @Test
    void shouldNameAnIpcPathTooLongForTheOs()
    {
        final String longest = "/tmp/" + "p".repeat(Endpoint.MAX_IPC_PATH_BYTES - 5);
        assertEquals(longest, Endpoint.parse("ipc://" + longest).path());

        final String tooLong = longest + "p";
        final TransportException ex = assertThrows(TransportException.class, () -> Endpoint.parse("ipc://" + tooLong));
        assertTrue(ex.getMessage().contains("ipc://" + tooLong), ex.getMessage());
        assertTrue(ex.getMessage().contains("too long"), ex.getMessage());
        assertTrue(ex.getMessage().contains(Integer.toString(Endpoint.MAX_IPC_PATH_BYTES)), ex.getMessage());
    }

    @Test
    void shouldParseInproc()
    {
        final Endpoint endpoint = Endpoint.parse("inproc://orders");

        assertEquals(Scheme.INPROC, endpoint.scheme());
        assertEquals("orders", endpoint.path());
        assertEquals("inproc://orders", endpoint.toString());
    }

    @Test
    void shouldCompareByCanonicalForm()
    {
        assertEquals(Endpoint.parse("tcp://127.0.0.1:5555"), Endpoint.parse("tcp://127.0.0.1:5555"));
        assertEquals(
            Endpoint.parse("tcp://127.0.0.1:5555").hashCode(), Endpoint.parse("tcp://127.0.0.1:5555").hashCode());
        assertNotEquals(Endpoint.parse("tcp://127.0.0.1:5555"), Endpoint.parse("tcp://127.0.0.1:5556"));
        assertNotEquals(Endpoint.parse("ipc://a"), Endpoint.parse("inproc://a"));
    }

    @Test
    void shouldRefuseNonTcpSocketAddress()
    {
        final TransportException ex = assertThrows(
            TransportException.class, () -> Endpoint.parse("inproc://orders").toInetSocketAddress());

        assertTrue(ex.getMessage().contains("inproc://orders"), ex.getMessage());
    }

    @Test
    void shouldRejectNull()
    {
        final TransportException ex = assertThrows(TransportException.class, () -> Endpoint.parse(null));

        assertTrue(ex.getMessage().contains("null"), ex.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                        | missing \"://\"",
        "127.0.0.1:5555            | missing \"://\"",
        "tcp:/127.0.0.1:5555       | missing \"://\"",
        "udp://127.0.0.1:5555      | unknown scheme 'udp'",
        "TCP://127.0.0.1:5555      | unknown scheme 'TCP'",
        "://127.0.0.1:5555         | unknown scheme ''",
        "tcp://                    | missing port",
        "tcp://127.0.0.1           | missing port",
        "tcp://127.0.0.1:          | missing port",
        "tcp://:5555               | missing host",
        "tcp://[]:5555             | missing host",
        "tcp://[::1                | missing ']'",
        "tcp://[::1]               | missing port",
        "tcp://[::1]5555           | expected ':'",
        "tcp://[::1]:              | missing port",
        "tcp://127.0.0.1:http      | port 'http' is not a number",
        "tcp://127.0.0.1:-1        | port '-1' is not a number",
        "tcp://127.0.0.1:+80       | port '+80' is not a number",
        "tcp://127.0.0.1:55 55     | port '55 55' is not a number",
        "tcp://127.0.0.1:65536     | out of range",
        "tcp://127.0.0.1:99999999999 | out of range",
        "ipc://                    | empty ipc path",
        "ipc://@feed               | abstract ipc names",
        "inproc://                 | empty inproc name",
    })
    void shouldNameEndpointAndProblem(final String uri, final String problem)
    {
        final TransportException ex = assertThrows(TransportException.class, () -> Endpoint.parse(uri));

        assertTrue(ex.getMessage().contains("'" + uri + "'"), ex.getMessage());
        assertTrue(ex.getMessage().contains(problem), ex.getMessage());
    }

    @Test
    void shouldKeepSchemePrefixes()
    {
        assertEquals("tcp://", Scheme.TCP.prefix());
        assertEquals("ipc://", Scheme.IPC.prefix());
        assertEquals("inproc://", Scheme.INPROC.prefix());
        assertEquals(Scheme.IPC, Scheme.forLabel("ipc"));
        assertNull(Scheme.forLabel("pgm"));
    }
}
