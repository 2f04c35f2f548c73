package io.ringmq.perf;

/**
 * One command of the {@code ringmq-perf} tool, chosen by its name as the first argument of {@link PerfMain}.
 * Implementations keep no state between runs, so one instance can be registered once and listed cheaply.
 */
public interface PerfTool
{
    /**
     * @return the name given on the command line, lower case, without spaces.
     */
    String name();

    /**
     * @return a one-line description for the tool listing.
     */
    String description();

    /**
     * Run the tool.
     *
     * @param args the command line arguments after the tool name.
     * @return the process exit code: 0 for success.
     * @throws Exception when the tool fails in a way it does not report itself.
     */
    int run(String[] args) throws Exception;
}
