package io.flashorder.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A private SMTP server a test can stop and start again: the same Debian aiosmtpd that scripts/services.sh runs,
 * on its own loopback port, writing to its own maildir (read with {@link SentMail#in}). Stopped, its port refuses
 * connections as a crashed or stopped server's does. Test code only.
 */
public final class SmtpServer implements AutoCloseable {

    private final int port;
    private final Path maildir;
    private Process process;

    private SmtpServer(int port, Path maildir) {
        this.port = port;
        this.maildir = maildir;
    }

    /**
     * The JVM-wide port for the server named {@code name}, chosen free on first use. A test profile (which points the
     * mailer at it) and its test run in different class loaders, so they share it through a system property.
     */
    public static synchronized int sharedPort(String name) {
        String existing = System.getProperty(name + ".port");
        if (existing != null) {
            return Integer.parseInt(existing);
        }
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            System.setProperty(name + ".port", Integer.toString(probe.getLocalPort()));
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server (not started) on the shared port {@code name}, writing to a fresh maildir of its own. */
    public static SmtpServer named(String name) {
        try {
            Path maildir = Files.createTempDirectory(name + "-mail");
            for (String folder : List.of("new", "cur", "tmp")) { // a maildir's folders; aiosmtpd does not make them
                Files.createDirectories(maildir.resolve(folder));
            }
            return new SmtpServer(sharedPort(name), maildir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path maildir() {
        return maildir;
    }

    /** Starts the server and waits until it answers. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(List.of("/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l",
                    "127.0.0.1:" + port, "-c", "aiosmtpd.handlers.Mailbox", maildir.toString()))
                    .redirectErrorStream(true).redirectOutput(maildir.resolveSibling(maildir.getFileName() + ".log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("aiosmtpd did not start (scripts/services.sh installs it)", e);
        }
        Eventually.await(Duration.ofSeconds(20), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("aiosmtpd exited: " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            } catch (IOException notYet) {
                throw new AssertionError("SMTP not answering on " + port, notYet);
            }
        });
    }

    /** Stops the server: from now on its port refuses connections. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }
}
