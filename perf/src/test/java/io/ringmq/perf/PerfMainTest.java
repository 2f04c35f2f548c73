package io.ringmq.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The tool listing and the exit codes scripts rely on. Runs no benchmark.
 */
class PerfMainTest
{
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @Test
    void listsEveryToolWithItsDescriptionWhenNoToolIsGiven() throws Exception
    {
        assertEquals(0, PerfMain.run(new String[0], out, err));

        assertListsEveryTool(stdout());
        assertEquals("", stderr());
    }

    @Test
    void helpListsTheTools() throws Exception
    {
        assertEquals(0, PerfMain.run(new String[]{ "help" }, out, err));

        assertListsEveryTool(stdout());
    }

    @Test
    void unknownToolPrintsTheListAndExitsTwo() throws Exception
    {
        assertEquals(2, PerfMain.run(new String[]{ "no_such_tool", "x" }, out, err));

        assertEquals("", stdout());
        assertTrue(stderr().startsWith("unknown tool: no_such_tool"), stderr());
        assertListsEveryTool(stderr());
    }

    @Test
    void toolNamesAreUniqueAndDescribed()
    {
        final List<PerfTool> tools = PerfMain.tools();
        final Set<String> names = new HashSet<>();
        for (final PerfTool tool : tools)
        {
            assertTrue(tool.name().matches("[a-z_]+"), tool.name());
            assertTrue(names.add(tool.name()), "duplicate " + tool.name());
            assertTrue(!tool.description().isBlank() && !tool.description().contains("\n"), tool.name());
        }
        assertTrue(names.containsAll(Set.of("local_lat", "remote_lat", "local_thr", "remote_thr", "fanout", "compare",
            "codec", "jmh")), names.toString());
    }

    @Test
    void jvmFlagsAreFilteredFromThePomProperty()
    {
        final List<String> flags = JvmFlags.load();

        // The build substituted ringmq.jvm.flags; only its presence is checked, not its spelling.
        assertTrue(flags.contains("--add-exports"), flags.toString());
        assertTrue(flags.stream().noneMatch((flag) -> flag.contains("${")), flags.toString());
    }

    private void assertListsEveryTool(final String listing)
    {
        for (final PerfTool tool : PerfMain.tools())
        {
            assertTrue(listing.contains(tool.name() + "  "), listing);
            assertTrue(listing.contains(tool.description()), listing);
        }
    }

    private String stdout()
    {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String stderr()
    {
        return errBytes.toString(StandardCharsets.UTF_8);
    }
}
