package io.flashorder.notification;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.Optional;

/** Sends text messages; a send fails when the provider refused or did not answer. */
public interface SmsProvider {

    /** A text to send: the phone number in clear and the message. */
    record Text(String phone, String body) {
    }

    Uni<Void> send(String phone, String text);

    /**
     * Sends each text; emits, in the order given, what became of each: empty when sent, else why not (a text the
     * provider refused does not stop the others). By default one {@link #send} after the other; a provider that takes
     * many texts at once does better.
     */
    default Uni<List<Optional<Throwable>>> sendAll(List<Text> texts) {
        return Multi.createFrom().iterable(texts)
                .onItem().transformToUniAndConcatenate(text -> send(text.phone(), text.body())
                        .map(sent -> Optional.<Throwable>empty())
                        .onFailure().recoverWithItem(Optional::of))
                .collect().asList();
    }
}
