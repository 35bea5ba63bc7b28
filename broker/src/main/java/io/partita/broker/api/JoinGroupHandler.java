package io.partita.broker.api;

import io.partita.broker.group.GroupCoordinator;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.JoinGroupRequest;
import org.apache.kafka.common.requests.JoinGroupResponse;
import org.apache.kafka.common.requests.RequestContext;

/** JoinGroup: parks until the group's join phase ends (the coordinator completes the future). */
final class JoinGroupHandler implements ApiHandler<JoinGroupRequest> {
    private final GroupCoordinator groups;

    JoinGroupHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, JoinGroupRequest request) {
        short version = request.version();
        return groups.join(
                        request.data(),
                        context.clientId(),
                        context.clientAddress().toString(),
                        version)
                .thenApply(data -> {
                    if (version < 9) {
                        data.setSkipAssignment(false);
                    }
                    if (version < 7 && data.protocolName() == null) {
                        data.setProtocolName(""); // nullable only from v7
                    }
                    return new JoinGroupResponse(data, version);
                });
    }
}
