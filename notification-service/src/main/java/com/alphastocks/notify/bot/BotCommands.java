package com.alphastocks.notify.bot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import com.alphastocks.streams.control.KillSwitch;

/**
 * The desk's chat commands (the ones freqtrade users know): what each answers, from the {@link DeskView} and the kill
 * switch. Plain text, one answer per message; {@code /kill} and {@code /resume} set the kill switch through
 * {@link KillSwitchControl}, saying who did it.
 */
public final class BotCommands {

    /** Reads and sets the kill switch that every executor instance follows. */
    public interface KillSwitchControl {
        KillSwitch current() throws Exception;

        void set(KillSwitch next) throws Exception;

        /** The switch on executor.control: an answer reads it to the topic's end first (at most 5 s). */
        static KillSwitchControl of(com.alphastocks.streams.control.KillSwitchFeed feed) {
            return new KillSwitchControl() {
                @Override
                public KillSwitch current() {
                    return feed.latest(java.time.Duration.ofSeconds(5));
                }

                @Override
                public void set(KillSwitch next) throws Exception {
                    feed.set(next);
                }
            };
        }
    }

    static final String HELP = """
            /status - trading on or halted, open positions, the day's P&L
            /positions - open positions: entry, mark, stop, target
            /pnl - P&L by strategy
            /daily - P&L by day (the last 7 with trades)
            /kill REASON - stop new entries (exits go on)
            /resume - allow new entries again
            /help - this list""";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final DeskView view;
    private final KillSwitchControl killSwitch;
    private final Clock clock;

    public BotCommands(DeskView view, KillSwitchControl killSwitch, Clock clock) {
        this.view = view;
        this.killSwitch = killSwitch;
        this.clock = clock;
    }

    /** The answer to {@code text}, sent by {@code who} (e.g. telegram:@name, recorded with a kill switch it sets). */
    public String answer(String text, String who) {
        String trimmed = text == null ? "" : text.strip();
        String[] words = trimmed.split("\\s+", 2);
        // In a group, Telegram sends /status@SomeBot.
        String command = words[0].replaceFirst("@.*$", "").toLowerCase(Locale.ROOT);
        String rest = words.length > 1 ? words[1].strip() : "";
        try {
            return switch (command) {
                case "/start", "/help" -> HELP;
                case "/status" -> status();
                case "/positions" -> positions();
                case "/pnl" -> pnl();
                case "/daily" -> daily();
                case "/kill" -> kill(rest.isEmpty() ? "from Telegram" : rest, who);
                case "/resume" -> resume(who);
                default -> (command.startsWith("/") ? "Unknown command " + command + "." : "I answer commands only.")
                        + " /help lists them.";
            };
        } catch (Exception e) {
            return "Could not answer " + command + ": " + e.getMessage();
        }
    }

    private String status() throws Exception {
        KillSwitch current = killSwitch.current();
        StringJoiner out = new StringJoiner("\n");
        out.add(current.on() ? "Trading: HALTED for new entries (exits go on): " + current.refusalReason() : "Trading: ACTIVE");
        out.add("Open positions: " + view.openPositions().size());
        view.marketDay().ifPresent(day -> out.add("Day " + DAY.format(day) + ": " + score(view.day(day))));
        return out.toString();
    }

    private String positions() {
        List<DeskView.Open> open = view.openPositions();
        if (open.isEmpty()) {
            return "No open positions.";
        }
        StringJoiner out = new StringJoiner("\n");
        for (DeskView.Open p : open) {
            StringBuilder line = new StringBuilder(p.strategy()).append(' ').append(p.quantity()).append(' ').append(p.instrument())
                    .append(" @ ").append(money(p.entry()));
            if (p.mark() != null) {
                line.append(", mark ").append(money(p.mark()));
                if (p.unrealized() != null) {
                    line.append(" (P&L ").append(signed(p.unrealized())).append(')');
                }
            }
            line.append(", stop ").append(money(p.stop())).append(", target ").append(money(p.target())).append(" [").append(p.positionId())
                    .append(']');
            out.add(line);
        }
        return out.toString();
    }

    private String pnl() {
        List<DeskView.Score> strategies = view.byStrategy();
        if (strategies.isEmpty()) {
            return "No closed trades yet.";
        }
        StringJoiner out = new StringJoiner("\n");
        DeskView.Score total = new DeskView.Score("Total", 0, 0, BigDecimal.ZERO);
        for (DeskView.Score s : strategies) {
            out.add(s.name() + ": " + score(s));
            total = new DeskView.Score("Total", total.trades() + s.trades(), total.wins() + s.wins(), total.net().add(s.net()));
        }
        return out.add("Total: " + score(total)).toString();
    }

    private String daily() {
        List<DeskView.Score> days = view.byDay(7);
        if (days.isEmpty()) {
            return "No closed trades yet.";
        }
        StringJoiner out = new StringJoiner("\n");
        days.forEach(d -> out.add(DAY.format(LocalDate.parse(d.name())) + ": " + score(d)));
        return out.toString();
    }

    private String kill(String reason, String who) throws Exception {
        killSwitch.set(new KillSwitch(true, reason, who, clock.instant()));
        return "Kill switch ON: no new entries, exits go on. Reason: " + reason + ". /resume to allow entries again.";
    }

    private String resume(String who) throws Exception {
        if (!killSwitch.current().on()) {
            return "Trading is already active.";
        }
        killSwitch.set(new KillSwitch(false, null, who, clock.instant()));
        return "Kill switch off: new entries allowed.";
    }

    private static String score(DeskView.Score s) {
        String trades = s.trades() + (s.trades() == 1 ? " trade" : " trades");
        if (s.trades() == 0) {
            return trades + ", net 0.00";
        }
        int winRate = BigDecimal.valueOf(100L * s.wins()).divide(BigDecimal.valueOf(s.trades()), 0, RoundingMode.HALF_UP).intValue();
        return trades + ", " + s.wins() + " won (" + winRate + "%), net " + signed(s.net());
    }

    private static String money(BigDecimal amount) {
        return amount == null ? "-" : String.format(Locale.ENGLISH, "%,.2f", amount.setScale(2, RoundingMode.HALF_UP));
    }

    private static String signed(BigDecimal amount) {
        return (amount.signum() > 0 ? "+" : "") + money(amount);
    }
}
