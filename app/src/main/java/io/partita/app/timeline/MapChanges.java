package io.partita.app.timeline;

import io.partita.app.client.cluster.BrokerColumn;
import io.partita.app.client.cluster.ClusterMap;
import io.partita.app.client.cluster.PartitionRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The events between two cluster maps the app saw one after the other: brokers up and down, the controller moving,
 * topics created and deleted, partitions added, leaders changing, ISRs shrinking and expanding, replicas reassigned.
 * Pure: the timeline records what this finds.
 */
public final class MapChanges {
    private MapChanges() {}

    /** What changed from {@code before} to {@code after}, seen at {@code time}, in a stable order. */
    public static List<ClusterEvent> between(ClusterMap before, ClusterMap after, Instant time) {
        List<ClusterEvent> events = new ArrayList<>();
        brokers(before.brokers(), after.brokers(), time, events);
        Map<String, List<PartitionRow>> was = byTopic(before.rows());
        Map<String, List<PartitionRow>> is = byTopic(after.rows());
        for (String topic : was.keySet()) {
            if (!is.containsKey(topic)) {
                events.add(new ClusterEvent(
                        time,
                        EventKind.TOPIC_DELETED,
                        topic,
                        "deleted",
                        was.get(topic).get(0).internal()));
            }
        }
        for (Map.Entry<String, List<PartitionRow>> entry : is.entrySet()) {
            String topic = entry.getKey();
            List<PartitionRow> now = entry.getValue();
            List<PartitionRow> then = was.get(topic);
            if (then == null) {
                int rf = now.isEmpty() ? 0 : now.get(0).replicas().size();
                events.add(new ClusterEvent(
                        time,
                        EventKind.TOPIC_CREATED,
                        topic,
                        now.size() + (now.size() == 1 ? " partition" : " partitions") + ", replication factor " + rf,
                        now.get(0).internal()));
                continue;
            }
            if (now.size() > then.size()) {
                events.add(new ClusterEvent(
                        time,
                        EventKind.PARTITIONS_ADDED,
                        topic,
                        then.size() + " → " + now.size() + " partitions",
                        now.get(0).internal()));
            }
            Map<Integer, PartitionRow> old =
                    then.stream().collect(Collectors.toMap(PartitionRow::partition, Function.identity()));
            for (PartitionRow row : now) {
                PartitionRow previous = old.get(row.partition());
                if (previous != null) {
                    partition(previous, row, time, events);
                }
            }
        }
        return events;
    }

    private static void brokers(
            List<BrokerColumn> before, List<BrokerColumn> after, Instant time, List<ClusterEvent> out) {
        Map<Integer, BrokerColumn> was = byId(before);
        Map<Integer, BrokerColumn> is = byId(after);
        for (BrokerColumn broker : is.values()) {
            BrokerColumn previous = was.get(broker.id());
            boolean wasUp = previous != null && previous.up();
            if (broker.up() && !wasUp) {
                out.add(new ClusterEvent(time, EventKind.BROKER_UP, "broker " + broker.id(), address(broker)));
            } else if (!broker.up() && wasUp) {
                out.add(new ClusterEvent(time, EventKind.BROKER_DOWN, "broker " + broker.id(), address(broker)));
            }
        }
        for (BrokerColumn previous : was.values()) {
            if (previous.up() && !is.containsKey(previous.id())) {
                out.add(new ClusterEvent(time, EventKind.BROKER_DOWN, "broker " + previous.id(), address(previous)));
            }
        }
        Integer controllerBefore = controller(was);
        Integer controllerAfter = controller(is);
        if (controllerAfter != null && !controllerAfter.equals(controllerBefore)) {
            out.add(new ClusterEvent(
                    time,
                    EventKind.CONTROLLER,
                    "broker " + controllerAfter,
                    controllerBefore == null ? "is the controller" : "took over from broker " + controllerBefore));
        }
    }

    private static void partition(PartitionRow before, PartitionRow after, Instant time, List<ClusterEvent> out) {
        String subject = after.key();
        if (!before.replicas().equals(after.replicas())) {
            out.add(new ClusterEvent(
                    time,
                    EventKind.REPLICAS,
                    subject,
                    "replicas " + before.replicas() + " → " + after.replicas(),
                    after.internal()));
        }
        if (before.leader() != after.leader()) {
            out.add(new ClusterEvent(
                    time,
                    EventKind.LEADER,
                    subject,
                    "leader " + leader(before) + " → " + leader(after),
                    after.internal()));
        }
        List<Integer> left =
                before.isr().stream().filter(id -> !after.isr().contains(id)).toList();
        List<Integer> joined =
                after.isr().stream().filter(id -> !before.isr().contains(id)).toList();
        if (!left.isEmpty()) {
            out.add(new ClusterEvent(
                    time,
                    EventKind.ISR_SHRINK,
                    subject,
                    "ISR " + before.isr() + " → " + after.isr() + " (" + brokers(left) + " left)",
                    after.internal()));
        }
        if (!joined.isEmpty()) {
            out.add(new ClusterEvent(
                    time,
                    EventKind.ISR_EXPAND,
                    subject,
                    "ISR " + before.isr() + " → " + after.isr() + " (" + brokers(joined) + " caught up)",
                    after.internal()));
        }
    }

    private static String leader(PartitionRow row) {
        return row.hasLeader() ? "broker " + row.leader() : "none";
    }

    private static String brokers(List<Integer> ids) {
        return (ids.size() == 1 ? "broker " : "brokers ")
                + ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String address(BrokerColumn broker) {
        return broker.address().isEmpty() ? "" : broker.address();
    }

    private static Integer controller(Map<Integer, BrokerColumn> brokers) {
        return brokers.values().stream()
                .filter(BrokerColumn::controller)
                .map(BrokerColumn::id)
                .findFirst()
                .orElse(null);
    }

    private static Map<Integer, BrokerColumn> byId(List<BrokerColumn> brokers) {
        Map<Integer, BrokerColumn> byId = new TreeMap<>();
        brokers.forEach(b -> byId.put(b.id(), b));
        return byId;
    }

    private static Map<String, List<PartitionRow>> byTopic(List<PartitionRow> rows) {
        Map<String, List<PartitionRow>> topics = new LinkedHashMap<>();
        for (PartitionRow row : rows) {
            topics.computeIfAbsent(row.topic(), t -> new ArrayList<>()).add(row);
        }
        return topics;
    }
}
