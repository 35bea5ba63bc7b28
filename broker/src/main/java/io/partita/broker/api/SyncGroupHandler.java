package io.partita.broker.api;

import io.partita.broker.group.GroupCoordinator;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestContext;
import org.apache.kafka.common.requests.SyncGroupRequest;
import org.apache.kafka.common.requests.SyncGroupResponse;

/** SyncGroup: parks until the leader's assignment is persisted. */
final class SyncGroupHandler implements ApiHandler<SyncGroupRequest> {
    private final GroupCoordinator groups;

    SyncGroupHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, SyncGroupRequest request) {
        return groups.sync(request.data()).thenApply(SyncGroupResponse::new);
    }
}
