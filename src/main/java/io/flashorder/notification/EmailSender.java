package io.flashorder.notification;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** Sends a notice by email through the SMTP server of {@code quarkus.mailer.*}. */
@ApplicationScoped
public class EmailSender {

    /** Headers that tie a message to its event, for operators and tests; nothing personal in them. */
    public static final String EVENT_HEADER = "X-Flashorder-Event";
    public static final String KIND_HEADER = "X-Flashorder-Notice";

    private final ReactiveMailer mailer;

    public EmailSender(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    @Timeout(30_000)
    public Uni<Void> send(String to, Notice notice, NoticeTexts.Rendered text, BuyerLocale locale) {
        return Uni.createFrom().deferred(() -> mailer.send(Mail.withText(to, text.subject(), text.emailBody())
                .addHeader(EVENT_HEADER, notice.eventId().toString())
                .addHeader(KIND_HEADER, notice.kind().name())
                .addHeader("Content-Language", locale.tag())));
    }
}
