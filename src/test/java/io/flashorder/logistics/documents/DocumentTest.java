package io.flashorder.logistics.documents;

import io.flashorder.logistics.warehouse.Parcels;
import io.flashorder.security.PiiCipher;
import io.flashorder.support.Database;
import io.flashorder.support.Lifecycle;
import io.flashorder.support.Orders;
import io.flashorder.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/** Documents are real PDFs: parsed back, they hold every parcel's tracking number and only the owner's buyers. */
@QuarkusTest
class DocumentTest {

    @Inject
    Lifecycle lifecycle;
    @Inject
    Database database;
    @Inject
    PiiCipher pii;

    private Lifecycle.Shop shop;
    private UUID warehouse;

    @BeforeEach
    void shop() {
        shop = lifecycle.shop("Docs");
        warehouse = UUID.fromString(database.string("SELECT id::text FROM warehouse WHERE merchant_id = $1",
                shop.merchantId()));
    }

    private static String text(String base64) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(Base64.getDecoder().decode(base64))) {
            return new PDFTextStripper().getText(pdf);
        }
    }

    /** Handed-over parcels of {@code count} buyers, each with its own tracking number. */
    private List<UUID> shippedParcels(Lifecycle.Shop of, UUID from, int count, List<String> trackingNumbers) {
        List<UUID> parcels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Lifecycle.PlacedOrder order = lifecycle.paid("docs-" + UUID.randomUUID(), of);
            UUID parcel = Parcels.ready(of.merchantId(), from, order.merchantOrderOf(of), of.skuId(), 1, 250);
            String tracking = "DOC" + i + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
            Parcels.handOver(of.merchantId(), parcel, "GLS", tracking).then().statusCode(200);
            parcels.add(parcel);
            trackingNumbers.add(tracking);
        }
        return parcels;
    }

    @Test
    void waybillsHoldEveryTrackingNumberAndTheOwnBuyersOnly() throws IOException {
        List<String> tracking = new ArrayList<>();
        List<UUID> parcels = shippedParcels(shop, warehouse, 3, tracking);
        Lifecycle.Shop other = lifecycle.shop("Docs other");
        UUID otherWarehouse = UUID.fromString(database.string("SELECT id::text FROM warehouse WHERE merchant_id = $1",
                other.merchantId()));
        List<String> otherTracking = new ArrayList<>();
        UUID foreign = shippedParcels(other, otherWarehouse, 1, otherTracking).get(0);
        database.execute("UPDATE customer_order SET recipient_encrypted = $2 WHERE id = (SELECT order_id FROM parcel"
                + " WHERE id = $1)", foreign, pii.encrypt("Grace Hopper"));

        given().header("Authorization", Tokens.bearer(Tokens.merchant(shop.merchantId())))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "Compact", "paperSize", "A6", "isDefault", true,
                        "fields", List.of("TRACKING_NUMBER", "CARRIER", "RECIPIENT", "PHONE", "ADDRESS", "ITEMS")))
                .post("/api/v1/merchant/waybill-templates").then().statusCode(201).body("isDefault", equalTo(true));

        List<UUID> asked = new ArrayList<>(parcels);
        asked.add(foreign);
        JsonPath result = Parcels.as(shop.merchantId()).contentType(ContentType.JSON)
                .body(Map.of("kind", "WAYBILL", "parcelIds", asked)).post("/api/v1/merchant/documents")
                .then().statusCode(200)
                .body("pages", equalTo(3)).body("printed", hasSize(3))
                .body("refused", hasSize(1)).body("refused[0].code", equalTo("parcel-not-found"))
                .body("contentType", equalTo("application/pdf"))
                .extract().jsonPath();
        String text = text(result.getString("pdf"));
        for (String number : tracking) {
            assertThat(text).contains(number);
        }
        assertThat(text).contains(Orders.address().get("recipient").toString())
                .contains(Orders.address().get("phone").toString())
                .contains("Carrier: GLS").contains("Docs item");
        assertThat(text).doesNotContain(otherTracking.get(0)).doesNotContain(foreign.toString())
                .doesNotContain("Grace Hopper");
        assertThat(text.indexOf("Tracking:")).isLessThan(text.indexOf("Carrier:"));
        assertThat(database.count("SELECT count(*) FROM document_print WHERE merchant_id = $1 AND kind = 'WAYBILL'"
                + " AND pages = 3 AND cardinality(parcel_ids) = 3 AND printed_by = $2", shop.merchantId(),
                "merchant-user-" + shop.merchantId())).isOne();

        // The other merchant's buyer: its parcel only ever prints for its own merchant.
        String otherText = text(Parcels.as(other.merchantId()).contentType(ContentType.JSON)
                .body(Map.of("kind", "PACKING_SLIP", "parcelIds", List.of(foreign, parcels.get(0))))
                .post("/api/v1/merchant/documents").then().statusCode(200).body("pages", equalTo(1))
                .extract().path("pdf"));
        assertThat(otherText).contains(otherTracking.get(0)).contains("Grace Hopper")
                .doesNotContain(tracking.get(0)).doesNotContain(Orders.address().get("recipient").toString());
    }

    @Test
    void aPickListSumsTheUnitsInBinOrderAndPackingSlipsHaveAPagePerParcel() throws IOException {
        Parcels.bin(shop.merchantId(), warehouse, shop.skuId(), "Z-09-99").then().statusCode(200);
        List<String> tracking = new ArrayList<>();
        List<UUID> parcels = shippedParcels(shop, warehouse, 2, tracking);
        String pickList = text(Parcels.as(shop.merchantId()).contentType(ContentType.JSON)
                .body(Map.of("kind", "PICK_LIST", "parcelIds", parcels)).post("/api/v1/merchant/documents")
                .then().statusCode(200).extract().path("pdf"));
        assertThat(pickList).contains("Pick list").contains("Z-09-99   2 x Docs item").contains("Units: 2");
        Parcels.as(shop.merchantId()).contentType(ContentType.JSON)
                .body(Map.of("kind", "PACKING_SLIP", "parcelIds", parcels)).post("/api/v1/merchant/documents")
                .then().statusCode(200).body("pages", equalTo(2));
    }

    @Test
    void badPrintRequestsAreRefusedAndNotAudited() {
        long prints = database.countAll("document_print");
        Lifecycle.PlacedOrder order = lifecycle.paid("docs-" + UUID.randomUUID(), shop);
        UUID unbooked = Parcels.onlyParcelOf(shop.merchantId(), order.merchantOrderOf(shop));
        Parcels.as(shop.merchantId()).contentType(ContentType.JSON)
                .body(Map.of("kind", "WAYBILL", "parcelIds", List.of(unbooked))).post("/api/v1/merchant/documents")
                .then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("code", equalTo("nothing-to-print")).body("refused[0].code", equalTo("waybill-missing"));
        Parcels.as(shop.merchantId()).contentType(ContentType.JSON)
                .body(Map.of("kind", "WAYBILL", "parcelIds", List.of(unbooked), "templateId", UUID.randomUUID()))
                .post("/api/v1/merchant/documents").then().statusCode(404).body("code",
                        equalTo("waybill-template-not-found"));
        List<UUID> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(UUID.randomUUID());
        }
        Parcels.as(shop.merchantId()).contentType(ContentType.JSON)
                .body(Map.of("kind", "PICK_LIST", "parcelIds", tooMany)).post("/api/v1/merchant/documents")
                .then().statusCode(400).body("code", equalTo("validation-failed"));
        Parcels.as(shop.merchantId()).contentType(ContentType.JSON)
                .body(Map.of("kind", "POSTER", "parcelIds", List.of(unbooked))).post("/api/v1/merchant/documents")
                .then().statusCode(400);
        Parcels.as(shop.merchantId()).contentType(ContentType.JSON)
                .body(Map.of("kind", "PICK_LIST", "parcelIds", List.of(unbooked, unbooked)))
                .post("/api/v1/merchant/documents").then().statusCode(400);
        Map<String, Object> template = new HashMap<>();
        template.put("name", "Dup");
        template.put("paperSize", "A6");
        template.put("isDefault", false);
        template.put("fields", List.of("CARRIER", "CARRIER"));
        Parcels.as(shop.merchantId()).contentType(ContentType.JSON).body(template)
                .post("/api/v1/merchant/waybill-templates").then().statusCode(400);
        template.put("fields", List.of("SECRET_SAUCE"));
        Parcels.as(shop.merchantId()).contentType(ContentType.JSON).body(template)
                .post("/api/v1/merchant/waybill-templates").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("kind", "PICK_LIST", "parcelIds", List.of(unbooked)))
                .post("/api/v1/merchant/documents").then().statusCode(401);
        assertThat(database.countAll("document_print")).isEqualTo(prints);
        assertThat(database.count("SELECT count(*) FROM waybill_template WHERE merchant_id = $1", shop.merchantId()))
                .isZero();
    }
}
