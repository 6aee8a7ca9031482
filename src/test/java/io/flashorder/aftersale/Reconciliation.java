package io.flashorder.aftersale;

import io.flashorder.support.Tokens;
import io.restassured.path.json.JsonPath;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The stock reconciliation, reporting only, as tests of after-sales check it for their SKU (test code). */
public final class Reconciliation {

    private Reconciliation() {
    }

    public static void assertNoDrift(UUID skuId) {
        JsonPath report = given().header("Authorization", Tokens.bearer(Tokens.admin())).queryParam("repair", false)
                .post("/api/v1/admin/stock-integrity/reconciliations").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> drift = report.getList("drift");
        assertThat(drift).filteredOn(d -> skuId.toString().equals(d.get("skuId"))).isEmpty();
        List<String> breaks = report.getList("invariantBreaks", String.class);
        assertThat(breaks).noneMatch(line -> line.contains(skuId.toString()));
    }
}
