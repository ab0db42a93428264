package io.learnscale.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a loopback port in front of a real server, to put an outage of that server into a test without
 * stopping it (shared servers, or ones that cannot be restarted, like the in-JVM Kafka broker):
 *
 * <ul>
 *   <li>{@link #cut()}: open connections drop and new ones are refused, as when the server is down;
 *   <li>{@link #stall()}: connections stay open but no byte moves, as when the server hangs;
 *   <li>{@link #restore()}: the same port forwards again.
 * </ul>
 *
 * Point the application at {@link #host()}:{@link #port()} instead of the server.
 */
public class TcpProxy implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final String name;
    private final InetSocketAddress upstream;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object flow = new Object();
    private volatile ServerSocket server;
    private volatile boolean stalled;

    protected TcpProxy(String name, String upstreamHost, int upstreamPort) {
        this.name = name;
        this.upstream = new InetSocketAddress(upstreamHost, upstreamPort);
        try {
            this.port = EmbeddedServers.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A started proxy to {@code upstreamHost:upstreamPort}. */
    public static TcpProxy start(String name, String upstreamHost, int upstreamPort) {
        TcpProxy proxy = new TcpProxy(name, upstreamHost, upstreamPort);
        proxy.listen();
        return proxy;
    }

    public String host() {
        return LOOPBACK;
    }

    public int port() {
        return port;
    }

    public InetSocketAddress upstream() {
        return upstream;
    }

    /** The server is down: open connections drop, new ones are refused. */
    public synchronized void cut() {
        ServerSocket listening = server;
        server = null;
        closeQuietly(listening);
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
        log("cut");
    }

    /** The server hangs: connections stay open, nothing is forwarded until {@link #restore()}. */
    public void stall() {
        stalled = true;
        log("stalled");
    }

    /** The server is back: the same port accepts and forwards again. */
    public synchronized void restore() {
        synchronized (flow) {
            stalled = false;
            flow.notifyAll();
        }
        if (server == null) {
            listen();
        }
        log("restored");
    }

    public boolean isCut() {
        return server == null;
    }

    @Override
    public synchronized void close() {
        cut();
    }

    /** Starts relaying one accepted connection; the default copies bytes both ways unchanged. */
    protected void relay(Socket client, Socket server) throws IOException {
        InputStream fromClient = client.getInputStream();
        OutputStream toServer = server.getOutputStream();
        InputStream fromServer = server.getInputStream();
        OutputStream toClient = client.getOutputStream();
        pump("request", client, server, () -> copy(fromClient, toServer));
        pump("response", client, server, () -> copy(fromServer, toClient));
    }

    /** Runs one direction of a connection on its own thread and closes both ends when it ends. */
    protected final void pump(String direction, Socket client, Socket server, Pump pump) {
        Thread.ofVirtual().name(name + "-proxy-" + direction).start(() -> {
            try {
                pump.run();
            } catch (IOException | InterruptedException | RuntimeException e) {
                // a closed socket ends the pump: the other side sees the connection drop
            } finally {
                closeQuietly(client);
                closeQuietly(server);
                sockets.remove(client);
                sockets.remove(server);
            }
        });
    }

    /** Blocks while the proxy is stalled. */
    protected final void awaitFlowing() throws InterruptedException {
        synchronized (flow) {
            while (stalled) {
                flow.wait();
            }
        }
    }

    private void copy(InputStream in, OutputStream out) throws IOException, InterruptedException {
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            awaitFlowing();
            out.write(buffer, 0, read);
            out.flush();
        }
    }

    /** Starts accepting connections on {@link #port()}. */
    protected final void listen() {
        try {
            ServerSocket listening = new ServerSocket();
            listening.setReuseAddress(true);
            listening.bind(new InetSocketAddress(LOOPBACK, port));
            server = listening;
            Thread.ofVirtual().name(name + "-proxy-accept").start(() -> accept(listening));
        } catch (IOException e) {
            throw new UncheckedIOException(name + " proxy could not listen on port " + port, e);
        }
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket target = new Socket();
                try {
                    target.connect(upstream, 2_000);
                } catch (IOException e) {
                    closeQuietly(client);
                    closeQuietly(target);
                    continue;
                }
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(target);
                if (server != listening) { // cut while connecting
                    closeQuietly(client);
                    closeQuietly(target);
                    continue;
                }
                relay(client, target);
            } catch (IOException e) {
                // the listening socket was closed by cut()
            }
        }
    }

    private void log(String what) {
        System.out.printf("learnscale test proxy %s (%s:%d -> %s): %s%n", name, LOOPBACK, port, upstream, what);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    /** One direction of a relayed connection. */
    @FunctionalInterface
    protected interface Pump {
        void run() throws IOException, InterruptedException;
    }
}
