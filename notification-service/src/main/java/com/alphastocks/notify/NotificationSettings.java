package com.alphastocks.notify;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What the notification-service sends where ({@code alphastocks.notify.*}). A channel without its endpoint,
 * token or recipients configured is off. Tokens and passwords come from configuration (environment), never code.
 */
@ConfigMapping(prefix = "alphastocks.notify")
public interface NotificationSettings {

    /** Rules by name: {@code alphastocks.notify.rules.<name>.channels=telegram,sms} and optional criteria. */
    Map<String, Rule> rules();

    Telegram telegram();

    Email email();

    Sms sms();

    Webhook webhook();

    Retry retry();

    Circuit circuit();

    /** Event ids remembered per channel for deduplication. */
    @WithDefault("100000")
    int rememberedIds();

    /** Above this many notifications waiting over all channels, the service stops taking events until they drain. */
    @WithDefault("10000")
    int maxBacklog();

    /** Times in messages are shown in the exchange's zone. */
    @WithDefault("Asia/Kolkata")
    ZoneId exchangeZone();

    /** A folder whose templates (e.g. position-closed.txt) replace the bundled ones. */
    Optional<Path> templatesDir();

    interface Rule {
        Optional<Set<String>> eventTypes();

        Optional<Set<String>> priorities();

        Optional<Set<String>> strategies();

        Optional<Set<String>> symbols();

        List<String> channels();
    }

    interface Telegram {
        @WithDefault("https://api.telegram.org")
        String apiUrl();

        Optional<String> botToken();

        Optional<String> chatId();

        /**
         * The bot answers commands (/status, /positions, /pnl, /daily, /kill, /resume, /help) from the allowed chats, by
         * long polling getUpdates; only one process may poll a bot token, so false leaves it to another.
         */
        @WithDefault("true")
        boolean commands();

        /** The chats whose commands are answered (others get nothing and are logged); default the chat-id. */
        Optional<Set<String>> allowedChatIds();

        /** How long one getUpdates call waits for a message (Telegram's long-poll timeout). */
        @WithDefault("PT25S")
        Duration pollTimeout();

        /** Telegram allows about one message a second to one chat. */
        @WithDefault("1")
        double perSecond();

        @WithDefault("3")
        int burst();
    }

    interface Email {
        /** Recipients; the SMTP server and sender are quarkus.mailer.* settings. */
        Optional<List<String>> to();

        @WithDefault("[AlphaStocks] ")
        String subjectPrefix();

        @WithDefault("5")
        double perSecond();

        @WithDefault("5")
        int burst();
    }

    interface Sms {
        @WithDefault("https://api.twilio.com")
        String apiUrl();

        Optional<String> accountSid();

        Optional<String> authToken();

        Optional<String> from();

        Optional<List<String>> to();

        @WithDefault("1")
        double perSecond();

        @WithDefault("1")
        int burst();
    }

    interface Webhook {
        /** e.g. a Slack incoming-webhook URL. */
        Optional<String> url();

        @WithDefault("5")
        double perSecond();

        @WithDefault("5")
        int burst();
    }

    /** Per channel: after this many failed sends in a row the provider is not called for {@code open-for}. */
    interface Circuit {
        @WithDefault("5")
        int failuresToOpen();

        @WithDefault("PT30S")
        Duration openFor();
    }

    interface Retry {
        /** Tries per notification and channel, the first included. */
        @WithDefault("4")
        int attempts();

        @WithDefault("PT0.5S")
        Duration firstBackoff();

        @WithDefault("PT30S")
        Duration maxBackoff();
    }
}
