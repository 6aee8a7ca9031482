package io.flashorder.logistics.warehouse;

import io.flashorder.checkout.PlaceOrderRequest;
import io.flashorder.logistics.warehouse.ParcelRepository.EncryptedAddress;
import io.flashorder.pricing.model.MerchantRules;
import io.flashorder.pricing.PricingService;
import io.flashorder.security.PiiCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The address re-check before packing: the merchant still ships to its region (a shipping template for it, or a
 * default one), and recipient, phone and detail still pass the rules an order is placed with.
 */
@ApplicationScoped
public class AddressCheck {

    private final PiiCipher pii;
    private final Validator validator;
    private final PricingService pricing;

    public AddressCheck(PiiCipher pii, Validator validator, PricingService pricing) {
        this.pii = pii;
        this.validator = validator;
        this.pricing = pricing;
    }

    /** Why the parcel cannot be packed for this address; empty when it can. */
    public Optional<String> problem(UUID merchantId, EncryptedAddress address) {
        MerchantRules rules = pricing.snapshot().merchants().get(merchantId);
        if (rules == null || rules.shippingTemplateFor(address.regionCode()) == null) {
            return Optional.of("regionCode: the merchant has no shipping template for region " + address.regionCode());
        }
        PlaceOrderRequest.Address plain;
        try {
            plain = new PlaceOrderRequest.Address(pii.decrypt(address.recipient()), pii.decrypt(address.phone()),
                    address.regionCode(), pii.decrypt(address.detail()));
        } catch (RuntimeException e) {
            return Optional.of("address: cannot be read (" + e.getMessage() + ")");
        }
        var violations = validator.validate(plain);
        return violations.isEmpty() ? Optional.empty() : Optional.of(violations.stream()
                .map(AddressCheck::describe).sorted().collect(Collectors.joining("; ")));
    }

    /** Whether two stored addresses are the same place and person (ciphertexts differ for equal text). */
    public boolean same(EncryptedAddress a, EncryptedAddress b) {
        return a.regionCode().equals(b.regionCode())
                && pii.decrypt(a.recipient()).strip().equals(pii.decrypt(b.recipient()).strip())
                && pii.decrypt(a.phone()).strip().equals(pii.decrypt(b.phone()).strip())
                && pii.decrypt(a.detail()).strip().equals(pii.decrypt(b.detail()).strip());
    }

    private static String describe(ConstraintViolation<?> violation) {
        return violation.getPropertyPath() + ": " + violation.getMessage();
    }
}
