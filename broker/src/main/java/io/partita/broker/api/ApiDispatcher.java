package io.partita.broker.api;

import io.partita.broker.group.GroupCoordinator;
import io.partita.broker.network.Reply;
import io.partita.broker.network.RequestHandler;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.RequestContext;

/**
 * The APIs this node serves and the versions of each: exactly what ApiVersions advertises. The ranges are
 * those of the pinned kafka-clients (4.4), whose oldest versions cover what a 2.8 client sends.
 */
public final class ApiDispatcher implements RequestHandler {
    private final Map<ApiKeys, ApiHandler<AbstractRequest>> handlers = new EnumMap<>(ApiKeys.class);
    private final Map<ApiKeys, short[]> versions = new EnumMap<>(ApiKeys.class);
    private final FetchHandler fetch;
    private final ProduceHandler produce;

    public ApiDispatcher(ApiContext api, GroupCoordinator groups) {
        TopicAdmin topics = new TopicAdmin(api);
        ConfigDescriber configs = new ConfigDescriber(api.config());
        TopicConfigWriter configWriter = new TopicConfigWriter(api);
        register(ApiKeys.API_VERSIONS, new ApiVersionsHandler(Collections.unmodifiableMap(versions)));
        register(ApiKeys.METADATA, new MetadataHandler(api, topics));
        produce = new ProduceHandler(api);
        serveAllVersions(ApiKeys.PRODUCE);
        fetch = new FetchHandler(api);
        serveAllVersions(ApiKeys.FETCH);
        register(ApiKeys.LIST_OFFSETS, new ListOffsetsHandler(api));
        register(ApiKeys.CREATE_TOPICS, new CreateTopicsHandler(api, topics, configs));
        register(ApiKeys.DELETE_TOPICS, new DeleteTopicsHandler(api));
        register(ApiKeys.CREATE_PARTITIONS, new CreatePartitionsHandler(api));
        register(ApiKeys.DESCRIBE_CONFIGS, new DescribeConfigsHandler(api, configs));
        register(ApiKeys.ALTER_CONFIGS, new AlterConfigsHandler(configWriter));
        register(ApiKeys.INCREMENTAL_ALTER_CONFIGS, new IncrementalAlterConfigsHandler(configWriter));
        register(ApiKeys.DESCRIBE_CLUSTER, new DescribeClusterHandler(api));
        register(ApiKeys.INIT_PRODUCER_ID, new InitProducerIdHandler(api));
        register(ApiKeys.DELETE_RECORDS, new DeleteRecordsHandler(api));
        register(ApiKeys.DESCRIBE_LOG_DIRS, new DescribeLogDirsHandler(api));
        ControllerRequests controllerRequests = new ControllerRequests(api);
        register(ApiKeys.ELECT_LEADERS, new ElectLeadersHandler(api, controllerRequests));
        register(
                ApiKeys.ALTER_PARTITION_REASSIGNMENTS, new AlterPartitionReassignmentsHandler(api, controllerRequests));
        register(ApiKeys.LIST_PARTITION_REASSIGNMENTS, new ListPartitionReassignmentsHandler(api));
        register(ApiKeys.OFFSET_FOR_LEADER_EPOCH, new OffsetForLeaderEpochHandler(api));
        register(ApiKeys.FIND_COORDINATOR, new FindCoordinatorHandler(api, topics, groups));
        register(ApiKeys.JOIN_GROUP, new JoinGroupHandler(groups));
        register(ApiKeys.SYNC_GROUP, new SyncGroupHandler(groups));
        register(ApiKeys.HEARTBEAT, new HeartbeatHandler(groups));
        register(ApiKeys.LEAVE_GROUP, new LeaveGroupHandler(groups));
        register(ApiKeys.OFFSET_COMMIT, new OffsetCommitHandler(api, groups));
        register(ApiKeys.OFFSET_FETCH, new OffsetFetchHandler(api, groups));
        register(ApiKeys.LIST_GROUPS, new ListGroupsHandler(groups));
        register(ApiKeys.DESCRIBE_GROUPS, new DescribeGroupsHandler(groups));
        register(ApiKeys.DELETE_GROUPS, new DeleteGroupsHandler(groups));
        register(ApiKeys.OFFSET_DELETE, new OffsetDeleteHandler(groups));
        register(ApiKeys.SASL_HANDSHAKE, new SaslHandshakeHandler());
        register(ApiKeys.SASL_AUTHENTICATE, new SaslAuthenticateHandler());
    }

    @SuppressWarnings("unchecked")
    private <R extends AbstractRequest> void register(ApiKeys key, ApiHandler<R> handler) {
        handlers.put(key, (ApiHandler<AbstractRequest>) handler);
        serveAllVersions(key);
    }

    private void serveAllVersions(ApiKeys key) {
        versions.put(key, new short[] {key.oldestVersion(), key.latestVersion()});
    }

    @Override
    public boolean serves(ApiKeys apiKey, short version) {
        short[] range = versions.get(apiKey);
        return range != null && version >= range[0] && version <= range[1];
    }

    @Override
    public CompletableFuture<Reply> handle(RequestContext context, AbstractRequest request, Executor networkThread) {
        if (request.apiKey() == ApiKeys.FETCH) {
            return fetch.handle(context, (FetchRequest) request, networkThread);
        }
        if (request.apiKey() == ApiKeys.PRODUCE) {
            return produce.handle(context, (ProduceRequest) request);
        }
        return handlers.get(request.apiKey()).handle(context, request).thenApply(Reply::of);
    }
}
