package io.flashorder.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Fires many HTTP requests at once (up to {@code inFlight} concurrently) and collects every response. */
public final class Parallel {

    /** Runs the HTTP clients' callbacks: one pool for every call (a pool per call left eight idle threads each). */
    private static final ExecutorService CALLBACKS = Executors.newFixedThreadPool(8, work -> {
        Thread thread = new Thread(work, "parallel-http");
        thread.setDaemon(true);
        return thread;
    });

    private Parallel() {
    }

    public record Call(String token, String idempotencyKey, String json) {
    }

    public static List<HttpResponse<String>> post(URI uri, int count, int inFlight, IntFunction<Call> call) {
        return spread(i -> uri, count, inFlight, call).stream().map(CompletableFuture::join).toList();
    }

    /**
     * Like {@link #post}, but a call answered 503 (the service busy or recovering: Retry-After) is sent again with the
     * same idempotency key, as a client does, up to {@code attempts} times in all: what a stampede test then counts is
     * each buyer's final answer, and a retry that finds its first attempt placed gets that order back.
     */
    public static List<HttpResponse<String>> postRetryingUnavailable(URI uri, int count, int inFlight, int attempts,
                                                                     IntFunction<Call> call) {
        return spreadRetryingUnavailable(i -> uri, count, inFlight, attempts, call);
    }

    /** Like {@link #postRetryingUnavailable}, call {@code i} (and its retries) going to {@code target(i)}. */
    public static List<HttpResponse<String>> spreadRetryingUnavailable(IntFunction<URI> target, int count,
                                                                       int inFlight, int attempts,
                                                                       IntFunction<Call> call) {
        List<Call> calls = IntStream.range(0, count).mapToObj(call).toList();
        List<HttpResponse<String>> responses = new ArrayList<>(spread(target, count, inFlight, calls::get).stream()
                .map(CompletableFuture::join).toList());
        retryUnavailable(responses, target, inFlight, attempts - 1, calls);
        return responses;
    }

    /**
     * Sends each call whose answer ({@code responses.get(i)}, for {@code calls.get(i)}) was a 503 again with its
     * idempotency key, to {@code target(i)}, up to {@code retries} more times, and puts the final answers in place.
     * A null answer (a connection that failed) is left as it is.
     */
    public static void retryUnavailable(List<HttpResponse<String>> responses, IntFunction<URI> target, int inFlight,
                                        int retries, List<Call> calls) {
        for (int attempt = 0; attempt < retries; attempt++) {
            List<Integer> unavailable = IntStream.range(0, responses.size())
                    .filter(i -> responses.get(i) != null && responses.get(i).statusCode() == 503).boxed().toList();
            if (unavailable.isEmpty()) {
                return;
            }
            List<HttpResponse<String>> again = spread(i -> target.apply(unavailable.get(i)), unavailable.size(),
                    inFlight, i -> calls.get(unavailable.get(i))).stream().map(CompletableFuture::join).toList();
            for (int i = 0; i < unavailable.size(); i++) {
                responses.set(unavailable.get(i), again.get(i));
            }
        }
    }

    /**
     * Like {@link #post}, call {@code i} going to {@code target(i)} (several instances of the service); each answer is
     * left as its future, which fails when the connection did (an instance that was killed).
     */
    public static List<CompletableFuture<HttpResponse<String>>> spread(IntFunction<URI> target, int count, int inFlight,
                                                                      IntFunction<Call> call) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(CALLBACKS)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Semaphore permits = new Semaphore(inFlight);
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Call c = call.apply(i);
            HttpRequest request = HttpRequest.newBuilder(target.apply(i)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + c.token())
                    .header("Idempotency-Key", c.idempotencyKey())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(c.json())).build();
            permits.acquireUninterruptibly();
            responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> permits.release()));
        }
        return responses;
    }

    /** Racing creations of one thing: exactly one 201, every other answer a 409 problem with the given code. */
    public static void assertOneCreatedOthersConflict(List<HttpResponse<String>> responses, String conflictCode) {
        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(201, 409).containsOnlyOnce(201);
        responses.stream().filter(response -> response.statusCode() == 409).forEach(response -> {
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("\"code\":\"" + conflictCode + "\"");
        });
    }
}
