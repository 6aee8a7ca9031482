package io.flashorder.logistics.carrier;

import io.flashorder.platform.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.List;
import java.util.Optional;

/** The configured carrier providers, by name and by the carriers they book. */
@ApplicationScoped
public class CarrierProviders {

    private final List<CarrierProvider> providers;

    public CarrierProviders(Instance<CarrierProvider> providers) {
        this.providers = providers.stream().toList();
    }

    public CarrierProvider named(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound("carrier-provider", name));
    }

    public Optional<CarrierProvider> booking(String carrier) {
        return providers.stream().filter(p -> p.carriers().contains(carrier)).findFirst();
    }
}
