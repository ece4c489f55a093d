package dev.tollgate.perf.load.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import javax.imageio.ImageIO;

/**
 * Draws the latency percentiles (p50, p99, p99.9) of every system as grouped bars, one panel per client count, with
 * plain Java2D so the harness needs no plotting tool.
 */
public final class LatencyChart {

	private static final int WIDTH = 1200;

	private static final int PANEL_HEIGHT = 360;

	private static final int TOP = 50;

	private static final int LEFT = 70;

	private static final int RIGHT = 20;

	private static final String[] SERIES = { "p50", "p99", "p99.9" };

	private static final Color[] COLORS = { new Color(0x4C78A8), new Color(0xF58518), new Color(0xE45756) };

	private LatencyChart() {
	}

	/** Writes the chart as PNG; the headless AWT toolkit is enough. */
	public static void write(String title, List<Measurement> rows, Path png) throws IOException {
		ImageIO.write(draw(title, rows), "png", png.toFile());
	}

	static BufferedImage draw(String title, List<Measurement> rows) {
		List<Measurement> measured = rows.stream().filter(Measurement::ok).toList();
		TreeSet<Integer> clientCounts = new TreeSet<>(measured.stream().map(Measurement::clients).toList());
		int height = TOP + Math.max(1, clientCounts.size()) * PANEL_HEIGHT + 10;
		BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, WIDTH, height);
			g.setColor(Color.BLACK);
			g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
			g.drawString(title, LEFT, 28);
			legend(g);
			int y = TOP;
			for (int clients : clientCounts) {
				List<Measurement> panel = measured.stream().filter(m -> m.clients() == clients).toList();
				panel(g, panel, clients, y);
				y += PANEL_HEIGHT;
			}
		}
		finally {
			g.dispose();
		}
		return image;
	}

	private static void legend(Graphics2D g) {
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
		int x = WIDTH - RIGHT - 3 * 90;
		for (int s = 0; s < SERIES.length; s++) {
			g.setColor(COLORS[s]);
			g.fillRect(x + s * 90, 16, 14, 14);
			g.setColor(Color.BLACK);
			g.drawString(SERIES[s] + " ms", x + s * 90 + 19, 28);
		}
	}

	private static void panel(Graphics2D g, List<Measurement> rows, int clients, int top) {
		int plotTop = top + 30;
		int plotBottom = top + PANEL_HEIGHT - 60;
		int plotWidth = WIDTH - LEFT - RIGHT;
		double max = niceCeiling(rows.stream().mapToDouble(m -> m.latency().p999()).max().orElse(1));
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
		g.setColor(Color.BLACK);
		g.drawString(clients + (clients == 1 ? " client" : " distinct clients") + " (latency, ms)", LEFT, top + 18);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
		for (int tick = 0; tick <= 4; tick++) {
			double value = max * tick / 4;
			int y = plotBottom - (int) Math.round((plotBottom - plotTop) * tick / 4.0);
			g.setColor(new Color(0xDDDDDD));
			g.drawLine(LEFT, y, LEFT + plotWidth, y);
			g.setColor(Color.DARK_GRAY);
			String label = String.format(Locale.ROOT, (max < 10) ? "%.1f" : "%.0f", value);
			g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
		}
		g.setColor(Color.BLACK);
		g.setStroke(new BasicStroke(1));
		g.drawLine(LEFT, plotBottom, LEFT + plotWidth, plotBottom);
		if (rows.isEmpty()) {
			return;
		}
		int group = plotWidth / rows.size();
		int bar = Math.max(6, Math.min(40, (group - 20) / SERIES.length));
		for (int i = 0; i < rows.size(); i++) {
			Measurement m = rows.get(i);
			double[] values = { m.latency().p50(), m.latency().p99(), m.latency().p999() };
			int x0 = LEFT + i * group + (group - bar * SERIES.length) / 2;
			for (int s = 0; s < SERIES.length; s++) {
				int h = (int) Math.round((plotBottom - plotTop) * Math.min(1, values[s] / max));
				g.setColor(COLORS[s]);
				g.fillRect(x0 + s * bar, plotBottom - h, bar - 2, h);
				g.setColor(Color.BLACK);
				g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
				String v = String.format(Locale.ROOT, (values[s] < 10) ? "%.2f" : "%.1f", values[s]);
				FontMetrics fm = g.getFontMetrics();
				g.drawString(v, x0 + s * bar + (bar - 2 - fm.stringWidth(v)) / 2, plotBottom - h - 3);
			}
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
			String name = m.system() + ((m.instances() > 1) ? " (" + m.instances() + " inst)" : "");
			FontMetrics fm = g.getFontMetrics();
			g.drawString(name, LEFT + i * group + (group - fm.stringWidth(name)) / 2, plotBottom + 18);
			String rps = String.format(Locale.ROOT, "%,.0f req/s", m.throughput());
			g.setColor(Color.DARK_GRAY);
			g.drawString(rps, LEFT + i * group + (group - fm.stringWidth(rps)) / 2, plotBottom + 34);
		}
	}

	/** The smallest 1, 2 or 5 times a power of ten at or above {@code value}, so axis ticks are round numbers. */
	static double niceCeiling(double value) {
		if (!(value > 0)) {
			return 1;
		}
		double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
		for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (step * magnitude >= value) {
				return step * magnitude;
			}
		}
		return 10 * magnitude;
	}

}
