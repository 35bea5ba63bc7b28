package io.partita.broker.api;

import io.partita.broker.group.GroupCoordinator;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DescribeGroupsRequest;
import org.apache.kafka.common.requests.DescribeGroupsResponse;
import org.apache.kafka.common.requests.RequestContext;

final class DescribeGroupsHandler implements ApiHandler<DescribeGroupsRequest> {
    private final GroupCoordinator groups;

    DescribeGroupsHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, DescribeGroupsRequest request) {
        DescribeGroupsResponseData data = new DescribeGroupsResponseData();
        for (String groupId : request.data().groups()) {
            DescribeGroupsResponseData.DescribedGroup described = groups.describe(groupId, request.version());
            if (request.version() < 6) {
                described.setErrorMessage(null);
            }
            if (request.data().includeAuthorizedOperations()) {
                described.setAuthorizedOperations(0);
            }
            data.groups().add(described);
        }
        return CompletableFuture.completedFuture(new DescribeGroupsResponse(data));
    }
}
