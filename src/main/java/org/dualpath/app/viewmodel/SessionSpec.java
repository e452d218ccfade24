package org.dualpath.app.viewmodel;

import org.dualpath.common.InputException;

import java.nio.file.Path;
import java.util.List;

/**
 * What a session opens: a dataset (captions file, images folder, optional instances and split files) and
 * optionally a model file. Also parses the command line {@code --captions F --images DIR [--instances F]
 * [--split F] [--model M]}.
 */
public record SessionSpec(Path captions, Path images, Path instances, Path split, Path model) {
    public static final String USAGE = "--captions FILE --images DIR [--instances FILE] [--split FILE] [--model FILE]";

    /** The same dataset with another model. */
    public SessionSpec withModel(Path newModel) {
        return new SessionSpec(captions, images, instances, split, newModel);
    }

    /** The session given on the command line, or null for none (no arguments or only {@code --model}). */
    public static SessionSpec parse(List<String> args) {
        Path captions = null;
        Path images = null;
        Path instances = null;
        Path split = null;
        Path model = null;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new InputException("option " + option + " needs a value; usage: " + USAGE);
            }
            Path value = Path.of(args.get(++i));
            switch (option) {
                case "--captions" -> captions = value;
                case "--images" -> images = value;
                case "--instances" -> instances = value;
                case "--split" -> split = value;
                case "--model" -> model = value;
                default -> throw new InputException("unknown option " + option + "; usage: " + USAGE);
            }
        }
        if ((captions == null) != (images == null)) {
            throw new InputException("give both --captions and --images; usage: " + USAGE);
        }
        if (captions == null && model == null) {
            return null;
        }
        return new SessionSpec(captions, images, instances, split, model);
    }
}
