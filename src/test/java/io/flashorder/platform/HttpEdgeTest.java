package io.flashorder.platform;

import io.flashorder.support.Orders;
import io.flashorder.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** What the HTTP edge answers itself: trickling bodies, methods a path does not have, a huge text field. */
@QuarkusTest
class HttpEdgeTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aBodyThatTricklesInIsAnsweredWithA408AndTheConnectionClosed() throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            // Headers announce 200 bytes; 10 arrive, then nothing (flashorder.http.body-timeout is 3 s in tests).
            out.write(("POST /api/v1/orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + Tokens.customer("trickler") + "\r\nIdempotency-Key: k\r\n"
                    + "Content-Length: 200\r\n\r\n{\"items\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            String answer = readUntilClosed(socket.getInputStream());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(answer).startsWith("HTTP/1.1 408").containsIgnoringCase("content-type: application/problem+json")
                    .contains("\"code\":\"request-timeout\"");
            assertThat(took).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(20));
        }
    }

    @RepeatedTest(5)
    void aChunkedBodyTooLargeIsAnswered413WhileTheClientIsStillSending() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + Tokens.customer("sender") + "\r\nIdempotency-Key: k\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // A client that sends its whole body before it reads (many do): 512 KiB against a 64 KiB limit. The
            // server answers after 64 KiB; if it closed then, the rest arriving on a closed socket would reset the
            // connection and could take the 413 with it.
            byte[] chunk = ("4000\r\n" + "x".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 32; i++) {
                        out.write(chunk);
                        out.flush();
                        Thread.sleep(2);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            sending.get(30, TimeUnit.SECONDS);
            String answer = readUntilClosed(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("connection: close")
                    .contains("\"code\":\"payload-too-large\"");
        }
    }

    @Test
    void aClientThatWaitsFor100ContinueGetsItAndThenItsAnswer() throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String body = "{\"name\":\"\"}";
            out.write(("POST /api/v1/admin/merchants HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + Tokens.admin() + "\r\nExpect: 100-continue\r\nConnection: close\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] interim = new byte[25];
            int read = socket.getInputStream().read(interim);
            assertThat(new String(interim, 0, read, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 100 Continue");
            out.write(body.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readUntilClosed(socket.getInputStream())).contains("HTTP/1.1 400")
                    .contains("\"code\":\"validation-failed\"");
        }
    }

    @Test
    void aMethodAPathDoesNotHaveIsA405WithAllow() {
        given().header("Authorization", Tokens.bearer(Tokens.admin())).request("TRACE", "/api/v1/admin/merchants")
                .then().statusCode(405).contentType("application/problem+json")
                .header("Allow", allOf(containsString("GET"), containsString("POST"), not(containsString("PUT"))))
                .body("code", equalTo("method-not-allowed"));
        given().header("Authorization", Tokens.bearer(Tokens.admin()))
                .delete("/api/v1/admin/merchants/{id}", UUID.randomUUID())
                .then().statusCode(405).contentType("application/problem+json")
                .header("Allow", allOf(containsString("GET"), containsString("PUT"), not(containsString("DELETE"))));
    }

    @Test
    void headersTooLargeAreA431Problem() {
        given().header("Authorization", Tokens.bearer(Tokens.admin())).header("X-Padding", "x".repeat(30 * 1024))
                .get("/api/v1/admin/merchants")
                .then().statusCode(431).contentType("application/problem+json")
                .body("code", equalTo("headers-too-large"));
    }

    @Test
    void aHugeTextFieldIsTooLongForItsFieldNotMalformedJson() {
        Map<String, Object> body = new HashMap<>(Orders.body(Map.of(UUID.randomUUID(), 1)));
        body.put("buyerNote", "x".repeat(60 * 1024));
        given().header("Authorization", Tokens.bearer(Tokens.customer("verbose")))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(body).post("/api/v1/orders")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("validation-failed"))
                .body("errors.field", hasItem("buyerNote"));
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int read; (read = in.read(buffer)) > 0; ) {
            answer.write(buffer, 0, read);
        }
        return answer.toString(StandardCharsets.UTF_8);
    }
}
