package io.flashorder.platform.validation;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's validator uses {@link EveryPropertyTraversable}, and cascaded properties are still validated. */
@QuarkusTest
class EveryPropertyTraversableTest {

    record Line(@NotBlank String sku) {
    }

    record Cart(@NotNull List<@NotNull @Valid Line> lines) {
    }

    @Inject
    ValidatorFactory factory;

    @Inject
    Validator validator;

    @Test
    void theValidatorTakesTheResolverBeanInsteadOfAskingJpa() {
        assertThat(factory.getTraversableResolver()).isInstanceOf(EveryPropertyTraversable.class);
    }

    @Test
    void aCascadedElementIsStillValidated() {
        assertThat(validator.validate(new Cart(List.of(new Line("a"), new Line(" ")))))
                .extracting(violation -> violation.getPropertyPath().toString())
                .containsExactly("lines[1].sku");
    }
}
