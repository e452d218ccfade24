package org.dualpath.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 in lower-case hex, the one hash behind the program's cache keys, stamps and checksums: of a text, of a
 * file's bytes, or of values fed one after another to a {@link Sha256Builder}. Keys made here name files on
 * users' disks (thumbnails, features, maps, embeddings), so the bytes each method feeds must never change.
 */
public final class Hashes {
    private static final int BUFFER = 1 << 16;

    private Hashes() {
    }

    /** SHA-256 of {@code text} in UTF-8 (64 hex digits). */
    public static String sha256Hex(String text) {
        return sha256Builder().putString(text).hex();
    }

    /** SHA-256 of the bytes of {@code file}, streamed in 64 KiB reads (64 hex digits). */
    public static String sha256Hex(Path file) throws IOException {
        Sha256Builder sha = sha256Builder();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.putBytes(buffer, 0, n);
            }
        }
        return sha.hex();
    }

    /** A builder for the SHA-256 of values fed one after another. */
    public static Sha256Builder sha256Builder() {
        return new Sha256Builder();
    }

    /**
     * Feeds values to one SHA-256 through a 64 KiB buffer (so many small values cost few digest updates). Values are
     * concatenated with no separator or length: callers add their own separators where values could run together.
     * Numbers are little-endian. {@link #hex} or {@link #hexPrefix} ends the builder.
     */
    public static final class Sha256Builder {
        private final MessageDigest digest = newDigest();
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        private boolean finished;

        private Sha256Builder() {
        }

        /** The UTF-8 bytes of {@code text}. */
        public Sha256Builder putString(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return putBytes(bytes, 0, bytes.length);
        }

        /** {@code length} bytes of {@code bytes} from {@code offset}. */
        public Sha256Builder putBytes(byte[] bytes, int offset, int length) {
            checkOpen();
            if (length > buffer.remaining()) {
                flush();
            }
            if (length >= BUFFER) {
                digest.update(bytes, offset, length);
            } else {
                buffer.put(bytes, offset, length);
            }
            return this;
        }

        /** The 4 bytes of {@code value}. */
        public Sha256Builder putInt(int value) {
            room(Integer.BYTES).putInt(value);
            return this;
        }

        /** The 8 bytes of {@code value}. */
        public Sha256Builder putLong(long value) {
            room(Long.BYTES).putLong(value);
            return this;
        }

        /** The 4 bytes (IEEE 754, as {@link Float#floatToRawIntBits}) of each value, in order. */
        public Sha256Builder putFloats(float[] values) {
            for (float v : values) {
                room(Float.BYTES).putFloat(v);
            }
            return this;
        }

        /** The whole digest, 64 hex digits. */
        public String hex() {
            return HexFormat.of().formatHex(finish());
        }

        /** The first {@code bytes} bytes of the digest, two hex digits each: a shorter key for a file name. */
        public String hexPrefix(int bytes) {
            return HexFormat.of().formatHex(finish(), 0, bytes);
        }

        private ByteBuffer room(int bytes) {
            checkOpen();
            if (buffer.remaining() < bytes) {
                flush();
            }
            return buffer;
        }

        private void flush() {
            digest.update(buffer.array(), 0, buffer.position());
            buffer.clear();
        }

        private byte[] finish() {
            checkOpen();
            flush();
            finished = true;
            return digest.digest();
        }

        private void checkOpen() {
            if (finished) {
                throw new IllegalStateException("this SHA-256 is finished; start a new builder");
            }
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
