package io.partita.broker.api;

import io.partita.broker.group.GroupCoordinator;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.HeartbeatRequest;
import org.apache.kafka.common.requests.HeartbeatResponse;
import org.apache.kafka.common.requests.RequestContext;

final class HeartbeatHandler implements ApiHandler<HeartbeatRequest> {
    private final GroupCoordinator groups;

    HeartbeatHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, HeartbeatRequest request) {
        HeartbeatRequestData data = request.data();
        var error = groups.heartbeat(data.groupId(), data.memberId(), data.groupInstanceId(), data.generationId());
        return CompletableFuture.completedFuture(
                new HeartbeatResponse(new HeartbeatResponseData().setErrorCode(error.code())));
    }
}
