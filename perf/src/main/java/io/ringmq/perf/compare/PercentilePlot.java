package io.ringmq.perf.compare;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Percentile plots in HdrHistogram's style (x: percentile on a log10(1/(1-p)) scale, y: latency in microseconds,
 * log scale), one panel per workload, panels side by side in one PNG. Rendered headless with XChart.
 */
final class PercentilePlot
{
    private static final int WIDTH = 800;
    private static final int HEIGHT = 520;
    /** One colour per library, in the order they first appear; one line style per transport. */
    private static final Color[] COLOURS = {
        new Color(0xD6, 0x27, 0x28), new Color(0xFF, 0x7F, 0x0E), new Color(0x2C, 0xA0, 0x2C),
        new Color(0x1F, 0x77, 0xB4), new Color(0x94, 0x67, 0xBD)};
    private static final BasicStroke[] STYLES = {SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT};

    private final List<XYChart> panels = new ArrayList<>();
    /** Libraries and transports in the order they first appear, so each keeps its colour and style in every panel. */
    private final List<String> libraries = new ArrayList<>();
    private final List<String> transports = new ArrayList<>();

    /**
     * Add a panel.
     *
     * @param title  of the panel.
     * @param series histograms (nanoseconds) by legend name, "library transport": a colour per library, a line
     *               style per transport.
     */
    void panel(final String title, final Map<String, Histogram> series)
    {
        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle("percentile: 1 = 90%, 2 = 99%, 3 = 99.9%, 4 = 99.99%, 5 = 99.999%  (log10 of 1/(1-p))").yAxisTitle("latency (us)").build();
        final XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("#,##0.#");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        double maxX = 1;
        for (final Map.Entry<String, Histogram> entry : series.entrySet())
        {
            final List<Double> x = new ArrayList<>();
            final List<Double> y = new ArrayList<>();
            for (final HistogramIterationValue value : entry.getValue().percentiles(5))
            {
                final double percentile = value.getPercentileLevelIteratedTo();
                if (percentile >= 100.0 || value.getTotalCountToThisValue() == entry.getValue().getTotalCount())
                {
                    break;
                }
                x.add(Math.log10(100.0 / (100.0 - percentile)));
                y.add(Math.max(0.01, value.getValueIteratedTo() / 1000.0));
            }
            if (x.isEmpty())
            {
                continue;
            }
            maxX = Math.max(maxX, x.get(x.size() - 1));
            final XYSeries line = chart.addSeries(entry.getKey(), x, y);
            line.setMarker(SeriesMarkers.NONE);
            final int split = entry.getKey().lastIndexOf(' ');
            line.setLineColor(COLOURS[indexOf(libraries, split < 0 ? entry.getKey() : entry.getKey().substring(0, split))
                % COLOURS.length]);
            line.setLineStyle(STYLES[indexOf(transports, split < 0 ? "" : entry.getKey().substring(split + 1)) %
                STYLES.length]);
        }
        styler.setXAxisMax(Math.ceil(maxX));
        panels.add(chart);
    }

    private static int indexOf(final List<String> seen, final String name)
    {
        if (!seen.contains(name))
        {
            seen.add(name);
        }
        return seen.indexOf(name);
    }

    /**
     * @param file PNG to write, the panels side by side.
     * @throws IOException when it cannot be written.
     */
    void write(final File file) throws IOException
    {
        final BufferedImage image = new BufferedImage(WIDTH * Math.max(1, panels.size()), HEIGHT,
            BufferedImage.TYPE_INT_RGB);
        final Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < panels.size(); i++)
        {
            graphics.drawImage(BitmapEncoder.getBufferedImage(panels.get(i)), i * WIDTH, 0, null);
        }
        graphics.dispose();
        ImageIO.write(image, "png", file);
    }

}
