package io.flashorder.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder a test can cut: in front of PostgreSQL it makes the database "go down" (existing connections are
 * dropped, new ones refused at once) and "come back", without touching the server other tests use. Test code only.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean open;

    private TcpProxy(String targetHost, int targetPort, boolean open) throws IOException {
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.open = open;
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy to {@code host:port} that starts cut (every connection refused) until {@link #open()}. */
    public static TcpProxy cutTo(String host, int port) {
        try {
            return new TcpProxy(host, port, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JVM-wide proxy named {@code name}, created cut on first use; answers its port. A test profile and its test
     * run in different class loaders, so they share it through system properties ({@code <name>.port}, and
     * {@code <name>.state}: "open" or "cut", switched by {@link #switchShared}), which a watcher thread follows.
     */
    public static synchronized int shared(String name, String host, int port) {
        String existing = System.getProperty(name + ".port");
        if (existing != null) {
            return Integer.parseInt(existing);
        }
        TcpProxy proxy = cutTo(host, port);
        System.setProperty(name + ".state", "cut");
        System.setProperty(name + ".port", Integer.toString(proxy.port()));
        Thread watcher = new Thread(() -> {
            while (!proxy.server.isClosed()) {
                boolean wanted = "open".equals(System.getProperty(name + ".state"));
                if (wanted != proxy.open) {
                    if (wanted) {
                        proxy.open();
                    } else {
                        proxy.cut();
                    }
                }
                try {
                    Thread.sleep(20); // polls a flag, outside the application
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "tcp-proxy-watch-" + proxy.port());
        watcher.setDaemon(true);
        watcher.start();
        return proxy.port();
    }

    /** Opens or cuts the shared proxy {@code name}, and waits until it follows. */
    public static void switchShared(String name, boolean open) {
        System.setProperty(name + ".state", open ? "open" : "cut");
        try {
            Thread.sleep(100); // the watcher polls every 20 ms
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public void open() {
        open = true;
    }

    /** Cuts: drops every connection through the proxy and refuses new ones until {@link #open()}. */
    public void cut() {
        open = false;
        sockets.forEach(TcpProxy::quietly);
        sockets.clear();
    }

    @Override
    public void close() {
        cut();
        quietly(server);
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (!open) {
                quietly(client);
                continue;
            }
            try {
                Socket target = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(target);
                pump(client, target);
                pump(target, client);
            } catch (IOException e) {
                quietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException ignored) {
                // the other side went away, or the proxy was cut
            } finally {
                quietly(from);
                quietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void quietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
