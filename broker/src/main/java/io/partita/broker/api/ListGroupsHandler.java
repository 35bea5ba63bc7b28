package io.partita.broker.api;

import io.partita.broker.group.GroupCoordinator;
import io.partita.broker.group.GroupState;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ListGroupsRequest;
import org.apache.kafka.common.requests.ListGroupsResponse;
import org.apache.kafka.common.requests.RequestContext;

/** ListGroups: the groups this node coordinates, filtered by state (v4+) and type (v5+; all groups are classic). */
final class ListGroupsHandler implements ApiHandler<ListGroupsRequest> {
    private final GroupCoordinator groups;

    ListGroupsHandler(GroupCoordinator groups) {
        this.groups = groups;
    }

    @Override
    public CompletableFuture<AbstractResponse> handle(RequestContext context, ListGroupsRequest request) {
        Set<GroupState> states = new HashSet<>();
        boolean unknownState = false;
        for (String name : request.data().statesFilter()) {
            var state = GroupState.parse(name);
            if (state.isPresent()) {
                states.add(state.get());
            } else {
                unknownState = true;
            }
        }
        Set<String> types = new HashSet<>();
        request.data().typesFilter().forEach(t -> types.add(t.toLowerCase(Locale.ROOT)));
        ListGroupsResponseData data = new ListGroupsResponseData();
        if (unknownState && states.isEmpty()) {
            // Only states no group can be in: nothing matches.
            return CompletableFuture.completedFuture(new ListGroupsResponse(data));
        }
        GroupCoordinator.Listing listing = groups.listGroups(states, types);
        data.setErrorCode(listing.error().code()).setGroups(listing.groups());
        return CompletableFuture.completedFuture(new ListGroupsResponse(data));
    }
}
