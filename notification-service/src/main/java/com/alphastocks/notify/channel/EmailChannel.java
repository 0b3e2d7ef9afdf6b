package com.alphastocks.notify.channel;

import java.time.Duration;
import java.util.List;

import com.alphastocks.notify.Notification;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;

/** Email over SMTP through the Quarkus mailer (quarkus.mailer.* says which server); one mail to all recipients, files attached. */
public final class EmailChannel implements Channel {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ReactiveMailer mailer;
    private final List<String> to;
    private final String subjectPrefix;

    public EmailChannel(ReactiveMailer mailer, List<String> to, String subjectPrefix) {
        this.mailer = mailer;
        this.to = List.copyOf(to);
        this.subjectPrefix = subjectPrefix;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public void send(Notification n) throws DeliveryFailed {
        Mail mail = new Mail().setTo(to).setSubject(subjectPrefix + n.subject()).setText(n.text() + "\n\n-- event " + n.eventId());
        n.attachments().forEach(file -> mail.addAttachment(file.name(), file.data(), file.contentType()));
        try {
            mailer.send(mail).await().atMost(TIMEOUT);
        } catch (RuntimeException e) {
            throw new DeliveryFailed("SMTP: " + e.getMessage(), e);
        }
    }
}
