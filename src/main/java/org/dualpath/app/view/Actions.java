package org.dualpath.app.view;

import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small helpers for the explorer's controls: icon buttons with tooltips, icon menu items, the clipboard. */
final class Actions {
    private Actions() {
    }

    /** A button showing only an icon (an Ikonli literal such as {@code mdi2m-magnify}), explained by a tooltip. */
    static Button iconButton(String icon, String tooltip, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.setTooltip(new Tooltip(tooltip));
        b.getStyleClass().add("icon-button");
        b.setOnAction(e -> action.run());
        return b;
    }

    static MenuItem item(String text, String icon, Runnable action) {
        MenuItem item = new MenuItem(text, new FontIcon(icon));
        item.setOnAction(e -> action.run());
        return item;
    }

    static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
