package com.alphastocks.notify.bot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import com.alphastocks.contracts.TradingState;
import com.alphastocks.streams.control.TradingStateFeed;
import com.alphastocks.streams.control.TradingStatus;

/**
 * The desk's chat commands (the ones freqtrade users know): what each answers, from the {@link DeskView} and the
 * desk's trading state. Plain text, one answer per message; {@code /kill}, {@code /reduce} and {@code /resume} set the
 * trading state (HALTED, REDUCING, ACTIVE) through {@link TradingStateControl}, saying who did it.
 */
public final class BotCommands {

    /** Reads and sets the trading state that every executor instance follows. */
    public interface TradingStateControl {
        TradingStatus current() throws Exception;

        /** Sets it (nothing changes when it already is that state) and answers the state now. */
        TradingStatus set(TradingState next, String reason, String by) throws Exception;

        /** The state on trading.state: an answer reads it to the topic's end first (at most 5 s). */
        static TradingStateControl of(TradingStateFeed feed) {
            return new TradingStateControl() {
                @Override
                public TradingStatus current() {
                    return feed.latest(java.time.Duration.ofSeconds(5));
                }

                @Override
                public TradingStatus set(TradingState next, String reason, String by) throws Exception {
                    return feed.set(next, reason, by);
                }
            };
        }
    }

    static final String HELP = """
            /status - trading on or halted, open positions, the day's P&L
            /positions - open positions: entry, mark, stop, target
            /pnl - P&L by strategy
            /daily - P&L by day (the last 7 with trades)
            /kill REASON - halt: no new entries (exits go on)
            /reduce REASON - exits only: wind the desk down
            /resume - trade again: new entries allowed
            /help - this list""";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final DeskView view;
    private final TradingStateControl tradingState;

    public BotCommands(DeskView view, TradingStateControl tradingState) {
        this.view = view;
        this.tradingState = tradingState;
    }

    /** The answer to {@code text}, sent by {@code who} (e.g. telegram:@name, recorded with a trading state it sets). */
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
                case "/reduce" -> reduce(rest.isEmpty() ? "from Telegram" : rest, who);
                case "/resume" -> resume(who);
                default -> (command.startsWith("/") ? "Unknown command " + command + "." : "I answer commands only.")
                        + " /help lists them.";
            };
        } catch (Exception e) {
            return "Could not answer " + command + ": " + e.getMessage();
        }
    }

    private String status() throws Exception {
        TradingStatus current = tradingState.current();
        StringJoiner out = new StringJoiner("\n");
        out.add(switch (current.state()) {
            case ACTIVE -> "Trading: ACTIVE";
            case HALTED -> "Trading: HALTED for new entries (exits go on): " + current.why();
            case REDUCING -> "Trading: REDUCING, exits only: " + current.why();
        });
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
        tradingState.set(TradingState.HALTED, reason, who);
        return "Kill switch ON: no new entries, exits go on. Reason: " + reason + ". /resume to allow entries again.";
    }

    private String reduce(String reason, String who) throws Exception {
        tradingState.set(TradingState.REDUCING, reason, who);
        return "REDUCING: exits only, no new entries. Reason: " + reason + ". /resume to allow entries again.";
    }

    private String resume(String who) throws Exception {
        TradingStatus was = tradingState.current();
        if (was.allowsEntries()) {
            return "Trading is already active.";
        }
        tradingState.set(TradingState.ACTIVE, null, who);
        return was.state() == TradingState.HALTED ? "Kill switch off: new entries allowed." : "Trading ACTIVE: new entries allowed.";
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
