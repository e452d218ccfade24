package org.dualpath.app.view;

import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

import java.util.Locale;

/** A cosine score as a number and a bar (negative scores show an empty bar). */
final class ScoreBar extends HBox {
    private final Label number = new Label();
    private final ProgressBar bar = new ProgressBar(0);

    ScoreBar() {
        super(4);
        getStyleClass().add("score-bar");
        number.getStyleClass().add("score");
        number.setMinWidth(42);
        bar.setPrefWidth(70);
        getChildren().addAll(number, bar);
        Tooltip.install(this, new Tooltip("cosine similarity to the query (1 = same direction)"));
    }

    void set(float score) {
        number.setText(String.format(Locale.ROOT, "%.3f", score));
        bar.setProgress(Math.max(0, score));
    }
}
