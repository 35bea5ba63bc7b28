package io.partita.app.groups;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Gives each member of a group one of {@link #SIZE} colours ({@code .owner-0} … {@code .owner-7} in the
 * stylesheet). A member keeps its colour across refreshes while it stays; a newcomer takes the lowest free
 * colour, so a rebalance does not repaint every bar. Beyond {@link #SIZE} members colours repeat.
 */
public final class OwnerPalette {
    public static final int SIZE = 8;

    private final Map<String, Integer> slots = new HashMap<>();
    private int overflow;

    /** Assigns colours to {@code memberIds} (in the order given for newcomers) and forgets the members gone. */
    public Map<String, Integer> assign(Collection<String> memberIds) {
        Set<String> present = new LinkedHashSet<>(memberIds);
        slots.keySet().retainAll(present);
        for (String id : present) {
            if (!slots.containsKey(id)) {
                slots.put(id, freeSlot());
            }
        }
        return Map.copyOf(slots);
    }

    /** The colour of {@code memberId}, or -1 when it has none (no owner). */
    public int slotOf(String memberId) {
        return slots.getOrDefault(memberId, -1);
    }

    /** The CSS class of a colour slot. */
    public static String styleClass(int slot) {
        return slot < 0 ? "owner-none" : "owner-" + slot % SIZE;
    }

    private int freeSlot() {
        for (int slot = 0; slot < SIZE; slot++) {
            if (!slots.containsValue(slot)) {
                return slot;
            }
        }
        return overflow++ % SIZE;
    }
}
