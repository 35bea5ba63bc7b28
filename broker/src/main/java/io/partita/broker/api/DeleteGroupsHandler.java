package io.partita.broker.api;

import io.partita.broker.group.GroupCoordinator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DeleteGroupsRequest;
import org.apache.kafka.common.requests.DeleteGroupsResponse;
import org.apache.kafka.common.requests.RequestContext;

/** DeleteGroups: empty groups only (NON_EMPTY_GROUP otherwise), their offsets with them. */
final class DeleteGroupsHandler implements ApiHandler<DeleteGroupsRequest> {
    private final GroupCoordinator groups;

    DeleteGroupsHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, DeleteGroupsRequest request) {
        DeleteGroupsResponseData data = new DeleteGroupsResponseData();
        List<CompletableFuture<?>> deletions = new ArrayList<>();
        for (String groupId : request.data().groupsNames()) {
            if (data.results().find(groupId) != null) {
                continue;
            }
            DeleteGroupsResponseData.DeletableGroupResult result =
                    new DeleteGroupsResponseData.DeletableGroupResult().setGroupId(groupId);
            data.results().add(result);
            deletions.add(groups.deleteGroup(groupId).thenAccept(error -> result.setErrorCode(error.code())));
        }
        return CompletableFuture.allOf(deletions.toArray(CompletableFuture[]::new))
                .thenApply(v -> new DeleteGroupsResponse(data));
    }
}
