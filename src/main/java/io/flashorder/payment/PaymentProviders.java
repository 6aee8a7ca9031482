package io.flashorder.payment;

import io.flashorder.platform.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The configured payment providers by name. */
@ApplicationScoped
public class PaymentProviders {

    private final Map<String, PaymentProvider> byName;

    public PaymentProviders(Instance<PaymentProvider> providers) {
        this.byName = providers.stream().collect(Collectors.toUnmodifiableMap(PaymentProvider::name, Function.identity()));
    }

    /** Every provider's name (a bounded set: metric labels use it). */
    public Set<String> names() {
        return byName.keySet();
    }

    public PaymentProvider get(String name) {
        PaymentProvider provider = name == null ? null : byName.get(name);
        if (provider == null) {
            throw ApiException.notFound("payment-provider", name);
        }
        return provider;
    }
}
