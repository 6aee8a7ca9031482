package io.flashorder.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The tests' own Redis server (scripts/services.sh, port FLASHORDER_REDIS_PORT) as an operator handles it: restart
 * it, or restart it from an older copy of its append-only file, as a host crash with {@code appendfsync everysec}
 * would. Only ever the port the tests are configured with. On the local Redis Cluster
 * ({@code FLASHORDER_REDIS_MODE=cluster}, nodes on FLASHORDER_REDIS_PORT+1..+3) "the server" is the primary that holds
 * the application's partition {@code {p}}: every key the service writes lives there. Test code only.
 */
public final class RedisServer {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int CLUSTER_NODES = 3;
    private static volatile Integer partitionNode;

    private RedisServer() {
    }

    /** Whether the tests run against the local Redis Cluster instead of the single server. */
    public static boolean cluster() {
        return "cluster".equals(System.getenv("FLASHORDER_REDIS_MODE"));
    }

    private static int basePort() {
        String port = System.getenv("FLASHORDER_REDIS_PORT");
        return port == null || port.isBlank() ? 56379 : Integer.parseInt(port.strip());
    }

    /** Every server the tests' data may live on: the single one, or each primary of the cluster. */
    public static List<Integer> nodePorts() {
        if (!cluster()) {
            return List.of(basePort());
        }
        List<Integer> ports = new ArrayList<>();
        for (int i = 1; i <= CLUSTER_NODES; i++) {
            ports.add(basePort() + i);
        }
        return ports;
    }

    public static int port() {
        if (!cluster()) {
            return basePort();
        }
        Integer known = partitionNode;
        if (known == null) {
            known = nodeServing("{p}");
            partitionNode = known;
        }
        return known;
    }

    /** The cluster primary whose slots hold the key (CLUSTER KEYSLOT, then the slot ranges of CLUSTER NODES). */
    private static int nodeServing(String key) {
        int first = nodePorts().get(0);
        long slot = Long.parseLong(cliOn(first, "CLUSTER", "KEYSLOT", key).strip());
        for (String line : cliOn(first, "CLUSTER", "NODES").lines().toList()) {
            String[] fields = line.strip().split(" ");
            if (fields.length < 9 || !fields[2].contains("master")) {
                continue;
            }
            for (int i = 8; i < fields.length; i++) {
                String[] range = fields[i].split("-");
                if (range[0].startsWith("[")) {
                    continue; // a slot being migrated
                }
                long from = Long.parseLong(range[0]);
                long to = range.length > 1 ? Long.parseLong(range[1]) : from;
                if (slot >= from && slot <= to) {
                    String address = fields[1].substring(0, fields[1].indexOf('@'));
                    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
                }
            }
        }
        throw new AssertionError("No cluster node serves slot " + slot);
    }

    /** Runs one redis-cli command against one server, returns its output. */
    public static String cliOn(int port, String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        return run(command);
    }

    /** Runs one redis-cli command against the tests' server, returns its output. */
    public static String cli(String... args) {
        return cliOn(port(), args);
    }

    public static boolean answering() {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] reply = new byte[7];
            int read = socket.getInputStream().read(reply);
            return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** SHUTDOWN (the AOF is flushed: nothing is lost), then start it again the way scripts/services.sh does. */
    public static void restart() {
        stop();
        start();
    }

    /** SHUTDOWN: the AOF is flushed, nothing is lost; the server is down until {@link #start()}. */
    public static void stop() {
        shutdown("SHUTDOWN");
    }

    /**
     * A consistent copy of the append-only files now: the AOF is rewritten first (BGREWRITEAOF), so the copy is the
     * whole data set at this moment.
     */
    public static Path copyAof() {
        cli("BGREWRITEAOF");
        long end = System.nanoTime() + WAIT.toNanos();
        while (cli("INFO", "persistence").contains("aof_rewrite_in_progress:1")
                || cli("INFO", "persistence").contains("aof_rewrite_scheduled:1")) {
            if (System.nanoTime() > end) {
                throw new AssertionError("The AOF rewrite did not finish");
            }
            pause(50);
        }
        try {
            Path copy = Files.createTempDirectory("flashorder-aof-");
            copyTree(aofDir(), copy);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops Redis without saving, puts the older AOF copy in place of its files, starts it: Redis lost writes. */
    public static void restartFrom(Path aofCopy) {
        Path dir = aofDir();
        shutdown("SHUTDOWN NOSAVE");
        try {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            copyTree(aofCopy, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    private static Path aofDir() {
        String dir = cli("CONFIG", "GET", "dir").lines().skip(1).findFirst().orElseThrow().strip();
        String name = cli("CONFIG", "GET", "appenddirname").lines().skip(1).findFirst().orElseThrow().strip();
        return Path.of(dir, name);
    }

    private static void shutdown(String shutdown) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port())));
        command.addAll(List.of(shutdown.split(" ")));
        run(command);
        long end = System.nanoTime() + WAIT.toNanos();
        while (answering()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Redis did not stop");
            }
            pause(50);
        }
    }

    /** Starts the server the way scripts/services.sh does, and waits until it has loaded its data. */
    public static void start() {
        run(List.of("scripts/services.sh", "start"));
        long end = System.nanoTime() + WAIT.toNanos();
        while (!answering() || cli("INFO", "persistence").contains("loading:1")) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Redis did not start");
            }
            pause(50);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static String run(List<String> command) {
        return Processes.run(WAIT, command).output();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // polling a process outside the application
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
