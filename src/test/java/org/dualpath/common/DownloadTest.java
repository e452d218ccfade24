package org.dualpath.common;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.Adler32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs only against a local HTTP server. */
class DownloadTest {
    private static final byte[] CONTENT = new byte[300_000];

    static {
        for (int i = 0; i < CONTENT.length; i++) {
            CONTENT[i] = (byte) (i * 31 + i / 7);
        }
    }

    @TempDir
    Path dir;
    private HttpServer server;
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final Download download = new Download();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/file.bin", exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(String.valueOf(range));
            int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            exchange.sendResponseHeaders(range == null ? 200 : 206, CONTENT.length - from);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(CONTENT, from, CONTENT.length - from);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void downloadsAndVerifiesSizeAndSha256() throws Exception {
        Path target = dir.resolve("sub/file.bin");
        long[] last = new long[2];
        Progress progress = new Progress() {
            @Override
            public void update(long done, long total, String message) {
                last[0] = done;
                last[1] = total;
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        download.fetch(uri("/file.bin"), target, CONTENT.length, Download.Checksum.sha256(sha256(CONTENT)), progress);
        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(last).containsExactly(CONTENT.length, CONTENT.length);
        assertThat(Files.exists(dir.resolve("sub/file.bin.part"))).isFalse();

        download.fetch(uri("/file.bin"), target, CONTENT.length, Download.Checksum.sha256(sha256(CONTENT)), Progress.NONE);
        assertThat(ranges).hasSize(1); // an existing verified file is not fetched again
    }

    @Test
    void acceptsAnAdler32ChecksumAsTheDl4jZooDeclaresIt() {
        Adler32 adler = new Adler32();
        adler.update(CONTENT);
        Path target = dir.resolve("file.bin");
        download.fetch(uri("/file.bin"), target, 0, Download.Checksum.adler32(adler.getValue()), Progress.NONE);
        assertThat(target).exists();
    }

    @Test
    void aChecksumMismatchNamesBothValuesAndLeavesNoFile() throws Exception {
        Path target = dir.resolve("file.bin");
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> download.fetch(uri("/file.bin"), target, 0, Download.Checksum.sha256(wrong), Progress.NONE))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("expected " + wrong)
                .hasMessageContaining("got " + sha256(CONTENT));
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("file.bin.part")).doesNotExist();
    }

    @Test
    void aMissingFileReportsTheHttpStatus() {
        assertThatThrownBy(() -> download.fetch(uri("/nothing"), dir.resolve("x"), 0, null, Progress.NONE))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageStartingWith(uri("/nothing").toString());
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void aRefusedConnectionSaysSoOnOneLine() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port + "/file.bin");
        assertThatThrownBy(() -> download.fetch(closed, dir.resolve("x"), 0, null, Progress.NONE))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("cannot connect to 127.0.0.1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void cancellingKeepsThePartialFileAndTheNextFetchResumesIt() throws Exception {
        Path target = dir.resolve("file.bin");
        AtomicBoolean cancel = new AtomicBoolean();
        Progress progress = new Progress() {
            @Override
            public void update(long done, long total, String message) {
                if (done > 0) {
                    cancel.set(true);
                }
            }

            @Override
            public boolean isCancelled() {
                return cancel.get();
            }
        };
        assertThatThrownBy(() -> download.fetch(uri("/file.bin"), target, CONTENT.length, null, progress))
                .isInstanceOf(CancellationException.class);
        assertThat(target).doesNotExist();
        long partial = Files.size(dir.resolve("file.bin.part"));
        assertThat(partial).isBetween(1L, (long) CONTENT.length - 1);

        download.fetch(uri("/file.bin"), target, CONTENT.length, Download.Checksum.sha256(sha256(CONTENT)), Progress.NONE);
        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(ranges).containsExactly("null", "bytes=" + partial + "-");
    }

    /** A server that stops sending mid-body once blocked the download for ever: HttpClient's timeouts end with the headers. */
    @Test
    void aServerThatStallsMidBodyFailsOnOneLineAndTheNextFetchResumesFromTheBytesKept() throws Exception {
        try (LocalFileServer stalling = new LocalFileServer().serve("/file.bin", CONTENT)) {
            stalling.stallNextAfter(10_000);
            URI uri = stalling.base().resolve("file.bin");
            Path target = dir.resolve("file.bin");
            Download impatient = new Download(Duration.ofSeconds(1));
            long start = System.nanoTime();

            assertThatThrownBy(() -> impatient.fetch(uri, target, CONTENT.length, null, Progress.NONE))
                    .isInstanceOf(InputException.class).hasMessage(uri + ": download failed (the server sent nothing for "
                            + "1 s); try again, it resumes from the bytes kept in " + Download.partOf(target));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThat(target).doesNotExist();
            assertThat(Files.size(Download.partOf(target))).isEqualTo(10_000);
            impatient.fetch(uri, target, CONTENT.length, Download.Checksum.sha256(sha256(CONTENT)), Progress.NONE);
            assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
            assertThat(stalling.requests()).containsExactly("GET /file.bin -", "GET /file.bin bytes=10000-");
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The SHA-256 of a file, read in several buffers, is pinned to this version's value. */
    @Test
    void sha256OfAFileStaysTheSame() throws IOException {
        Path file = Files.write(dir.resolve("content.bin"), CONTENT);
        assertThat(Download.Checksum.sha256("0").of(file)).isEqualTo("5a97e2f2a4bc600a0c16068e0759b5e05c76b87eb450fe4e3c721dc7a85704fb");
    }
}
