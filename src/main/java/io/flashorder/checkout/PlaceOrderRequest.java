package io.flashorder.checkout;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flashorder.order.PaymentMethod;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.FieldViolation;
import io.flashorder.platform.openapi.ConfiguredValues;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A buyer's order: what, where to, with which coupons, in which campaign, paid how, and how many member points it
 * spends (absent or 0: none).
 * <p>The constraint annotations are the contract the OpenAPI document publishes; {@link #requireValid} enforces
 * exactly them, with Bean Validation's fields and messages, by hand: on the hot path the Bean Validation cascade cost
 * about a fourteenth of a placement's CPU. {@code PlaceOrderRequestChecksTest} keeps the two in agreement.
 */
public record PlaceOrderRequest(
        @NotNull @Size(min = 1, max = MAX_ITEMS) List<@NotNull @Valid Item> items,
        @NotNull @Valid Address address,
        @Size(max = MAX_COUPONS) List<@NotNull UUID> couponIds,
        UUID campaignId,
        @Size(max = MAX_BUYER_NOTE) String buyerNote,
        @NotNull PaymentMethod paymentMethod,
        // Left out of the request hash when absent, so an order without points hashes as it always did.
        @JsonInclude(JsonInclude.Include.NON_NULL) @PositiveOrZero @Max(MAX_POINTS) Long pointsToUse) {

    /** More points than any order could take at any sensible rate; bounds the input before pricing sees it. */
    public static final long MAX_POINTS = 1_000_000_000L;
    static final int MAX_ITEMS = 50;
    static final int MAX_COUPONS = 10;
    static final int MAX_BUYER_NOTE = 200;
    static final int MIN_QUANTITY = 1;
    static final int MAX_QUANTITY = 99;
    static final int MAX_RECIPIENT = 100;
    static final int MAX_REGION_CODE = 16;
    static final int MAX_DETAIL = 300;
    static final String PHONE_PATTERN = "\\+?[0-9][0-9 \\-]{5,22}[0-9]";
    static final String PHONE_MESSAGE = "must be a phone number of 7 to 24 digits, spaces or dashes";
    private static final java.util.regex.Pattern PHONE = java.util.regex.Pattern.compile(PHONE_PATTERN);
    private static final String NOT_NULL = "must not be null";
    private static final String NOT_BLANK = "must not be blank";

    /** The points the order spends (0 when absent). */
    public long pointsOrZero() {
        return pointsToUse == null ? 0 : pointsToUse;
    }

    /**
     * Refuses a body that breaks a constraint annotation: 400 {@code validation-failed} listing every field, as Bean
     * Validation would (a missing body is the field {@code request}).
     */
    public static void requireValid(PlaceOrderRequest request) {
        List<FieldViolation> violations = request == null ? List.of(new FieldViolation("request", NOT_NULL))
                : request.violations();
        if (!violations.isEmpty()) {
            throw ApiException.invalid("The request has " + violations.size() + " invalid field(s)", violations);
        }
    }

    /** What breaks the constraint annotations, sorted by field then message (as the problem lists them). */
    List<FieldViolation> violations() {
        List<FieldViolation> out = new ArrayList<>(0);
        if (items == null) {
            out.add(new FieldViolation("items", NOT_NULL));
        } else {
            size(out, "items", items.size(), 1, MAX_ITEMS);
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                if (item == null) {
                    out.add(new FieldViolation("items[" + i + "]", NOT_NULL));
                } else {
                    item.check("items[" + i + "].", out);
                }
            }
        }
        if (address == null) {
            out.add(new FieldViolation("address", NOT_NULL));
        } else {
            address.check(out);
        }
        if (couponIds != null) {
            size(out, "couponIds", couponIds.size(), 0, MAX_COUPONS);
            for (int i = 0; i < couponIds.size(); i++) {
                if (couponIds.get(i) == null) {
                    out.add(new FieldViolation("couponIds[" + i + "]", NOT_NULL));
                }
            }
        }
        if (buyerNote != null) {
            size(out, "buyerNote", buyerNote.length(), 0, MAX_BUYER_NOTE);
        }
        if (paymentMethod == null) {
            out.add(new FieldViolation("paymentMethod", NOT_NULL));
        }
        if (pointsToUse != null) {
            range(out, "pointsToUse", pointsToUse, 0, MAX_POINTS);
        }
        if (out.size() > 1) {
            out.sort(Comparator.comparing(FieldViolation::field).thenComparing(FieldViolation::message));
        }
        return out;
    }

    public record Item(
            @NotNull UUID skuId,
            @NotNull @Min(MIN_QUANTITY) @Max(MAX_QUANTITY) Integer quantity) {

        private void check(String at, List<FieldViolation> out) {
            if (skuId == null) {
                out.add(new FieldViolation(at + "skuId", NOT_NULL));
            }
            if (quantity == null) {
                out.add(new FieldViolation(at + "quantity", NOT_NULL));
            } else {
                range(out, at + "quantity", quantity, MIN_QUANTITY, MAX_QUANTITY);
            }
        }
    }

    public record Address(
            @NotBlank @Size(max = MAX_RECIPIENT) String recipient,
            @NotBlank @Pattern(regexp = PHONE_PATTERN, message = PHONE_MESSAGE) String phone,
            @Schema(extensions = @Extension(name = ConfiguredValues.VALUES, value = ConfiguredValues.REGIONS))
            @NotBlank @Size(max = MAX_REGION_CODE) String regionCode,
            @NotBlank @Size(max = MAX_DETAIL) String detail) {

        private void check(List<FieldViolation> out) {
            text(out, "address.recipient", recipient, MAX_RECIPIENT);
            if (blank(phone)) {
                out.add(new FieldViolation("address.phone", NOT_BLANK));
            }
            if (phone != null && !PHONE.matcher(phone).matches()) {
                out.add(new FieldViolation("address.phone", PHONE_MESSAGE));
            }
            text(out, "address.regionCode", regionCode, MAX_REGION_CODE);
            text(out, "address.detail", detail, MAX_DETAIL);
        }

        /** {@code @NotBlank @Size(max)}: both are reported when both fail. */
        private static void text(List<FieldViolation> out, String field, String value, int max) {
            if (blank(value)) {
                out.add(new FieldViolation(field, NOT_BLANK));
            }
            if (value != null) {
                size(out, field, value.length(), 0, max);
            }
        }

        /** Bean Validation's {@code @NotBlank}: null, or only white space. */
        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    public List<UUID> couponIdsOrEmpty() {
        return couponIds == null ? List.of() : couponIds;
    }

    private static void size(List<FieldViolation> out, String field, int size, int min, int max) {
        if (size < min || size > max) {
            out.add(new FieldViolation(field, "size must be between " + min + " and " + max));
        }
    }

    private static void range(List<FieldViolation> out, String field, long value, long min, long max) {
        if (value < min) {
            out.add(new FieldViolation(field, "must be greater than or equal to " + min));
        } else if (value > max) {
            out.add(new FieldViolation(field, "must be less than or equal to " + max));
        }
    }
}
