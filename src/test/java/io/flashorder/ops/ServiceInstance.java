package io.flashorder.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Flashorder instance started from the packaged application ({@code target/quarkus-app/quarkus-run.jar}, the
 * {@code prod} profile) as a separate JVM, the way a pod runs it; its console goes to a log file. Test code only.
 */
final class ServiceInstance implements AutoCloseable {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ServiceInstance(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts the packaged service on {@code port} with the given environment (on top of this JVM's) and system
     * properties (configuration overrides).
     */
    static ServiceInstance start(String name, int port, Map<String, String> environment, Map<String, String> properties) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the packaged application is built by `./mvnw verify`"
                    + " before the integration tests run");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        try {
            Path log = Files.createDirectories(Path.of("target/it-logs")).resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("FLASHORDER_HTTP_PORT", Integer.toString(port));
            // The order writer names its consumer after HOSTNAME (the pod's name in Kubernetes).
            builder.environment().put("HOSTNAME", name);
            return new ServiceInstance(name, port, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    String name() {
        return name;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    int port() {
        return port;
    }

    /** Waits until /q/health/ready answers 200 (the pod can take orders). */
    void awaitReady(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            if (get("/q/health/ready").map(HttpResponse::statusCode).orElse(0) == 200) {
                return;
            }
            pause(250);
        }
        throw new AssertionError(name + " not ready within " + deadline + ":\n" + tail());
    }

    /** The sum of a counter of /q/metrics (Prometheus text) over its series whose labels contain {@code label}. */
    double metric(String name, String label) {
        String body = get("/q/metrics").map(HttpResponse::body).orElseThrow(() -> new AssertionError("No metrics"));
        Matcher series = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(body);
        double sum = 0;
        while (series.find()) {
            if (series.group(1) == null ? label.isEmpty() : series.group(1).contains(label)) {
                sum += Double.parseDouble(series.group(2));
            }
        }
        return sum;
    }

    /** The sum of the first group (a number) of every line of the log that matches {@code pattern}. */
    long sumLogged(Pattern pattern) {
        try {
            Matcher matcher = pattern.matcher(Files.readString(log, StandardCharsets.UTF_8));
            long sum = 0;
            while (matcher.find()) {
                sum += Long.parseLong(matcher.group(1));
            }
            return sum;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kill -9: no shutdown hook, no last batch, no goodbye to Redis or PostgreSQL. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: the graceful shutdown a pod gets
            waitFor();
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<HttpResponse<String>> get(String path) {
        try {
            return Optional.of(HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** A free loopback port for an instance. */
    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // polling another process
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
