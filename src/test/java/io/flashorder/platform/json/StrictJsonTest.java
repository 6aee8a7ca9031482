package io.flashorder.platform.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flashorder.catalog.campaign.CampaignRequest;
import io.flashorder.catalog.sku.SkuRequest;
import io.flashorder.checkout.PlaceOrderRequest;
import io.flashorder.order.PaymentMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one mapper's reading rules, on the request records themselves (no server needed). */
class StrictJsonTest {

    private static final String ITEM = "{\"skuId\":\"0190a000-0002-7000-8000-000000000001\",\"quantity\":%s}";
    private static final String SKU = "{\"title\":%s,\"listPrice\":%s,\"currency\":\"EUR\",\"weightGrams\":1,"
            + "\"lowStockThreshold\":0,\"status\":%s}";

    private final ObjectMapper json = strictMapper();

    static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(new Jdk8Module());
        new StrictJson().customize(mapper);
        return mapper;
    }

    @Test
    void exactDocumentsAreRead() throws JsonProcessingException {
        PlaceOrderRequest.Item item = json.readValue(ITEM.formatted("2"), PlaceOrderRequest.Item.class);
        assertThat(item.quantity()).isEqualTo(2);
        SkuRequest sku = json.readValue(SKU.formatted("\"Tab\\tand\\nnew line \\ud83d\\ude00\"", "1999", "\"ACTIVE\""),
                SkuRequest.class);
        assertThat(sku.title()).isEqualTo("Tab\tand\nnew line \uD83D\uDE00");
        assertThat(sku.listPrice()).isEqualTo(1999L);
        CampaignRequest campaign = json.readValue("{\"name\":\"c\",\"startsAt\":\"2026-01-01T00:00:00Z\","
                + "\"endsAt\":null,\"items\":[]}", CampaignRequest.class);
        assertThat(campaign.startsAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(json.readValue("\"ONLINE\"", PaymentMethod.class)).isEqualTo(PaymentMethod.ONLINE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "1.0", "1e0", "\"1\"", "true", "\"\"", "[1]", "{}"})
    void quantitiesAreExactIntegers(String quantity) {
        assertThatThrownBy(() -> json.readValue(ITEM.formatted(quantity), PlaceOrderRequest.Item.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1999.99", "\"1999\"", "false"})
    void moneyIsExact(String price) {
        assertThatThrownBy(() -> json.readValue(SKU.formatted("\"t\"", price, "\"ACTIVE\""), SkuRequest.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "true", "1.5", "[\"t\"]", "{\"t\":1}"})
    void textIsAlwaysAJsonString(String title) {
        assertThatThrownBy(() -> json.readValue(SKU.formatted(title, "1", "\"ACTIVE\""), SkuRequest.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "\"\""})
    void enumsAreNamed(String status) {
        assertThatThrownBy(() -> json.readValue(SKU.formatted("\"t\"", "1", status), SkuRequest.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1767225600", "\"\"", "true"})
    void instantsAreIsoStrings(String startsAt) {
        assertThatThrownBy(() -> json.readValue("{\"name\":\"c\",\"startsAt\":" + startsAt + "}", CampaignRequest.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "\"\""})
    void idsAreUuidStrings(String skuId) {
        assertThatThrownBy(() -> json.readValue("{\"skuId\":" + skuId + ",\"quantity\":1}", PlaceOrderRequest.Item.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"skuId\":\"0190a000-0002-7000-8000-000000000001\",\"quantity\":1,\"quantity\":2}",
            "{\"skuId\":\"0190a000-0002-7000-8000-000000000001\",\"quantity\":1} x",
            "{\"skuId\":\"0190a000-0002-7000-8000-000000000001\",\"quantity\":1} {}",
            "{\"skuId\":\"0190a000-0002-7000-8000-000000000001\",\"quantity\":1}]"})
    void oneDocumentWithEachKeyOnce(String body) {
        assertThatThrownBy(() -> json.readValue(body, PlaceOrderRequest.Item.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x\\u0000", "\\u0001", "\\u001f", "\\ud800", "a\\udc00b", "\\ud83d"})
    void unstorableTextIsRefusedWithItsPath(String title) {
        assertThatThrownBy(() -> json.readValue("{\"items\":[{\"skuId\":\"0190a000-0002-7000-8000-000000000001\","
                + "\"quantity\":1}],\"buyerNote\":\"" + title + "\"}", PlaceOrderRequest.class))
                .isInstanceOfSatisfying(UnstorableTextException.class, e -> {
                    assertThat(e.getPath()).hasSize(1);
                    assertThat(e.getPath().get(0).getFieldName()).isEqualTo("buyerNote");
                    assertThat(e.refused()).startsWith("U+");
                });
    }

    @Test
    void storableTextRule() {
        assertThat(StorableText.firstRefused("ok \t\r\n é 漢字 \uD83D\uDE00")).isEqualTo(-1);
        assertThat(StorableText.firstRefused("ab\u0000")).isEqualTo(2);
        assertThat(StorableText.firstRefused("\uDE00")).isZero();
        assertThat(StorableText.firstRefused("a\uD83D")).isEqualTo(1);
        assertThat(StorableText.describeRefused("ab\u0000", 2)).isEqualTo("U+0000 at position 3");
        assertThat(StorableText.clean("a\u0000b\uD800\uD83D\uDE00")).isEqualTo("a\uFFFDb\uFFFD\uD83D\uDE00");
    }
}
