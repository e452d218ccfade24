package org.dualpath.common;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Float matrices in NumPy's {@code .npy} format (version 1.0, {@code <f4}, C order), so that cached features
 * open with {@code numpy.load}. Only this one layout is written and read.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final int ALIGN = 64;
    private static final Pattern HEADER = Pattern.compile(
            "\\{'descr': '<f4', 'fortran_order': False, 'shape': \\((\\d+), (\\d+)\\), }\\s*");

    private Npy() {
    }

    /** Writes {@code rows} (each of length {@code cols}) atomically as a {@code (rows, cols)} float32 array. */
    public static void write(Path file, float[][] rows, int cols) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows.length + ", " + cols + "), }";
        // magic (8) + header length (2) + dict + padding + '\n' is a multiple of 64, as numpy writes it
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        String header = dict + " ".repeat((ALIGN - unpadded % ALIGN) % ALIGN) + "\n";
        AtomicFiles.write(file, raw -> {
            OutputStream out = new BufferedOutputStream(raw, 1 << 16);
            out.write(MAGIC);
            out.write(header.length() & 0xFF);
            out.write(header.length() >>> 8);
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            ByteBuffer row = ByteBuffer.allocate(cols * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] r : rows) {
                if (r.length != cols) {
                    throw new IllegalArgumentException("row of length " + r.length + ", expected " + cols);
                }
                row.clear();
                row.asFloatBuffer().put(r);
                out.write(row.array());
            }
            out.flush();
        });
    }

    /** Reads a matrix written by {@link #write}. */
    public static float[][] read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + ": not a version 1.0 .npy file");
            }
            int length = in.readUnsignedByte() | in.readUnsignedByte() << 8;
            byte[] header = new byte[length];
            in.readFully(header);
            Matcher m = HEADER.matcher(new String(header, StandardCharsets.US_ASCII));
            if (!m.matches()) {
                throw new IOException(file + ": not a 2-D little-endian float32 .npy file");
            }
            int rows = Integer.parseInt(m.group(1));
            int cols = Integer.parseInt(m.group(2));
            float[][] out = new float[rows][cols];
            byte[] bytes = new byte[cols * Float.BYTES];
            for (float[] row : out) {
                in.readFully(bytes);
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(row);
            }
            return out;
        }
    }
}
