package io.partita.app.groups;

import io.partita.app.client.groups.PartitionLag;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;

/** The partition table's drawn cells: the offset bar and the owner with its colour. */
final class PartitionCells {
    private PartitionCells() {}

    /** The offset axis of the row's partition, tinted with its owner's colour. */
    static final class OffsetBarCell extends TableCell<PartitionLag, PartitionLag> {
        private final GroupsViewModel model;
        private final OffsetBar bar = new OffsetBar();

        OffsetBarCell(GroupsViewModel model) {
            this.model = model;
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            bar.setMaxWidth(Double.MAX_VALUE);
        }

        @Override
        protected void updateItem(PartitionLag p, boolean empty) {
            super.updateItem(p, empty);
            if (empty || p == null) {
                setGraphic(null);
                return;
            }
            bar.show(p, model.ownerSlot(p.owner()));
            setGraphic(bar);
        }
    }

    /** The member owning the partition, after a swatch of its colour; "none" while no member does. */
    static final class OwnerCell extends TableCell<PartitionLag, PartitionLag> {
        private final GroupsViewModel model;
        private final Region swatch = new Region();
        private String swatchClass = OwnerPalette.styleClass(-1);

        OwnerCell(GroupsViewModel model) {
            this.model = model;
            swatch.getStyleClass().addAll("owner-swatch", swatchClass);
            setGraphicTextGap(8);
            setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(PartitionLag p, boolean empty) {
            super.updateItem(p, empty);
            if (empty || p == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            swatch.getStyleClass().remove(swatchClass);
            swatchClass = OwnerPalette.styleClass(model.ownerSlot(p.owner()));
            swatch.getStyleClass().add(swatchClass);
            // The client id is what fits; the legend and the tooltip add the host.
            setText(model.ownerClientId(p.owner()));
            setTooltip(p.owner().isEmpty() ? null : new Tooltip(model.ownerLabel(p.owner())));
            setGraphic(p.owner().isEmpty() ? null : swatch);
        }
    }
}
