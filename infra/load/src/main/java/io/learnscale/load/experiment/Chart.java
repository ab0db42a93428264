package io.learnscale.load.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** The scaling report's picture, drawn with Java2D (no charting library): throughput per step, lag over time. */
final class Chart {

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 480;
    private static final Color[] SERIES = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

    private Chart() {}

    static void write(
            Path file, List<ScalingExperiment.Step> steps, List<ScalingExperiment.WorkerRun> workers, double rate)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        throughput(g, 60, 50, 480, 360, steps, rate);
        lag(g, 680, 50, 480, 360, workers);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void throughput(
            Graphics2D g, int x, int y, int w, int h, List<ScalingExperiment.Step> steps, double rate) {
        title(g, x, y - 20, "Content reads: capacity (blue), answered at the fixed rate (grey), its p99");
        double maxRps = Math.max(
                        rate,
                        steps.stream()
                                .mapToDouble(ScalingExperiment.Step::capacity)
                                .max()
                                .orElse(1))
                * 1.1;
        double maxP99 = steps.stream()
                        .mapToDouble(ScalingExperiment.Step::p99)
                        .filter(v -> !Double.isNaN(v))
                        .max()
                        .orElse(1)
                * 1.1;
        axes(g, x, y, w, h, "req/s", maxRps);
        g.setColor(Color.GRAY);
        int rateY = y + h - (int) (rate / maxRps * h);
        g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        g.drawLine(x, rateY, x + w, rateY);
        g.drawString("offered %.0f req/s".formatted(rate), x + w - 120, rateY - 4);
        g.setStroke(new BasicStroke(1));
        int slot = w / Math.max(1, steps.size());
        for (int i = 0; i < steps.size(); i++) {
            ScalingExperiment.Step step = steps.get(i);
            int barHeight = (int) (step.capacity() / maxRps * h);
            int bx = x + i * slot + slot / 6;
            g.setColor(SERIES[0]);
            g.fillRect(bx, y + h - barHeight, slot / 3, barHeight);
            g.setColor(Color.BLACK);
            g.drawString("%.0f".formatted(step.capacity()), bx + 4, y + h - barHeight - 4);
            int fixedHeight = (int) (step.throughput() / maxRps * h);
            g.setColor(Color.LIGHT_GRAY);
            g.fillRect(bx + slot / 3, y + h - fixedHeight, slot / 3, fixedHeight);
            g.setColor(Color.DARK_GRAY);
            g.drawString("%.0f".formatted(step.throughput()), bx + slot / 3 + 4, y + h - fixedHeight - 4);
            g.setColor(Color.BLACK);
            g.drawString(step.instances() + (step.instances() == 1 ? " instance" : " instances"), bx, y + h + 16);
            if (!Double.isNaN(step.p99())) {
                int py = y + h - (int) (step.p99() / maxP99 * h);
                g.setColor(SERIES[1]);
                g.fillOval(bx + slot / 2 - 5, py - 5, 10, 10);
                g.drawString("p99 %.0f ms".formatted(step.p99()), bx + slot / 2 + 8, py + 4);
            }
        }
    }

    private static void lag(Graphics2D g, int x, int y, int w, int h, List<ScalingExperiment.WorkerRun> workers) {
        title(g, x, y - 20, "Attempts: consumer lag of group analytics over time");
        double maxLag = workers.stream()
                        .flatMap(r -> r.lagSeries().stream())
                        .mapToDouble(p -> p[1])
                        .max()
                        .orElse(1)
                * 1.1;
        double maxSeconds = workers.stream()
                .flatMap(r -> r.lagSeries().stream())
                .mapToDouble(p -> p[0] / 1000.0)
                .max()
                .orElse(1);
        axes(g, x, y, w, h, "records", Math.max(1, maxLag));
        g.setColor(Color.BLACK);
        g.drawString("seconds since the attempts started (%.0f s)".formatted(maxSeconds), x + w / 2 - 120, y + h + 30);
        for (int i = 0; i < workers.size(); i++) {
            ScalingExperiment.WorkerRun run = workers.get(i);
            g.setColor(SERIES[i % SERIES.length]);
            g.setStroke(new BasicStroke(2));
            int px = -1;
            int py = -1;
            for (long[] point : run.lagSeries()) {
                int cx = x + (int) (point[0] / 1000.0 / maxSeconds * w);
                int cy = y + h - (int) (point[1] / Math.max(1, maxLag) * h);
                if (px >= 0) {
                    g.drawLine(px, py, cx, cy);
                }
                px = cx;
                py = cy;
            }
            int endX = x + (int) (run.loadSeconds() / maxSeconds * w);
            g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {3, 3}, 0));
            g.drawLine(endX, y, endX, y + h);
            g.setStroke(new BasicStroke(1));
            g.drawString(
                    "%d search instance%s".formatted(run.instances(), run.instances() == 1 ? "" : "s"),
                    x + w - 140,
                    y + 16 + 16 * i);
        }
    }

    private static void axes(Graphics2D g, int x, int y, int w, int h, String unit, double max) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        g.drawLine(x, y, x, y + h);
        g.drawLine(x, y + h, x + w, y + h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i <= 4; i++) {
            int ty = y + h - i * h / 4;
            g.setColor(new Color(0xdddddd));
            g.drawLine(x + 1, ty, x + w, ty);
            g.setColor(Color.BLACK);
            g.drawString("%.0f".formatted(max * i / 4), x - 45, ty + 4);
        }
        g.drawString(unit, x - 45, y - 4);
    }

    private static void title(Graphics2D g, int x, int y, String text) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(text, x, y);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }
}
