package org.dualpath.app.view;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

import java.util.Locale;

/**
 * A cosine score as a number and a bar (negative scores show an empty bar). Plain regions rather than a
 * ProgressBar: result lists create many of these and a ProgressBar's skin costs far more to lay out. All bars
 * share one tooltip: building a tooltip per bar made the first answer's list cells slow to create.
 */
final class ScoreBar extends HBox {
    private static final double WIDTH = 70;
    private static Tooltip explanation;

    private final Label number = new Label();
    private final Region fill = new Region();

    ScoreBar() {
        super(4);
        getStyleClass().add("score-bar");
        setAlignment(Pos.CENTER_LEFT);
        number.getStyleClass().add("score");
        number.setMinWidth(42);
        fill.getStyleClass().add("score-fill");
        fill.setMaxWidth(Region.USE_PREF_SIZE);
        Region track = new Region();
        track.getStyleClass().add("score-track");
        StackPane bar = new StackPane(track, fill);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPrefSize(WIDTH, 10);
        bar.setMinWidth(WIDTH);
        bar.setMaxHeight(10);
        getChildren().addAll(number, bar);
        setMinWidth(Region.USE_PREF_SIZE);
        Tooltip.install(this, explanation());
    }

    /** Made on first use, on the JavaFX thread like every bar. */
    private static Tooltip explanation() {
        if (explanation == null) {
            explanation = new Tooltip("cosine similarity to the query (1 = same direction)");
        }
        return explanation;
    }

    void set(float score) {
        number.setText(String.format(Locale.ROOT, "%.3f", score));
        fill.setPrefWidth(WIDTH * Math.max(0, Math.min(1, score)));
    }
}
