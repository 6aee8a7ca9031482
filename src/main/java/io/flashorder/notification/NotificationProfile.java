package io.flashorder.notification;

import java.util.Optional;
import java.util.Set;

/**
 * What a buyer set for its notices: the encrypted email address (none: no email), the language, and the
 * (channel, kind) pairs turned off. A buyer who set nothing gets {@link #DEFAULT}'s: Chinese, everything on, no email.
 */
public record NotificationProfile(String buyerId, Optional<String> emailEncrypted, BuyerLocale locale,
                                  Set<OptOut> optOuts) {

    /** One kind of notice turned off on one channel. */
    public record OptOut(Channel channel, NoticeKind kind) {

        String key() {
            return channel.name() + ":" + kind.name();
        }

        static OptOut of(String key) {
            int colon = key.indexOf(':');
            return new OptOut(Channel.valueOf(key.substring(0, colon)), NoticeKind.valueOf(key.substring(colon + 1)));
        }
    }

    static NotificationProfile defaults(String buyerId) {
        return new NotificationProfile(buyerId, Optional.empty(), BuyerLocale.DEFAULT, Set.of());
    }

    /** Whether this kind goes out on this channel (an essential kind always goes by SMS). */
    public boolean wants(Channel channel, NoticeKind kind) {
        return !kind.canTurnOff(channel) || !optOuts.contains(new OptOut(channel, kind));
    }
}
