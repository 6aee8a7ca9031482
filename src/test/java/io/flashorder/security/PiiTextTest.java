package io.flashorder.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PiiTextTest {

    @Test
    void phonesKeepTheirLastFourDigits() {
        assertThat(PiiText.mask("call me on 13812345678 please")).isEqualTo("call me on *******5678 please");
        assertThat(PiiText.mask("+49 151-2345 6789")).isEqualTo("*************6789");
    }

    @Test
    void idNumbersWithTheirCheckCharacterAreMasked() {
        assertThat(PiiText.mask("ID 11010519491231002X ok")).isEqualTo("ID **************002X ok");
        assertThat(PiiText.mask("id:110105194912310021")).isEqualTo("id:**************0021");
    }

    @Test
    void fullWidthDigitsAreDigitsToo() {
        assertThat(PiiText.mask("电话１３８１２３４５６７８")).isEqualTo("电话*******５６７８");
    }

    @Test
    void emailsKeepTheirFirstCharacterAndDomain() {
        assertThat(PiiText.mask("mail john.smith@example.com now")).isEqualTo("mail j***@example.com now");
        assertThat(PiiText.mask("13812345678@qq.com")).isEqualTo("1***@qq.com");
    }

    @Test
    void shortNumbersAndPlainTextStay() {
        String text = "Arrived in 3 days, 2 of 12 boxes dented, size 42. Order 123456 fine.";
        assertThat(PiiText.mask(text)).isEqualTo(text);
        assertThat(PiiText.mask(null)).isNull();
        assertThat(PiiText.mask("")).isEmpty();
    }
}
