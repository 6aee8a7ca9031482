package io.flashorder.notification;

import io.flashorder.platform.error.ApiException;
import io.flashorder.security.PiiCipher;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A buyer's notification settings: read, replaced, and what the sender needs of them. */
@ApplicationScoped
public class NotificationPreferencesService {

    private final NotificationProfileRepository profiles;
    private final PiiCipher pii;
    private final Clock clock;

    public NotificationPreferencesService(NotificationProfileRepository profiles, PiiCipher pii, Clock clock) {
        this.profiles = profiles;
        this.pii = pii;
        this.clock = clock;
    }

    /** The profiles of these buyers, the defaults for those who set nothing. */
    public Uni<Map<String, NotificationProfile>> profilesOf(Set<String> buyerIds) {
        return profiles.findAll(buyerIds).map(found -> {
            Map<String, NotificationProfile> all = new HashMap<>(found);
            buyerIds.forEach(buyer -> all.computeIfAbsent(buyer, NotificationProfile::defaults));
            return all;
        });
    }

    public Uni<PreferencesView> view(String buyerId, Optional<String> tokenLocale) {
        return profiles.find(buyerId).map(found -> view(found.orElseGet(() -> new NotificationProfile(buyerId,
                Optional.empty(), tokenLocale.flatMap(BuyerLocale::of).orElse(BuyerLocale.DEFAULT), Set.of()))));
    }

    /** Replaces the buyer's settings: 400 for an unknown language, 422 when an essential SMS is turned off. */
    public Uni<PreferencesView> replace(String buyerId, PreferencesRequest request, Optional<String> tokenLocale) {
        BuyerLocale locale = request.locale() == null
                ? tokenLocale.flatMap(BuyerLocale::of).orElse(BuyerLocale.DEFAULT)
                : BuyerLocale.of(request.locale()).orElseThrow(() -> ApiException.invalidField("locale",
                        "must be zh-CN or en"));
        Set<NotificationProfile.OptOut> optOuts = new LinkedHashSet<>();
        List<PreferencesRequest.OptOutRequest> asked = request.optOuts() == null ? List.of() : request.optOuts();
        for (int i = 0; i < asked.size(); i++) {
            PreferencesRequest.OptOutRequest optOut = asked.get(i);
            if (!optOut.kind().canTurnOff(optOut.channel())) {
                throw ApiException.unprocessable("essential-notice", "optOuts[" + i + "]: " + optOut.kind()
                        + " is about your money and always goes by SMS; only its email can be turned off");
            }
            optOuts.add(new NotificationProfile.OptOut(optOut.channel(), optOut.kind()));
        }
        String email = request.email() == null || request.email().isBlank() ? null : request.email().strip();
        NotificationProfile profile = new NotificationProfile(buyerId, Optional.ofNullable(email).map(pii::encrypt),
                locale, Set.copyOf(optOuts));
        return profiles.save(profile, clock.instant()).replaceWith(() -> view(profile));
    }

    private PreferencesView view(NotificationProfile profile) {
        return new PreferencesView(profile.emailEncrypted().map(pii::decrypt).orElse(null), profile.locale().tag(),
                profile.optOuts().stream()
                        .sorted(Comparator.comparing(NotificationProfile.OptOut::channel)
                                .thenComparing(NotificationProfile.OptOut::kind))
                        .map(o -> new PreferencesRequest.OptOutRequest(o.channel(), o.kind())).toList(),
                PreferencesView.ALWAYS_BY_SMS);
    }
}
