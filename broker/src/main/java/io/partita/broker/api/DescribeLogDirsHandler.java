package io.partita.broker.api;

import io.partita.broker.replication.Partition;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.DescribeLogDirsResponseData;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DescribeLogDirsRequest;
import org.apache.kafka.common.requests.DescribeLogDirsResponse;
import org.apache.kafka.common.requests.RequestContext;

/** DescribeLogDirs: this node's one data directory and the size of each partition in it. */
final class DescribeLogDirsHandler implements ApiHandler<DescribeLogDirsRequest> {
    private final ApiContext api;

    DescribeLogDirsHandler(ApiContext api) {
        this.api = api;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, DescribeLogDirsRequest request) {
        DescribeLogDirsRequestData data = request.data();
        File dir = api.logStore().directory().toFile();
        DescribeLogDirsResponseData.DescribeLogDirsResult result =
                new DescribeLogDirsResponseData.DescribeLogDirsResult()
                        .setLogDir(dir.getAbsolutePath())
                        .setTotalBytes(dir.getTotalSpace())
                        .setUsableBytes(dir.getUsableSpace());
        Map<String, DescribeLogDirsResponseData.DescribeLogDirsTopic> topics = new LinkedHashMap<>();
        for (Partition partition : api.replicaManager().partitions().values()) {
            String topic = partition.topicPartition().topic();
            int index = partition.topicPartition().partition();
            if (data.topics() != null
                    && data.topics().stream()
                            .noneMatch(t ->
                                    t.topic().equals(topic) && t.partitions().contains(index))) {
                continue;
            }
            long lag =
                    Math.max(0, partition.log().logEndOffset() - partition.log().highWatermark());
            topics.computeIfAbsent(topic, t -> new DescribeLogDirsResponseData.DescribeLogDirsTopic().setName(t))
                    .partitions()
                    .add(new DescribeLogDirsResponseData.DescribeLogDirsPartition()
                            .setPartitionIndex(index)
                            .setPartitionSize(partition.log().sizeInBytes())
                            .setOffsetLag(partition.isLeader() ? 0 : lag)
                            .setIsFutureKey(false));
        }
        result.topics().addAll(topics.values());
        DescribeLogDirsResponseData response = new DescribeLogDirsResponseData();
        response.results().add(result);
        return CompletableFuture.completedFuture(new DescribeLogDirsResponse(response));
    }
}
