package com.alphastocks.notify.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import org.jboss.logging.Logger;

import com.alphastocks.contracts.DayEnded;
import com.alphastocks.contracts.DayTrade;
import com.alphastocks.notify.Notification.Attachment;
import com.alphastocks.streams.Decimals;

/**
 * The day's report as files: the equity curve as a PNG (the running net P&L as the trades closed, from zero) and the
 * trades as CSV, one row each. Drawn with the JDK's own 2D graphics: no chart library, no display; where the runtime has
 * no fonts, the chart goes without its labels (the figures are in the message).
 */
public final class DayReportFiles {

    private static final Logger LOG = Logger.getLogger(DayReportFiles.class);
    static final int WIDTH = 900;
    static final int HEIGHT = 360;
    private static final int MARGIN = 56;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH);

    private DayReportFiles() {
    }

    public static List<Attachment> of(DayEnded day, ZoneId zone) {
        List<Attachment> files = new ArrayList<>();
        files.add(new Attachment("equity-" + day.getDay() + ".png", "image/png", equityPng(day, zone)));
        files.add(new Attachment("trades-" + day.getDay() + ".csv", "text/csv", csv(day, zone).getBytes(StandardCharsets.UTF_8)));
        return files;
    }

    static String csv(DayEnded day, ZoneId zone) {
        StringBuilder out = new StringBuilder("position_id,strategy,instrument,quantity,entry_premium,exit_premium,gross_pnl,charges,"
                + "net_pnl,exit_reason,entered_at,exited_at\n");
        for (DayTrade t : day.getClosedTrades()) {
            out.append(List.of(t.getPositionId(), t.getStrategy(), t.getInstrument(), Integer.toString(t.getQuantity()),
                    Decimals.plain(t.getEntryPremium()), Decimals.plain(t.getExitPremium()), Decimals.plain(t.getGrossPnl()),
                    Decimals.plain(t.getCharges()), Decimals.plain(t.getNetPnl()), t.getExitReason(),
                    STAMP.format(t.getEnteredAt().atZone(zone)), STAMP.format(t.getExitedAt().atZone(zone)))
                    .stream().map(DayReportFiles::quoted).collect(Collectors.joining(","))).append('\n');
        }
        return out.toString();
    }

    /** The running net P&L after each close, stepped, on a zero line; the first point is the day's first entry. */
    static byte[] equityPng(DayEnded day, ZoneId zone) {
        List<Instant> at = new ArrayList<>();
        List<BigDecimal> equity = new ArrayList<>();
        BigDecimal running = BigDecimal.ZERO;
        List<DayTrade> trades = day.getClosedTrades();
        if (!trades.isEmpty()) {
            at.add(trades.stream().map(DayTrade::getEnteredAt).min(Instant::compareTo).orElseThrow());
            equity.add(BigDecimal.ZERO);
        }
        for (DayTrade t : trades) {
            running = running.add(t.getNetPnl());
            at.add(t.getExitedAt());
            equity.add(running);
        }
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            double low = equity.stream().mapToDouble(BigDecimal::doubleValue).min().orElse(0);
            double high = equity.stream().mapToDouble(BigDecimal::doubleValue).max().orElse(0);
            if (high - low < 1) {
                high += 1;
                low -= 1;
            }
            long from = at.isEmpty() ? 0 : at.get(0).toEpochMilli();
            long to = at.isEmpty() ? 1 : Math.max(from + 1, at.get(at.size() - 1).toEpochMilli());
            double lo = low;
            double hi = high;
            java.util.function.DoubleUnaryOperator y = v -> HEIGHT - MARGIN - (v - lo) / (hi - lo) * (HEIGHT - 2 * MARGIN);
            java.util.function.LongToDoubleFunction x = t -> MARGIN + (double) (t - from) / (to - from) * (WIDTH - 2 * MARGIN);
            g.setColor(new Color(0xDD, 0xE1, 0xE7));
            g.drawRect(MARGIN, MARGIN, WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN);
            g.setColor(new Color(0x88, 0x88, 0x88));
            g.draw(new java.awt.geom.Line2D.Double(MARGIN, y.applyAsDouble(0), WIDTH - MARGIN, y.applyAsDouble(0)));
            g.setStroke(new BasicStroke(2.5f));
            for (int i = 1; i < equity.size(); i++) {
                double x0 = x.applyAsDouble(at.get(i - 1).toEpochMilli());
                double x1 = x.applyAsDouble(at.get(i).toEpochMilli());
                double y0 = y.applyAsDouble(equity.get(i - 1).doubleValue());
                double y1 = y.applyAsDouble(equity.get(i).doubleValue());
                g.setColor(new Color(0x1D, 0x23, 0x30));
                g.draw(new java.awt.geom.Line2D.Double(x0, y0, x1, y0));
                g.setColor(equity.get(i).compareTo(equity.get(i - 1)) >= 0 ? new Color(0x1A, 0x8F, 0x3C) : new Color(0xB3, 0x26, 0x1E));
                g.draw(new java.awt.geom.Line2D.Double(x1, y0, x1, y1));
            }
            labels(g, day, at, zone, low, high);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the equity chart as PNG", e);
        }
        return png.toByteArray();
    }

    private static void labels(Graphics2D g, DayEnded day, List<Instant> at, ZoneId zone, double low, double high) {
        try {
            g.setColor(new Color(0x1D, 0x23, 0x30));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString("Equity " + day.getDay() + " (net " + Decimals.plain(day.getNetPnl()) + ", " + day.getTrades() + " trades)",
                    MARGIN, MARGIN - 20);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(String.format(Locale.ENGLISH, "%,.0f", high), 4, MARGIN + 4);
            g.drawString(String.format(Locale.ENGLISH, "%,.0f", low), 4, HEIGHT - MARGIN + 4);
            if (!at.isEmpty()) {
                g.drawString(CLOCK.format(at.get(0).atZone(zone)), MARGIN - 16, HEIGHT - MARGIN + 20);
                g.drawString(CLOCK.format(at.get(at.size() - 1).atZone(zone)), WIDTH - MARGIN - 16, HEIGHT - MARGIN + 20);
            }
        } catch (Throwable noFonts) {
            // A runtime without fonts (a slim container): the curve goes without its labels.
            LOG.debugf("equity chart drawn without labels: %s", noFonts.toString());
        }
    }

    private static String quoted(String cell) {
        return cell.contains(",") || cell.contains("\"") ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }
}
