package io.partita.app.groups;

import io.partita.app.client.groups.PartitionLag;
import io.partita.app.client.records.OffsetScale;
import javafx.css.PseudoClass;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;

/**
 * One partition's offset axis drawn as a bar, log start at the left and log end at the right: the part the
 * group has read in its owner's colour, the lag (what is left to read) hatched, and a marker at the committed
 * offset. A partition without a commit shows an empty, muted track. Sizes come from layout, colours from CSS.
 */
public final class OffsetBar extends Region {
    private final Region consumed = part("offset-consumed");
    private final Region lagSpan = part("offset-lag");
    private final Region marker = part("offset-marker");
    private final Tooltip tooltip = new Tooltip();
    private OffsetAxis axis = new OffsetAxis(0, false);
    private String ownerClass = OwnerPalette.styleClass(-1);

    public OffsetBar() {
        getStyleClass().add("offset-bar");
        getChildren().addAll(consumed, lagSpan, marker);
        Tooltip.install(this, tooltip);
        setMinWidth(60);
        setPrefWidth(180);
    }

    private static Region part(String styleClass) {
        Region r = new Region();
        r.getStyleClass().add(styleClass);
        r.setManaged(false);
        return r;
    }

    /** Shows {@code p}, its read part in the colour of slot {@code ownerSlot} (-1: no owner). */
    public void show(PartitionLag p, int ownerSlot) {
        axis = OffsetAxis.of(p);
        consumed.getStyleClass().remove(ownerClass);
        ownerClass = OwnerPalette.styleClass(ownerSlot);
        consumed.getStyleClass().add(ownerClass);
        pseudoClassStateChanged(NO_COMMIT, !axis.hasCommit());
        pseudoClassStateChanged(CAUGHT_UP, axis.hasCommit() && p.lag().orElse(0) == 0);
        String text = OffsetAxis.describe(p);
        setAccessibleText(text);
        tooltip.setText(p.topic() + " [" + p.partition() + "]  " + text);
        requestLayout();
    }

    public OffsetAxis axis() {
        return axis;
    }

    @Override
    protected void layoutChildren() {
        double left = snappedLeftInset();
        double top = snappedTopInset();
        double width = Math.max(0, getWidth() - left - snappedRightInset());
        double height = Math.max(0, getHeight() - top - snappedBottomInset());
        double at = snapPositionX(left + width * axis.committedAt());
        consumed.setVisible(axis.hasCommit());
        lagSpan.setVisible(axis.hasCommit());
        marker.setVisible(axis.hasCommit());
        consumed.resizeRelocate(left, top, at - left, height);
        lagSpan.resizeRelocate(at, top, left + width - at, height);
        double markerWidth = 3;
        // The marker stays inside the bar at both ends, so 0 and "caught up" both show it.
        double markerX = OffsetScale.markerX(left, width, axis.committedAt(), markerWidth);
        marker.resizeRelocate(snapPositionX(markerX), 0, markerWidth, getHeight());
    }

    @Override
    protected double computePrefHeight(double width) {
        return 16;
    }

    private static final PseudoClass NO_COMMIT = PseudoClass.getPseudoClass("no-commit");
    private static final PseudoClass CAUGHT_UP = PseudoClass.getPseudoClass("caught-up");
}
