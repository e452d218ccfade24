package org.dualpath.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CancellationException;
import java.util.zip.Adler32;

/**
 * Downloads a file over HTTP(S) with progress, cancellation, size and checksum verification. Bytes go to
 * {@code target.part}; an interrupted or cancelled download resumes from there when the server honours
 * {@code Range}. Only a verified file is renamed to {@code target}, so {@code target} is never partial.
 * Failures are {@link InputException}s with one line naming the URL and what went wrong.
 */
public final class Download {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** How long the body may send nothing before the download stops, resumable: HttpClient's timeouts end with the headers. */
    public static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);
    private static final int BUFFER = 1 << 16;

    /**
     * An expected checksum: SHA-256 (hex), MD5 (hex, as dataset hosts publish theirs) or Adler-32 (decimal, as DL4J's
     * zoo declares them).
     */
    public record Checksum(String algorithm, String value) {
        public static Checksum sha256(String hex) {
            return new Checksum("SHA-256", hex.toLowerCase(Locale.ROOT));
        }

        public static Checksum md5(String hex) {
            return new Checksum("MD5", hex.toLowerCase(Locale.ROOT));
        }

        public static Checksum adler32(long value) {
            return new Checksum("Adler-32", Long.toString(value));
        }

        /** The checksum of {@code file} in this checksum's algorithm and notation. */
        public String of(Path file) throws IOException {
            if (algorithm.equals("SHA-256")) {
                return Hashes.sha256Hex(file);
            }
            if (algorithm.equals("MD5")) {
                return md5Hex(file);
            }
            Adler32 adler = new Adler32();
            byte[] buf = new byte[BUFFER];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    adler.update(buf, 0, n);
                }
            }
            return Long.toString(adler.getValue());
        }

        private static String md5Hex(Path file) throws IOException {
            MessageDigest md5;
            try {
                md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has MD5", e);
            }
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), md5)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(md5.digest());
        }
    }

    private final HttpClient client;
    private final Duration stallTimeout;

    public Download() {
        this(STALL_TIMEOUT);
    }

    /** Downloads that stop when the body sends nothing for {@code stallTimeout} (tests wait less than 30 s). */
    public Download(Duration stallTimeout) {
        this(HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build(), stallTimeout);
    }

    public Download(HttpClient client, Duration stallTimeout) {
        this.client = client;
        this.stallTimeout = stallTimeout;
    }

    /**
     * The size the server announces for {@code uri} (the {@code Content-Length} of a HEAD request), or -1 when it
     * announces none; nothing is downloaded.
     */
    public long announcedSize(URI uri) {
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status == 404) {
                throw new InputException(uri + ": HTTP 404 (not found); check the URL");
            }
            return status == 200 ? response.headers().firstValueAsLong("Content-Length").orElse(-1) : -1;
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw cannotConnect(uri, e);
        } catch (IOException e) {
            throw new InputException(uri + ": cannot ask the server for the size (" + describe(e) + "); try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    /** The partial file a {@link #fetch} of {@code target} writes and resumes from. */
    public static Path partOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /**
     * Fetches {@code uri} into {@code target} unless {@code target} already exists and verifies.
     *
     * @param expectedSize size in bytes, or {@code <= 0} when unknown
     * @param checksum     expected checksum, or null to skip the check
     * @return {@code target}
     * @throws CancellationException when {@code progress} is cancelled (the partial file is kept for resuming)
     */
    public Path fetch(URI uri, Path target, long expectedSize, Checksum checksum, Progress progress) {
        if (Files.isRegularFile(target) && verifies(target, expectedSize, checksum)) {
            return target;
        }
        Path part = partOf(target);
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            transfer(uri, part, expectedSize, progress);
            verify(uri, part, expectedSize, checksum);
            AtomicFiles.move(part, target);
            return target;
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw cannotConnect(uri, e);
        } catch (IOException e) {
            throw new InputException(uri + ": download failed (" + describe(e) + "); try again"
                    + (Files.isRegularFile(part) ? ", it resumes from the bytes kept in " + part : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("download interrupted");
        }
    }

    private void transfer(URI uri, Path part, long expectedSize, Progress progress)
            throws IOException, InterruptedException {
        long have = Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = client.send(request.build(),
                HttpResponse.BodyHandlers.ofPublisher());
        int status = response.statusCode();
        if (status == 416 && have > 0) {
            // the partial file is as long as (or longer than) the resource: start again
            new Body(response.body(), stallTimeout).close();
            Files.delete(part);
            transfer(uri, part, expectedSize, progress);
            return;
        }
        if (status != 200 && status != 206) {
            new Body(response.body(), stallTimeout).close();
            throw new InputException(uri + ": HTTP " + status + (status == 404 ? " (not found)" : "")
                    + "; check the URL or download the file yourself and give its path");
        }
        boolean append = status == 206;
        long done = append ? have : 0;
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        long total = length >= 0 ? done + length : expectedSize;
        String name = part.getFileName().toString().replaceFirst("\\.part$", "");
        try (InputStream in = new Body(response.body(), stallTimeout);
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buf = new byte[BUFFER];
            int n;
            progress.update(done, total, "downloading " + name);
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                done += n;
                progress.update(done, total, "downloading " + name);
                progress.checkCancelled();
            }
        }
    }

    /**
     * A response body read with a bound on each wait for the next bytes: a server that stops sending mid-body fails the
     * read with a {@link StalledException} instead of blocking it for ever (HttpClient's own stream has no read timeout).
     */
    private static final class Body extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {
        private static final Object END = new Object();

        private final BlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
        private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
        private final Duration stallTimeout;
        private ByteBuffer current = ByteBuffer.allocate(0);
        private List<ByteBuffer> pending = List.of();
        private int next;
        private boolean ended;

        Body(Flow.Publisher<List<ByteBuffer>> publisher, Duration stallTimeout) {
            this.stallTimeout = stallTimeout;
            publisher.subscribe(this);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.complete(s);
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            chunks.add(item);
        }

        @Override
        public void onError(Throwable error) {
            chunks.add(error);
        }

        @Override
        public void onComplete() {
            chunks.add(END);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            while (!current.hasRemaining()) {
                if (next < pending.size()) {
                    current = pending.get(next++);
                    continue;
                }
                if (ended) {
                    return -1;
                }
                take();
            }
            int n = Math.min(len, current.remaining());
            current.get(buf, off, n);
            return n;
        }

        @SuppressWarnings("unchecked")
        private void take() throws IOException {
            Object chunk;
            try {
                chunk = chunks.poll(stallTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("download interrupted");
            }
            if (chunk == null) {
                throw new StalledException(stallTimeout);
            }
            if (chunk == END) {
                ended = true;
            } else if (chunk instanceof Throwable error) {
                throw error instanceof IOException io ? io : new IOException(error.getMessage(), error);
            } else {
                pending = (List<ByteBuffer>) chunk;
                next = 0;
                subscription.join().request(1);
            }
        }

        /** Stops the transfer: the connection is given up, not read to its end. */
        @Override
        public void close() {
            subscription.thenAccept(Flow.Subscription::cancel);
        }
    }

    /** The server sent nothing for the stall timeout in the middle of a body. */
    private static final class StalledException extends IOException {
        StalledException(Duration timeout) {
            super("the server sent nothing for " + timeout.toSeconds() + " s");
        }
    }

    private static void verify(URI uri, Path part, long expectedSize, Checksum checksum) throws IOException {
        long size = Files.size(part);
        if (expectedSize > 0 && size != expectedSize) {
            Files.delete(part);
            throw new InputException(uri + ": downloaded " + size + " bytes, expected " + expectedSize + "; try again");
        }
        if (checksum != null) {
            requireChecksum(uri, part, checksum);
        }
    }

    /**
     * Checks the downloaded {@code file} of {@code uri} against {@code checksum}; a file that does not match is
     * deleted (the next download starts anew) and named with both values.
     */
    public static void requireChecksum(URI uri, Path file, Checksum checksum) throws IOException {
        String actual = checksum.of(file);
        if (!actual.equals(checksum.value())) {
            Files.delete(file);
            throw new InputException(uri + ": " + checksum.algorithm() + " checksum mismatch (expected "
                    + checksum.value() + ", got " + actual + "); the download is damaged or the file changed, try again");
        }
    }

    private static boolean verifies(Path file, long expectedSize, Checksum checksum) {
        try {
            return (expectedSize <= 0 || Files.size(file) == expectedSize)
                    && (checksum == null || checksum.of(file).equals(checksum.value()));
        } catch (IOException e) {
            return false;
        }
    }

    private static InputException cannotConnect(URI uri, IOException e) {
        return new InputException(uri + ": cannot connect to " + uri.getHost() + " (" + describe(e)
                + "); check the network connection, or download the file yourself and give its path");
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("").strip();
    }
}
