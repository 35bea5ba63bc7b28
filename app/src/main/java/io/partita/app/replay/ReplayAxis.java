package io.partita.app.replay;

import io.partita.app.client.records.OffsetScale;
import io.partita.app.client.records.ReplayRange;
import io.partita.app.client.replay.ReplayPosition;
import javafx.css.PseudoClass;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;

/**
 * One partition's offset axis in the replay window, log start at the left and log end at the right: the replay's
 * range shaded, the part of it already replayed shaded deeper, and a cursor at the offset of the record handled
 * last. Geometry from {@link OffsetScale} (shared with the groups' offset bars), sizes from layout, colours and
 * heights from CSS.
 */
public final class ReplayAxis extends Region {
    private static final PseudoClass EMPTY_RANGE = PseudoClass.getPseudoClass("empty-range");
    private static final PseudoClass NOT_STARTED = PseudoClass.getPseudoClass("not-started");
    private static final double CURSOR_WIDTH = 3;

    private final Region range = part("replay-axis-range");
    private final Region done = part("replay-axis-done");
    private final Region cursor = part("replay-axis-cursor");
    private final Tooltip tooltip = new Tooltip();
    private ReplayPosition position;

    public ReplayAxis() {
        getStyleClass().add("replay-axis");
        getChildren().addAll(range, done, cursor);
        Tooltip.install(this, tooltip);
        setMinWidth(60);
        setPrefWidth(300);
    }

    private static Region part(String styleClass) {
        Region r = new Region();
        r.getStyleClass().add(styleClass);
        r.setManaged(false);
        return r;
    }

    public void show(ReplayPosition p) {
        position = p;
        pseudoClassStateChanged(EMPTY_RANGE, p.range().isEmpty());
        pseudoClassStateChanged(NOT_STARTED, !p.started());
        String text = "Partition " + p.partition() + ": " + p.describe();
        setAccessibleText(text);
        tooltip.setText(text);
        requestLayout();
    }

    /** What the axis shows, or null before the first {@link #show}. */
    public ReplayPosition position() {
        return position;
    }

    /** The cursor's marker (its x is the cursor's place on the axis). */
    public Region cursor() {
        return cursor;
    }

    @Override
    protected void layoutChildren() {
        if (position == null) {
            return;
        }
        double left = snappedLeftInset();
        double top = snappedTopInset();
        double width = Math.max(0, getWidth() - left - snappedRightInset());
        double height = Math.max(0, getHeight() - top - snappedBottomInset());
        ReplayRange r = position.range();
        OffsetScale scale = r.scale();
        double from = snapPositionX(left + width * scale.at(r.from()));
        double until = snapPositionX(left + width * scale.at(r.until()));
        range.setVisible(!r.isEmpty());
        range.resizeRelocate(from, top, Math.max(0, until - from), height);
        // The replayed part runs up to the cursor, so the two read as one.
        double through = position.started() ? snapPositionX(left + width * scale.at(position.at())) : from;
        done.setVisible(position.started() && !r.isEmpty());
        done.resizeRelocate(from, top, Math.max(0, Math.min(until, through) - from), height);
        cursor.setVisible(position.started());
        double x = OffsetScale.markerX(left, width, scale.at(position.at()), CURSOR_WIDTH);
        cursor.resizeRelocate(snapPositionX(x), 0, CURSOR_WIDTH, getHeight());
    }

    /** Where the cursor's centre should be for {@code offset}, in this axis' coordinates (for checks). */
    public double xOf(long offset) {
        if (position == null) {
            return Double.NaN;
        }
        double left = snappedLeftInset();
        double width = Math.max(0, getWidth() - left - snappedRightInset());
        return OffsetScale.markerX(left, width, position.range().scale().at(offset), CURSOR_WIDTH) + CURSOR_WIDTH / 2;
    }
}
