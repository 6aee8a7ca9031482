package io.flashorder.notification;

import io.smallrye.mutiny.Uni;

/** Sends a text message; fails when the provider refused or did not answer. */
public interface SmsProvider {

    Uni<Void> send(String phone, String text);
}
