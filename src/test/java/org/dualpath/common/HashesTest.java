package org.dualpath.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SHA-256 against the FIPS 180-2 test vectors, fed as one text, in pieces, as a file and as numbers. */
class HashesTest {
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String TWO_BLOCKS = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
    private static final String MILLION_A = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

    @TempDir
    Path dir;

    @Test
    void textsMatchTheStandardVectors() {
        assertThat(Hashes.sha256Hex("abc")).isEqualTo(ABC);
        assertThat(Hashes.sha256Hex("")).isEqualTo(EMPTY);
        assertThat(Hashes.sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).isEqualTo(TWO_BLOCKS);
        assertThat(Hashes.sha256Hex("a".repeat(1_000_000))).isEqualTo(MILLION_A);
    }

    @Test
    void piecesHashAsTheirConcatenationWhateverTheirSizes() {
        assertThat(Hashes.sha256Builder().putString("a").putString("").putString("bc").hex()).isEqualTo(ABC);
        Hashes.Sha256Builder sha = Hashes.sha256Builder();
        byte[] chunk = "a".repeat(70_000).getBytes(StandardCharsets.US_ASCII);
        // pieces below, at and above the builder's 64 KiB buffer
        sha.putBytes(chunk, 0, 3).putBytes(chunk, 0, 65_536).putBytes(chunk, 0, 70_000);
        for (int done = 3 + 65_536 + 70_000; done < 1_000_000; done += 997) {
            sha.putBytes(chunk, 0, Math.min(997, 1_000_000 - done));
        }
        assertThat(sha.hex()).isEqualTo(MILLION_A);
    }

    @Test
    void numbersAreFedAsLittleEndianBytes() {
        float[] floats = new float[20_000];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = i * 0.5f - 3;
        }
        ByteBuffer expected = ByteBuffer.allocate(4 + 8 + 4 * floats.length).order(ByteOrder.LITTLE_ENDIAN);
        expected.putInt(-7).putLong(1L << 40);
        for (float f : floats) {
            expected.putFloat(f);
        }
        String ofBytes = Hashes.sha256Builder().putBytes(expected.array(), 0, expected.capacity()).hex();
        assertThat(Hashes.sha256Builder().putInt(-7).putLong(1L << 40).putFloats(floats).hex()).isEqualTo(ofBytes);
    }

    @Test
    void fileBytesAreStreamed() throws IOException {
        Path abc = Files.writeString(dir.resolve("abc.txt"), "abc");
        Path large = Files.writeString(dir.resolve("a.txt"), "a".repeat(1_000_000));
        assertThat(Hashes.sha256Hex(abc)).isEqualTo(ABC);
        assertThat(Hashes.sha256Hex(large)).isEqualTo(MILLION_A);
        assertThat(Hashes.sha256Hex(Files.createFile(dir.resolve("empty")))).isEqualTo(EMPTY);
    }

    @Test
    void aPrefixIsTheStartOfTheDigestAndTheBuilderEndsThere() {
        Hashes.Sha256Builder sha = Hashes.sha256Builder().putString("abc");
        assertThat(sha.hexPrefix(16)).isEqualTo(ABC.substring(0, 32));
        assertThatThrownBy(() -> sha.putString("d")).isInstanceOf(IllegalStateException.class);
    }
}
