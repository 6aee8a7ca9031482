package io.flashorder.logistics.carrier;

import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A carrier integration (like {@link io.flashorder.payment.PaymentProvider}): books waybills for the carriers it
 * serves and authenticates their tracking callbacks. Implementations put their fault-tolerance annotations on
 * their own methods (annotations on an interface do not count).
 */
public interface CarrierProvider {

    /** The name in URLs, e.g. {@code sandbox} in /api/v1/webhooks/carriers/sandbox. */
    String name();

    /** The carrier names (as carrier rules and parcels name them) this provider books. */
    Set<String> carriers();

    /** Books a waybill: a tracking number and the label to print. Idempotent per parcel. */
    Uni<Waybill> book(BookingRequest request);

    /**
     * Authenticates a callback from its headers and its raw body exactly as received, and reads it. Throws an
     * {@link io.flashorder.platform.error.ApiException} for a missing, forged, stale or future signature or an
     * unreadable body. Pure: nothing is recorded here.
     */
    TrackingCallback verify(Function<String, String> headers, byte[] rawBody, Instant now);

    record BookingRequest(UUID parcelId, String carrier, String regionCode, long weightGrams, long declaredValue,
                          String currency, boolean insured, boolean cashOnDelivery) {
    }

    record Waybill(String trackingNumber, String label) {
    }
}
