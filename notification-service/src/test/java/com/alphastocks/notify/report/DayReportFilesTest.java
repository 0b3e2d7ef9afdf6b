package com.alphastocks.notify.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.ZoneId;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.alphastocks.notify.Notification.Attachment;
import com.alphastocks.notify.NotificationEvents;

/** The day's report as files: the trades as CSV, row for row, and the equity curve as a PNG that draws the day. */
class DayReportFilesTest {

    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    @Test
    void shouldWriteTheTradesAsCsvInTheExchangesTime() {
        assertThat(DayReportFiles.csv(NotificationEvents.dayEnded("f"), IST)).isEqualTo("""
                position_id,strategy,instrument,quantity,entry_premium,exit_premium,gross_pnl,charges,net_pnl,exit_reason,entered_at,exited_at
                pos-f-1,RSI,NIFTY25D0921500CE,75,150,164,1050,50,1000,TARGET,2025-12-03 09:30:00,2025-12-03 10:00:00
                pos-f-2,MACD,NIFTY25D0921500CE,75,150,164,-350,50,-400,TARGET,2025-12-03 11:00:00,2025-12-03 11:45:00
                """);
    }

    @Test
    void shouldDrawTheEquityCurveAsAPng() throws Exception {
        List<Attachment> files = DayReportFiles.of(NotificationEvents.dayEnded("f"), IST);
        assertThat(files).extracting(Attachment::name, Attachment::contentType).containsExactly(
                org.assertj.core.groups.Tuple.tuple("equity-2025-12-03.png", "image/png"),
                org.assertj.core.groups.Tuple.tuple("trades-2025-12-03.csv", "text/csv"));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(files.get(0).data()));
        assertThat(png.getWidth()).isEqualTo(DayReportFiles.WIDTH);
        assertThat(png.getHeight()).isEqualTo(DayReportFiles.HEIGHT);
        // The rise to +1,000 in green and the fall to +600 in red are on it.
        assertThat(count(png, 0x1A8F3C)).as("green (a winning close)").isPositive();
        assertThat(count(png, 0xB3261E)).as("red (a losing close)").isPositive();
    }

    private static long count(BufferedImage image, int rgb) {
        long n = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
