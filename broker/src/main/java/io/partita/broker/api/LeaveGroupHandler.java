package io.partita.broker.api;

import io.partita.broker.group.GroupCoordinator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.LeaveGroupRequest;
import org.apache.kafka.common.requests.LeaveGroupResponse;
import org.apache.kafka.common.requests.RequestContext;

/** LeaveGroup: one member up to v2, a batch (by member id or group.instance.id) from v3 on. */
final class LeaveGroupHandler implements ApiHandler<LeaveGroupRequest> {
    private static final short FIRST_BATCH_VERSION = 3;

    private final GroupCoordinator groups;

    LeaveGroupHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, LeaveGroupRequest request) {
        short version = request.version();
        List<LeaveGroupRequestData.MemberIdentity> members = request.members();
        GroupCoordinator.LeaveResult result = groups.leave(request.data().groupId(), members);
        LeaveGroupResponseData data =
                new LeaveGroupResponseData().setErrorCode(result.error().code());
        if (version >= FIRST_BATCH_VERSION) {
            data.setMembers(result.members());
        } else if (result.error() == Errors.NONE && !result.members().isEmpty()) {
            data.setErrorCode(result.members().get(0).errorCode());
        }
        return CompletableFuture.completedFuture(new LeaveGroupResponse(data));
    }
}
