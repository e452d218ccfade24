package org.dualpath.app.viewmodel;

import org.dualpath.common.InputException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionSpecTest {
    @Test
    void parsesDatasetAndModel() {
        SessionSpec spec = SessionSpec.parse(List.of("--captions", "c.json", "--images", "img", "--model", "m.zip",
                "--instances", "i.json", "--split", "s.json"));
        assertThat(spec).isEqualTo(new SessionSpec(Path.of("c.json"), Path.of("img"), Path.of("i.json"),
                Path.of("s.json"), Path.of("m.zip")));
    }

    @Test
    void noArgumentsMeanNoSessionAndModelAloneKeepsTheDataset() {
        assertThat(SessionSpec.parse(List.of())).isNull();
        assertThat(SessionSpec.parse(List.of("--model", "m.zip"))).isEqualTo(new SessionSpec(null, null, null, null, Path.of("m.zip")));
    }

    @Test
    void badArgumentsSayHowToCallIt() {
        assertThatThrownBy(() -> SessionSpec.parse(List.of("--captions", "c.json")))
                .isInstanceOf(InputException.class).hasMessageContaining("give both --captions and --images");
        assertThatThrownBy(() -> SessionSpec.parse(List.of("--colour", "red")))
                .isInstanceOf(InputException.class).hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> SessionSpec.parse(List.of("--images")))
                .isInstanceOf(InputException.class).hasMessageContaining("needs a value");
    }
}
