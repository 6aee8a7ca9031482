package io.flashorder.checkout;

import io.flashorder.order.PaymentMethod;
import io.flashorder.platform.error.FieldViolation;
import io.flashorder.platform.http.ProblemMappers;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written checks of {@link PlaceOrderRequest} find exactly what Bean Validation finds from the record's
 * annotations (the contract OpenAPI publishes): the same fields, the same messages, for valid and broken bodies.
 */
class PlaceOrderRequestChecksProperties {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    @Property(tries = 1000)
    void theChecksAgreeWithTheAnnotations(@ForAll("requests") PlaceOrderRequest request) {
        List<FieldViolation> byAnnotations = new ArrayList<>(VALIDATOR.validate(request).stream()
                .map(violation -> new FieldViolation(ProblemMappers.fieldPath(violation), violation.getMessage()))
                .sorted(Comparator.comparing(FieldViolation::field).thenComparing(FieldViolation::message))
                .toList());
        assertThat(request.violations()).isEqualTo(byAnnotations);
    }

    @Provide
    Arbitrary<PlaceOrderRequest> requests() {
        Arbitrary<PlaceOrderRequest.Item> item = Combinators.combine(
                Arbitraries.of(UUID.randomUUID()).injectNull(0.1),
                Arbitraries.of(Integer.MIN_VALUE, -1, 0, 1, 2, 98, 99, 100, Integer.MAX_VALUE).injectNull(0.1))
                .as(PlaceOrderRequest.Item::new);
        Arbitrary<List<PlaceOrderRequest.Item>> items = item.injectNull(0.05).list().ofMinSize(0).ofMaxSize(52)
                .injectNull(0.05);
        Arbitrary<PlaceOrderRequest.Address> address = Combinators.combine(text(100), phones(), text(16), text(300))
                .as(PlaceOrderRequest.Address::new).injectNull(0.05);
        Arbitrary<List<UUID>> coupons = Arbitraries.of(UUID.randomUUID()).injectNull(0.1).list().ofMaxSize(12)
                .injectNull(0.3);
        return Combinators.combine(items, address, coupons, Arbitraries.of(UUID.randomUUID()).injectNull(0.5),
                        text(200).injectNull(0.3), Arbitraries.of(PaymentMethod.class).injectNull(0.1),
                        Arbitraries.of(Long.MIN_VALUE, -1L, 0L, 1L, PlaceOrderRequest.MAX_POINTS,
                                PlaceOrderRequest.MAX_POINTS + 1, Long.MAX_VALUE).injectNull(0.3))
                .as(PlaceOrderRequest::new);
    }

    /** Text around a column's bound, blank in several ways, or null. */
    private static Arbitrary<String> text(int max) {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "\t\n", "\u2003", "\u0001", " x ", "Ann"),
                Arbitraries.strings().withChars("ab \u00e9").ofMinLength(max - 2).ofMaxLength(max + 2),
                Arbitraries.strings().withChars("ab ").ofMaxLength(5)).injectNull(0.1);
    }

    private static Arbitrary<String> phones() {
        return Arbitraries.oneOf(
                Arbitraries.of("+49 30 1234567", "0301234567", "+4930-123-4567", "123456", "1234567", "+1-", " ",
                        "", "12345678901234567890123", "123456789012345678901234", "1234567890123456789012345",
                        "+49 30 1234567 ", "12a4567"),
                Arbitraries.strings().withChars("0123456789 -+").ofMinLength(0).ofMaxLength(26)).injectNull(0.1);
    }
}
