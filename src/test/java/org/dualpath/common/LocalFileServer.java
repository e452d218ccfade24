package org.dualpath.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local HTTP/1.1 server for download tests and screenshots, on a plain socket so that it can drop a connection in
 * the middle of a body (the JDK's server finishes or hangs such a response): serves byte arrays by path with HEAD
 * sizes and, unless switched off, {@code Range} requests; it can drop the connection once after a number of bytes,
 * stall once after a number of bytes (the connection stays open, silent, until the client gives it up), and send
 * slowly. One request per connection. It records each request as "METHOD path range".
 */
public final class LocalFileServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong dropAfter = new AtomicLong(-1);
    private final AtomicLong stallAfter = new AtomicLong(-1);
    private volatile boolean ranges = true;
    private volatile long bytesPerSecond;

    public LocalFileServer() {
        try {
            socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "local-file-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Serves {@code content} at {@code path} (starting with "/"). */
    public LocalFileServer serve(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    /** The base URI, ending in "/". */
    public URI base() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
    }

    /** The next GET sends {@code bytes} bytes of the body, then closes the connection. */
    public void dropNextAfter(long bytes) {
        dropAfter.set(bytes);
    }

    /** The next GET sends {@code bytes} bytes of the body, then nothing more, keeping the connection open. */
    public void stallNextAfter(long bytes) {
        stallAfter.set(bytes);
    }

    /** Whether {@code Range} requests are honoured (206) or answered with the whole file (200). */
    public void ranges(boolean honoured) {
        ranges = honoured;
    }

    /** Sends at most this many bytes a second (0: as fast as possible). */
    public void throttle(long rate) {
        bytesPerSecond = rate;
    }

    /** The requests so far, as "GET /zips/val2017.zip bytes=1000-" or "HEAD /zips/val2017.zip -". */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void accept() {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // closed
            }
            Thread t = new Thread(() -> answer(client), "local-file-server-request");
            t.setDaemon(true);
            t.start();
        }
    }

    private void answer(Socket client) {
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
            String[] requestLine = in.readLine().split(" ");
            String method = requestLine[0];
            String path = URI.create(requestLine[1]).getPath();
            String range = null;
            for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                if (line.toLowerCase(Locale.ROOT).startsWith("range:")) {
                    range = line.substring(6).strip();
                }
            }
            requests.add(method + " " + path + " " + (range == null ? "-" : range));
            OutputStream out = client.getOutputStream();
            byte[] content = files.get(path);
            if (content == null) {
                head(out, "404 Not Found", 0, null);
                return;
            }
            int from = range != null && ranges ? Integer.parseInt(range.replaceAll("bytes=(\\d+)-.*", "$1")) : 0;
            head(out, from > 0 ? "206 Partial Content" : "200 OK", content.length - from,
                    from > 0 ? "bytes " + from + "-" + (content.length - 1) + "/" + content.length : null);
            if (method.equals("HEAD")) {
                return;
            }
            long stall = method.equals("GET") ? stallAfter.getAndSet(-1) : -1;
            send(out, content, from, stall >= 0 ? stall : method.equals("GET") ? dropAfter.getAndSet(-1) : -1);
            if (stall >= 0) {
                client.setSoTimeout(120_000);
                while (client.getInputStream().read() >= 0) {
                    // silent until the client closes the connection (or two minutes pass)
                }
            }
        } catch (IOException e) {
            // the client went away (a cancelled download): nothing more to send
        }
    }

    private static void head(OutputStream out, String status, long length, String contentRange) throws IOException {
        String head = "HTTP/1.1 " + status + "\r\nContent-Length: " + length + "\r\nConnection: close\r\n"
                + (contentRange == null ? "" : "Content-Range: " + contentRange + "\r\n") + "\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The body from {@code from}; with {@code drop >= 0}, only that many bytes before the connection closes. */
    private void send(OutputStream out, byte[] content, int from, long drop) throws IOException {
        long sent = 0;
        for (int i = from; i < content.length; ) {
            int n = Math.min(8192, content.length - i);
            if (drop >= 0 && sent + n > drop) {
                out.write(content, i, (int) (drop - sent));
                out.flush();
                return;
            }
            out.write(content, i, n);
            out.flush();
            i += n;
            sent += n;
            pace(n);
        }
    }

    private void pace(int bytes) {
        long rate = bytesPerSecond;
        if (rate > 0) {
            try {
                Thread.sleep(Math.max(1, bytes * 1000L / rate));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a listening socket of a test: nothing to do
        }
    }
}
